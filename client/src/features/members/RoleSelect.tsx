import { ROLES, type Role } from '@loopline/shared';
import { useTranslation } from 'react-i18next';

/** A picker of series roles, each named in the interface language. */
export function RoleSelect({
  value,
  onChange,
  disabled,
  label,
  testId,
}: {
  value: Role;
  onChange: (role: Role) => void;
  disabled?: boolean;
  label: string;
  testId: string;
}) {
  const { t } = useTranslation('app');
  return (
    <select
      className="select"
      value={value}
      aria-label={label}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value as Role)}
      data-testid={testId}
    >
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {t(`roles.${role}`)}
        </option>
      ))}
    </select>
  );
}
