import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { getSeries, updateSeries } from '../../api/series';
import { BiblePanel } from '../../features/bible/BiblePanel';
import { EpisodeList } from '../../features/episodes/EpisodeList';
import { Badge } from '../../ui/Badge';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { InlineEdit } from '../../ui/InlineEdit';
import { Loading } from '../../ui/States';
import { useAction, useResource } from '../../ui/useResource';
import { useBreadcrumbs } from '../breadcrumbs';

type Tab = 'episodes' | 'bible';

/** Route `/series/:seriesId`: title, then the Episodes | Bible tabs (tab kept in `?tab=` so reload and links keep it). */
export function SeriesPage() {
  const { seriesId = '' } = useParams();
  const { t } = useTranslation('app');
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'bible' ? 'bible' : 'episodes';
  const loader = useCallback((signal: AbortSignal) => getSeries(seriesId, signal), [seriesId]);
  const { data: series, error, loading, reload } = useResource(loader);
  const action = useAction();
  useBreadcrumbs(series ? [{ label: series.title }] : []);

  if (error && !loading) return <div className="page"><ErrorMessage error={error} onRetry={reload} /></div>;
  if (!series) return <div className="page"><Loading /></div>;

  const select = (next: Tab) => setParams(next === 'episodes' ? {} : { tab: next }, { replace: true });
  const tabButton = (id: Tab, label: string, testId: string) => (
    <button
      type="button"
      role="tab"
      id={`tab-${id}`}
      aria-selected={tab === id}
      aria-controls={`panel-${id}`}
      className={`tab ${tab === id ? 'is-active' : ''}`}
      onClick={() => select(id)}
      data-testid={testId}
    >
      {label}
    </button>
  );

  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title">
          <InlineEdit value={series.title} label={t('fields.title')} onSave={(title) => action.run(() => updateSeries(series.id, { title })).then(reload)} testId="series-title" />
        </h1>
        <Badge tone="accent">{t(`scriptLanguage.${series.language}`)}</Badge>
        {series.archived && <Badge tone="muted">{t('common.archived')}</Badge>}
      </div>
      {action.error ? <ErrorMessage error={action.error} onDismiss={action.clearError} /> : null}
      <div className="tabs" role="tablist" aria-label={t('series.tabs')}>
        {tabButton('episodes', t('series.episodesTab'), 'episodes-tab')}
        {tabButton('bible', t('series.bibleTab'), 'bible-tab')}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'episodes' ? <EpisodeList seriesId={series.id} /> : <BiblePanel seriesId={series.id} />}
      </div>
    </div>
  );
}
