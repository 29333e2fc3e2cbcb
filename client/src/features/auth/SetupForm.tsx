import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH, type SessionUser, setupFirstAdmin } from '../../api/auth';
import { Button } from '../../ui/Button';
import { AuthError } from './AuthError';
import './auth.css';

/** First run: the first admin's e-mail, name and password → POST /api/auth/setup, which also signs them in [UA5]. */
export function SetupForm({ onSignedIn }: { onSignedIn: (user: SessionUser) => void }) {
  const { t } = useTranslation('app');
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const tooShort = password.length > 0 && password.length < MIN_PASSWORD_LENGTH;
  const ready = email.trim() !== '' && displayName.trim() !== '' && password.length >= MIN_PASSWORD_LENGTH;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending || !ready) return;
    setPending(true);
    setError(null);
    try {
      const answer = await setupFirstAdmin({ email: email.trim(), displayName: displayName.trim(), password });
      onSignedIn(answer.user);
    } catch (err) {
      setError(err);
      setPending(false);
    }
  };

  return (
    <form className="form-stack auth-form" onSubmit={submit} noValidate>
      <label className="field">
        <span className="field-label">{t('auth.email')}</span>
        <input
          className="input"
          type="email"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          data-testid="setup-email"
        />
      </label>
      <label className="field">
        <span className="field-label">{t('auth.displayName')}</span>
        <input className="input" autoComplete="name" value={displayName} maxLength={80} onChange={(e) => setDisplayName(e.target.value)} data-testid="setup-name" />
      </label>
      <label className="field">
        <span className="field-label">{t('auth.password')}</span>
        <input
          className="input"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={tooShort}
          data-testid="setup-password"
        />
        <span className={`field-hint ${tooShort ? 'is-invalid' : ''}`}>{t('auth.passwordHint', { min: MIN_PASSWORD_LENGTH })}</span>
      </label>
      <AuthError error={error} testId="setup-error" />
      <Button type="submit" variant="primary" disabled={pending || !ready} data-testid="setup-submit">
        {t('auth.createAdmin')}
      </Button>
    </form>
  );
}
