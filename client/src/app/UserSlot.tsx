import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NamePrompt } from './NamePrompt';
import { useLocalUser } from './useLocalUser';

/**
 * The header's user spot: today the local display name (click to change);
 * issue 3 puts the account menu (sign-in, sign-out) here.
 */
export function UserSlot() {
  const { t } = useTranslation('app');
  const { user, setName } = useLocalUser();
  const [editing, setEditing] = useState(false);
  if (!user) return null;
  return (
    <>
      <button type="button" className="user-slot" title={t('user.change')} onClick={() => setEditing(true)} data-testid="user-menu">
        <span className="user-dot" style={{ background: user.color }} aria-hidden="true" />
        <span className="user-name">{user.name}</span>
      </button>
      {editing && (
        <NamePrompt
          initial={user.name}
          onCancel={() => setEditing(false)}
          onSubmit={(name) => {
            setName(name);
            setEditing(false);
          }}
        />
      )}
    </>
  );
}
