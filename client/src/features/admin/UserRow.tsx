import { useTranslation } from 'react-i18next';
import type { UserAccount, UserPatchInput } from '../../api/users';
import { formatDate } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { InlineEdit } from '../../ui/InlineEdit';
import type { Action } from '../../ui/useResource';

/**
 * One account: name (renamed inline), e-mail, badges, creation date, and the
 * admin switches. The admin's own row has no switches, so nobody disables or
 * demotes themself by a slip (another admin can).
 */
export function UserRow({ user, isSelf, action, onPatch }: { user: UserAccount; isSelf: boolean; action: Action; onPatch: (patch: UserPatchInput) => Promise<unknown> }) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  return (
    <li className={`user-item ${user.disabled ? 'is-disabled' : ''}`} data-testid="user-item" data-user-id={user.id} data-disabled={user.disabled} data-admin={user.isAdmin}>
      <div className="user-item-main">
        <InlineEdit value={user.displayName} label={t('auth.displayName')} onSave={(displayName) => action.run(() => onPatch({ displayName }))} testId="rename-user" />
        <span className="muted">{user.email}</span>
        {isSelf && <Badge tone="neutral">{t('members.you')}</Badge>}
        {user.isAdmin && <Badge tone="accent">{t('account.siteAdmin')}</Badge>}
        {user.disabled && <Badge tone="muted">{t('users.disabled')}</Badge>}
        <span className="muted">{t('users.created', { date: formatDate(user.createdAt, lang) })}</span>
      </div>
      {!isSelf && (
        <div className="row-actions">
          <Button size="sm" variant="ghost" disabled={action.pending} onClick={() => action.fire(() => onPatch({ isAdmin: !user.isAdmin }))} data-testid="toggle-user-admin">
            {user.isAdmin ? t('users.revokeAdmin') : t('users.makeAdmin')}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            className={user.disabled ? undefined : 'danger-text'}
            disabled={action.pending}
            onClick={() => action.fire(() => onPatch({ disabled: !user.disabled }))}
            data-testid="toggle-user-disabled"
          >
            {user.disabled ? t('users.enable') : t('users.disable')}
          </Button>
        </div>
      )}
    </li>
  );
}
