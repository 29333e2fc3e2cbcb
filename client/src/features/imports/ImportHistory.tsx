import type { ImportJob } from '@loopline/shared';
import { useTranslation } from 'react-i18next';
import { errorReportUrl } from '../../api/imports';
import { formatDate, formatNumber } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import { Badge } from '../../ui/Badge';
import { Empty } from '../../ui/States';
import { showBidi } from '../inbox/escapeBidi';

const TONE = { running: 'info', done: 'success', failed: 'warning', cancelled: 'muted' } as const;

/** Past and running imports of the series with their status and counts [UF1]. */
export function ImportHistory({ jobs }: { jobs: readonly ImportJob[] }) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  const n = (v: number) => formatNumber(v, lang);
  if (jobs.length === 0) return <Empty>{t('imports.history.empty')}</Empty>;
  return (
    <table className="data-table" data-testid="import-history">
      <thead>
        <tr>
          <th>{t('imports.history.started')}</th>
          <th>{t('imports.history.file')}</th>
          <th>{t('imports.target')}</th>
          <th>{t('imports.history.status')}</th>
          <th className="num">{t('imports.summary.rows')}</th>
          <th className="num">{t('imports.summary.accepted')}</th>
          <th className="num">{t('imports.summary.duplicates')}</th>
          <th className="num">{t('imports.summary.rejected')}</th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((job) => (
          <tr key={job.id} data-testid="import-history-row" data-status={job.status}>
            <td>{formatDate(job.startedAt, lang, true)}</td>
            <td className="truncate" title={job.fileName ? showBidi(job.fileName) : undefined}>
              {job.fileName ? showBidi(job.fileName) : '—'}
            </td>
            <td>{t(`imports.targets.${job.target}`)}</td>
            <td>
              <Badge tone={TONE[job.status]}>{t(`imports.status.${job.status}`)}</Badge>
            </td>
            <td className="num">{n(job.rowsRead)}</td>
            <td className="num">{n(job.accepted)}</td>
            <td className="num">{n(job.duplicates)}</td>
            <td className="num">
              {job.rejected > 0 ? (
                <a href={errorReportUrl(job.id, 'csv')} download title={t('imports.errors.download')}>
                  {n(job.rejected)}
                </a>
              ) : (
                n(job.rejected)
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
