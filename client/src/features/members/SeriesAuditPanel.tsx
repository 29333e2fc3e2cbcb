import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { listSeriesAudit } from '../../api/audit';
import { AuditLog } from '../admin/AuditLog';

/** The Audit tab of a series (`audit.read`): what happened in this series, newest first [UA12]. */
export function SeriesAuditPanel({ seriesId }: { seriesId: string }) {
  const { t } = useTranslation('app');
  const load = useCallback((before: string | undefined, signal?: AbortSignal) => listSeriesAudit(seriesId, before, signal), [seriesId]);
  return (
    <section className="panel" data-testid="series-audit">
      <div className="panel-header">
        <h2 className="panel-title">{t('audit.heading')}</h2>
      </div>
      <AuditLog load={load} showSeries={false} />
    </section>
  );
}
