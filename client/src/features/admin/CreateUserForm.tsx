import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../../api/auth';
import { createUser } from '../../api/users';
import { Button } from '../../ui/Button';

/** E-mail, name, an initial password and "site admin" → POST /api/users; clears itself on success. */
export function CreateUserForm({ run, pending, onCreated }: { run: <R>(fn: () => Promise<R>) => Promise<R>; pending: boolean; onCreated: () => void }) {
  const { t } = useTranslation('app');
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [isAdmin, setIsAdmin] = useState(false);
  const ready = email.trim() !== '' && displayName.trim() !== '' && password.length >= MIN_PASSWORD_LENGTH;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    try {
      await run(() => createUser({ email: email.trim(), displayName: displayName.trim(), password, isAdmin }));
      setEmail('');
      setDisplayName('');
      setPassword('');
      setIsAdmin(false);
      onCreated();
    } catch {
      // Shown by the page's error area; what was typed stays for a retry.
    }
  };

  return (
    <form className="create-user-form" onSubmit={submit} data-testid="create-user-form">
      <input
        className="input"
        type="email"
        autoCapitalize="none"
        spellCheck={false}
        aria-label={t('auth.email')}
        placeholder={t('auth.email')}
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        data-testid="new-user-email"
      />
      <input
        className="input"
        aria-label={t('auth.displayName')}
        placeholder={t('auth.displayName')}
        value={displayName}
        maxLength={80}
        onChange={(e) => setDisplayName(e.target.value)}
        data-testid="new-user-name"
      />
      <input
        className="input"
        type="password"
        autoComplete="new-password"
        aria-label={t('users.initialPassword')}
        placeholder={t('users.initialPassword')}
        title={t('auth.passwordHint', { min: MIN_PASSWORD_LENGTH })}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        data-testid="new-user-password"
      />
      <label className="toggle">
        <input type="checkbox" checked={isAdmin} onChange={(e) => setIsAdmin(e.target.checked)} data-testid="new-user-admin" />
        {t('account.siteAdmin')}
      </label>
      <Button type="submit" variant="primary" disabled={pending || !ready} data-testid="create-user">
        {t('users.create')}
      </Button>
    </form>
  );
}
