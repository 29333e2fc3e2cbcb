import { useTranslation } from 'react-i18next';
import { listAudit } from '../../api/audit';
import { AuditLog } from './AuditLog';

/** The whole site's audit log (site admins): logins, accounts, roles, imports, erasures, approvals. */
export function AuditLogPanel() {
  const { t } = useTranslation('app');
  return (
    <section className="panel" data-testid="audit-page">
      <div className="panel-header">
        <h1 className="panel-title">{t('audit.siteHeading')}</h1>
      </div>
      <AuditLog load={listAudit} showSeries />
    </section>
  );
}
