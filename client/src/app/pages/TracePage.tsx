import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { listEpisodes } from '../../api/episodes';
import { getFeedbackItem } from '../../api/feedback';
import { getSeries } from '../../api/series';
import { SafeText } from '../../features/inbox/SafeText';
import { ItemTraceView } from '../../features/trace/ItemTraceView';
import { SceneTraceView } from '../../features/trace/SceneTraceView';
import { useResource } from '../../ui/useResource';
import { useBreadcrumbs } from '../breadcrumbs';
import { useEpisodeTrail } from './episodeTrail';

/**
 * Route `/trace/item/:itemId`: a feedback item, then where it led — links,
 * scenes, revisions, their status and release, and the outcome [UR11].
 */
export function ItemTracePage() {
  const { itemId = '' } = useParams();
  const { t } = useTranslation('app');
  // The comment itself heads the page; the trace loads on its own, so a failure here hides only the quote.
  const loader = useCallback(async (signal: AbortSignal) => {
    const detail = await getFeedbackItem(itemId, signal);
    // The series' episodes name the episode an outcome compares with ("before": episode 4), not its id.
    const [series, episodes] = await Promise.all([getSeries(detail.item.seriesId, signal), listEpisodes(detail.item.seriesId, {}, signal)]);
    return { item: detail.item, series, episodes: new Map(episodes.map((e) => [e.id, e])) };
  }, [itemId]);
  const { data } = useResource(loader);
  useBreadcrumbs(data ? [{ label: data.series.title, to: `/series/${data.series.id}?tab=inbox` }, { label: t('trace.itemTitle') }] : [{ label: t('trace.itemTitle') }]);
  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title">{t('trace.itemTitle')}</h1>
      </div>
      {data && (
        <blockquote className="item-quote" data-testid="trace-item-text">
          <SafeText text={data.item.text} />
        </blockquote>
      )}
      <ItemTraceView itemId={itemId} episodes={data?.episodes} />
    </div>
  );
}

/** Route `/trace/scene/:episodeId/:sceneId`: every link ever made to a scene, by revision [UR11]. */
export function SceneTracePage() {
  const { episodeId = '', sceneId = '' } = useParams();
  const { t } = useTranslation('app');
  useEpisodeTrail(episodeId, t('trace.sceneTitle'));
  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title">{t('trace.sceneTitle')}</h1>
      </div>
      <SceneTraceView episodeId={episodeId} sceneId={sceneId} />
    </div>
  );
}
