import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { getEpisode } from '../../api/episodes';
import { getSeries } from '../../api/series';
import { useResource } from '../../ui/useResource';
import { useBreadcrumbs } from '../breadcrumbs';

/**
 * The trail of a page under an episode — "series › Ep. n title › label" —
 * for pages that load nothing else about the episode (diff, scene trace).
 * Until the episode and series have loaded, the trail is the label alone.
 */
export function useEpisodeTrail(episodeId: string, label: string): void {
  const { t } = useTranslation('app');
  const loader = useCallback(
    async (signal: AbortSignal) => {
      const episode = await getEpisode(episodeId, signal);
      return { episode, series: await getSeries(episode.seriesId, signal) };
    },
    [episodeId],
  );
  const { data } = useResource(loader);
  useBreadcrumbs(
    data
      ? [
          { label: data.series.title, to: `/series/${data.series.id}` },
          { label: `${t('episodes.short', { number: data.episode.number })} ${data.episode.title}`, to: `/episodes/${data.episode.id}` },
          { label },
        ]
      : [{ label }],
  );
}
