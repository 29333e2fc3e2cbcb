import type { Role } from '@loopline/shared';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../ui/Badge';

// Tones group the roles by what they may do: run the series, write, operate, only read.
const TONE: Record<Role, BadgeTone> = {
  admin: 'accent',
  showrunner: 'accent',
  writer: 'info',
  operations: 'warning',
  reviewer: 'muted',
};

/** The user's role in a series, as a pill (`role-badge`, `data-role`) [UA10]. */
export function RoleBadge({ role }: { role: Role }) {
  const { t } = useTranslation('app');
  return (
    <span className="role-badge" data-testid="role-badge" data-role={role} title={t(`roles.hint.${role}`)}>
      <Badge tone={TONE[role]}>{t(`roles.${role}`)}</Badge>
    </span>
  );
}
