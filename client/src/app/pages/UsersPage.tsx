import { useTranslation } from 'react-i18next';
import { UsersPanel } from '../../features/admin/UsersPanel';
import { useBreadcrumbs } from '../breadcrumbs';
import { useCurrentUser } from '../session';

/** Route `/admin/users` (site admins): accounts. */
export function UsersPage() {
  const { t } = useTranslation('app');
  const user = useCurrentUser();
  useBreadcrumbs([{ label: t('account.users') }]);
  return (
    <div className="page page-narrow">
      <UsersPanel currentUserId={user.id} />
    </div>
  );
}
