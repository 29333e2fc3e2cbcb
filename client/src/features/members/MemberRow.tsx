import { useTranslation } from 'react-i18next';
import type { Member } from '../../api/members';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { RoleBadge } from './RoleBadge';
import { RoleSelect } from './RoleSelect';

/** Props of {@link MemberRow}. */
export interface MemberRowProps {
  member: Member;
  /** Show the role picker and the remove button. */
  editable: boolean;
  isSelf: boolean;
  pending: boolean;
  onRoleChange: (role: Member['role']) => void;
  onRemove: () => void;
}

/** One member: name, e-mail, role (a picker for managers), remove. */
export function MemberRow({ member, editable, isSelf, pending, onRoleChange, onRemove }: MemberRowProps) {
  const { t } = useTranslation('app');
  return (
    <li className="member-item" data-testid="member-item" data-user-id={member.userId} data-role={member.role}>
      <div className="member-item-main">
        <span className="member-name">{member.displayName}</span>
        {isSelf && <Badge tone="neutral">{t('members.you')}</Badge>}
        <span className="muted member-email">{member.email}</span>
      </div>
      <div className="row-actions">
        {editable ? (
          <>
            <RoleSelect
              value={member.role}
              onChange={onRoleChange}
              disabled={pending}
              label={t('members.roleOf', { name: member.displayName })}
              testId="member-role"
            />
            <Button size="sm" variant="ghost" className="danger-text" disabled={pending} onClick={onRemove} data-testid="remove-member">
              {t('members.remove')}
            </Button>
          </>
        ) : (
          <RoleBadge role={member.role} />
        )}
      </div>
    </li>
  );
}
