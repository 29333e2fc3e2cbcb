import type { Language } from '@loopline/shared';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listSeries } from '../../api/series';
import { uiLanguageOf } from '../../i18n/instance';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Empty, Loading } from '../../ui/States';
import { useAction, useResource } from '../../ui/useResource';
import { CreateSeriesForm } from './CreateSeriesForm';
import { SeriesRow } from './SeriesRow';

/**
 * The home page body: the series the user belongs to (optionally with archived
 * ones); the create form shows with `canCreate`; rename and archive follow
 * each series' role [UA10].
 */
export function SeriesList({ canCreate }: { canCreate: boolean }) {
  const { t, i18n } = useTranslation('app');
  const [showArchived, setShowArchived] = useState(false);
  const loader = useCallback((signal: AbortSignal) => listSeries({ includeArchived: showArchived }, signal), [showArchived]);
  const { data, error, loading, reload } = useResource(loader);
  const action = useAction();
  // A new series starts in the language the writer is using the app in.
  const defaultLanguage: Language = uiLanguageOf(i18n);

  return (
    <section className="panel series-panel">
      <div className="panel-header">
        <h1 className="panel-title">{t('series.heading')}</h1>
        <label className="toggle">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} data-testid="show-archived-series" />
          {t('common.showArchived')}
        </label>
      </div>
      {canCreate && <CreateSeriesForm defaultLanguage={defaultLanguage} run={action.run} pending={action.pending} onCreated={reload} />}
      {action.error ? <ErrorMessage error={action.error} onDismiss={action.clearError} /> : null}
      {error && !loading ? <ErrorMessage error={error} onRetry={reload} /> : null}
      {loading && !data ? <Loading /> : null}
      {data && data.length === 0 ? (
        <Empty>{showArchived ? t('series.emptyArchived') : canCreate ? t('series.empty') : t('series.emptyMember')}</Empty>
      ) : null}
      {data ? (
        <ul className="series-list" data-testid="series-list" aria-busy={loading}>
          {data.map((series) => (
            <SeriesRow key={series.id} series={series} action={action} onChanged={reload} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
