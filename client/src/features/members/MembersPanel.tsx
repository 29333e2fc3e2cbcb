import { ROLES } from '@loopline/shared';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listMembers, type Member, removeMember, updateMemberRole } from '../../api/members';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Empty, Loading } from '../../ui/States';
import { useAction, useResource } from '../../ui/useResource';
import { AddMemberForm } from './AddMemberForm';
import { MemberRow } from './MemberRow';
import './members.css';

/** Members listed by role (showrunners first), then by name. */
export function sortMembers(members: readonly Member[]): Member[] {
  return [...members].sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.displayName.localeCompare(b.displayName));
}

/**
 * The Members tab [UA11]: who is in the series with which role. With
 * `canManage` (members.manage): add by e-mail with a role, change a role,
 * remove with confirmation. The user's own row is never editable here, so a
 * showrunner cannot lock themself out by a slip.
 */
export function MembersPanel({ seriesId, canManage, currentUserId }: { seriesId: string; canManage: boolean; currentUserId: string }) {
  const { t } = useTranslation('app');
  const loader = useCallback((signal: AbortSignal) => listMembers(seriesId, signal), [seriesId]);
  const { data, error, loading, reload } = useResource(loader);
  const action = useAction();
  const [confirming, setConfirming] = useState<Member | null>(null);
  const members = data ? sortMembers(data) : undefined;

  const remove = (member: Member) => {
    setConfirming(null);
    action.fire(() => removeMember(seriesId, member.userId).then(reload));
  };

  return (
    <section className="panel members-panel" data-testid="members-panel">
      <div className="panel-header">
        <h2 className="panel-title">{t('members.heading')}</h2>
        {members && <span className="muted">{members.length}</span>}
      </div>
      {canManage && <AddMemberForm seriesId={seriesId} onAdded={reload} />}
      {action.error ? <ErrorMessage error={action.error} onDismiss={action.clearError} /> : null}
      {error && !loading ? <ErrorMessage error={error} onRetry={reload} /> : null}
      {loading && !members ? <Loading /> : null}
      {members && members.length === 0 ? <Empty>{t('members.empty')}</Empty> : null}
      {members && members.length > 0 ? (
        <ul className="member-list" data-testid="member-list" aria-busy={loading}>
          {members.map((member) => (
            <MemberRow
              key={member.userId}
              member={member}
              isSelf={member.userId === currentUserId}
              editable={canManage && member.userId !== currentUserId}
              pending={action.pending}
              onRoleChange={(role) => action.fire(() => updateMemberRole(seriesId, member.userId, role).then(reload))}
              onRemove={() => setConfirming(member)}
            />
          ))}
        </ul>
      ) : null}
      {confirming && (
        <Dialog title={t('members.confirmRemove', { name: confirming.displayName })} onClose={() => setConfirming(null)}>
          <p className="muted">{t('members.removeHint')}</p>
          <div className="form-actions">
            <Button onClick={() => setConfirming(null)}>{t('common.cancel')}</Button>
            <Button variant="danger" onClick={() => remove(confirming)} data-testid="confirm-remove-member">
              {t('members.remove')}
            </Button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
