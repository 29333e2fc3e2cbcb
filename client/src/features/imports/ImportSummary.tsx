import type { ImportJob, RowError } from '@loopline/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { errorReportUrl, getImportErrors } from '../../api/imports';
import { formatNumber } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/States';
import { useResource } from '../../ui/useResource';
import { RowErrorTable } from './PreviewTable';
import { outcomeOf } from './progress';

/** Rows of the error report shown in the page; the download has all of them. */
export const SHOWN_ERRORS = 100;

/** The first rejected rows of a finished import, and the link to the full report [UF4]. */
function ImportErrors({ job }: { job: ImportJob }) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  const loader = useCallback((signal: AbortSignal) => getImportErrors(job.id, signal), [job.id]);
  const { data, error, loading, reload } = useResource<RowError[]>(loader);
  return (
    <div className="import-errors-box">
      <div className="panel-header">
        <h3 className="panel-title">{t('imports.errors.heading', { count: formatNumber(job.rejected, lang) })}</h3>
        <a href={errorReportUrl(job.id, 'csv')} download className="btn btn-sm" data-testid="import-error-report">
          {t('imports.errors.download')}
        </a>
      </div>
      {error && !loading ? <ErrorMessage error={error} onRetry={reload} /> : null}
      {loading && !data ? <Loading /> : null}
      {data && <RowErrorTable errors={data.slice(0, SHOWN_ERRORS)} testId="import-errors" rowTestId="import-error-row" />}
      {data && job.rejected > SHOWN_ERRORS && <p className="muted">{t('imports.errors.more', { shown: formatNumber(SHOWN_ERRORS, lang), total: formatNumber(job.rejected, lang) })}</p>}
    </div>
  );
}

/**
 * The end of an import [UF4]: status, rows read = accepted + rejected, how
 * many accepted rows were duplicates, and a sentence saying how many rows
 * are new — a re-import says it added 0 — then the rejected rows.
 */
export function ImportSummary({ job }: { job: ImportJob }) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  const n = (v: number) => formatNumber(v, lang);
  const outcome = outcomeOf(job);
  return (
    <div
      className={`import-summary status-${job.status}`}
      data-testid="import-summary"
      data-status={job.status}
      data-accepted={job.accepted}
      data-rejected={job.rejected}
      data-duplicates={job.duplicates}
      data-rows={job.rowsRead}
    >
      <p className="import-status" data-testid="import-status">
        <strong>{t(`imports.status.${job.status}`)}</strong>
        {job.error && <> — {job.error}</>}
      </p>
      <p className="import-outcome" data-testid="import-outcome">
        {t(outcome.key, { added: n(outcome.added), duplicates: n(outcome.duplicates) })}
      </p>
      <dl className="summary-grid">
        <dt>{t('imports.summary.rows')}</dt>
        <dd>{n(job.rowsRead)}</dd>
        <dt>{t('imports.summary.accepted')}</dt>
        <dd>{n(job.accepted)}</dd>
        <dt>{t('imports.summary.duplicates')}</dt>
        <dd>{n(job.duplicates)}</dd>
        <dt>{t('imports.summary.rejected')}</dt>
        <dd>{n(job.rejected)}</dd>
      </dl>
      {job.rejected > 0 && <ImportErrors job={job} />}
    </div>
  );
}
