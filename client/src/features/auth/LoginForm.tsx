import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { login, type SessionUser } from '../../api/auth';
import { Button } from '../../ui/Button';
import { AuthError } from './AuthError';
import './auth.css';

/** E-mail + password → POST /api/auth/login; reports the signed-in user, or shows why not [UA4]. */
export function LoginForm({ onSignedIn }: { onSignedIn: (user: SessionUser) => void }) {
  const { t } = useTranslation('app');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      const answer = await login({ email: email.trim(), password });
      onSignedIn(answer.user);
    } catch (err) {
      setError(err);
      // The e-mail stays; the password is typed again, as on every sign-in form.
      setPassword('');
      passwordInput.current?.focus();
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
          data-testid="login-email"
        />
      </label>
      <label className="field">
        <span className="field-label">{t('auth.password')}</span>
        <input
          ref={passwordInput}
          className="input"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="login-password"
        />
      </label>
      <AuthError error={error} testId="login-error" />
      <Button type="submit" variant="primary" disabled={pending || email.trim() === '' || password === ''} data-testid="login-submit">
        {pending ? t('auth.signingIn') : t('auth.signIn')}
      </Button>
    </form>
  );
}
