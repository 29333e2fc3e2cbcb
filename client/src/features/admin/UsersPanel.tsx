import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { listUsers, updateUser } from '../../api/users';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Empty, Loading } from '../../ui/States';
import { useAction, useResource } from '../../ui/useResource';
import { CreateUserForm } from './CreateUserForm';
import { UserRow } from './UserRow';
import './admin.css';

/**
 * The site admin's accounts page [UA13]: every account with its state;
 * create one, rename, make or revoke site admin, disable or enable (disabling
 * ends that user's sessions and sockets on the server).
 */
export function UsersPanel({ currentUserId }: { currentUserId: string }) {
  const { t } = useTranslation('app');
  const { data, error, loading, reload } = useResource(useCallback((signal: AbortSignal) => listUsers(signal), []));
  const action = useAction();
  const users = data ? [...data].sort((a, b) => Number(a.disabled) - Number(b.disabled) || a.displayName.localeCompare(b.displayName)) : undefined;

  return (
    <section className="panel users-panel" data-testid="users-page">
      <div className="panel-header">
        <h1 className="panel-title">{t('users.heading')}</h1>
        {users && <span className="muted">{users.length}</span>}
      </div>
      <CreateUserForm run={action.run} pending={action.pending} onCreated={reload} />
      {action.error ? <ErrorMessage error={action.error} onDismiss={action.clearError} /> : null}
      {error && !loading ? <ErrorMessage error={error} onRetry={reload} /> : null}
      {loading && !users ? <Loading /> : null}
      {users && users.length === 0 ? <Empty>{t('users.empty')}</Empty> : null}
      {users && users.length > 0 ? (
        <ul className="user-list" aria-busy={loading}>
          {users.map((user) => (
            <UserRow key={user.id} user={user} isSelf={user.id === currentUserId} action={action} onPatch={(patch) => updateUser(user.id, patch).then(reload)} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
