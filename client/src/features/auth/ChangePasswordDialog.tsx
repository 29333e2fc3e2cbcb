import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changePassword, MIN_PASSWORD_LENGTH } from '../../api/auth';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { AuthError } from './AuthError';
import './auth.css';

/** Current + new password (typed twice) → POST /api/auth/password; closes with `onDone` on success [UA6]. */
export function ChangePasswordDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation('app');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const tooShort = next.length > 0 && next.length < MIN_PASSWORD_LENGTH;
  const mismatch = repeat.length > 0 && repeat !== next;
  const ready = current !== '' && next.length >= MIN_PASSWORD_LENGTH && repeat === next;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending || !ready) return;
    setPending(true);
    setError(null);
    try {
      await changePassword({ currentPassword: current, newPassword: next });
      onDone();
    } catch (err) {
      setError(err);
      setPending(false);
    }
  };

  const field = (label: string, value: string, set: (v: string) => void, testId: string, autoComplete: string, hint?: { text: string; invalid: boolean }) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        className="input"
        type="password"
        autoComplete={autoComplete}
        value={value}
        onChange={(e) => set(e.target.value)}
        aria-invalid={hint?.invalid}
        data-testid={testId}
      />
      {hint && <span className={`field-hint ${hint.invalid ? 'is-invalid' : ''}`}>{hint.text}</span>}
    </label>
  );

  return (
    <Dialog title={t('auth.changePassword')} onClose={onClose} testId="change-password">
      <form className="form-stack auth-form" onSubmit={submit} noValidate>
        {field(t('auth.currentPassword'), current, setCurrent, 'current-password', 'current-password')}
        {field(t('auth.newPassword'), next, setNext, 'new-password', 'new-password', { text: t('auth.passwordHint', { min: MIN_PASSWORD_LENGTH }), invalid: tooShort })}
        {field(t('auth.repeatPassword'), repeat, setRepeat, 'repeat-password', 'new-password', mismatch ? { text: t('auth.passwordMismatch'), invalid: true } : undefined)}
        <AuthError error={error} testId="change-password-error" />
        <div className="form-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={pending || !ready} data-testid="change-password-submit">
            {t('auth.changePassword')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
