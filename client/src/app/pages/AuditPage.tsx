import { useTranslation } from 'react-i18next';
import { AuditLogPanel } from '../../features/admin/AuditLogPanel';
import { useBreadcrumbs } from '../breadcrumbs';

/** Route `/admin/audit` (site admins): the site-wide audit log. */
export function AuditPage() {
  const { t } = useTranslation('app');
  useBreadcrumbs([{ label: t('account.auditLog') }]);
  return (
    <div className="page">
      <AuditLogPanel />
    </div>
  );
}
