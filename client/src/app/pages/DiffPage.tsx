import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { getEpisode } from '../../api/episodes';
import { getSeries } from '../../api/series';
import { DiffView } from '../../features/revisions/DiffView';
import { useResource } from '../../ui/useResource';
import { useBreadcrumbs } from '../breadcrumbs';

/** Route `/episodes/:episodeId/diff?from=&to=`: compare two revisions, or one with the live script [UR5]. */
export function DiffPage() {
  const { episodeId = '' } = useParams();
  const { t } = useTranslation('app');
  const [params, setParams] = useSearchParams();
  const loader = useCallback(async (signal: AbortSignal) => {
    const episode = await getEpisode(episodeId, signal);
    return { episode, series: await getSeries(episode.seriesId, signal) };
  }, [episodeId]);
  const { data } = useResource(loader);
  useBreadcrumbs(
    data
      ? [
          { label: data.series.title, to: `/series/${data.series.id}` },
          { label: `${t('episodes.short', { number: data.episode.number })} ${data.episode.title}`, to: `/episodes/${data.episode.id}` },
          { label: t('revisions.diff.title') },
        ]
      : [{ label: t('revisions.diff.title') }],
  );
  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title">{t('revisions.diff.title')}</h1>
      </div>
      <DiffView episodeId={episodeId} from={params.get('from')} to={params.get('to')} onPick={(from, to) => setParams({ from, to }, { replace: true })} />
    </div>
  );
}
