import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError, CLIENT_ERROR_CODES, fieldOfPath, INVALID_CREDENTIALS } from '../../api/http';
import { reasonKey } from '../../ui/errorReasons';

/**
 * The sentence for a failed sign-in, set-up or password change [UA4]: a wrong
 * pair, a rate limit with its wait, a known catalogue code in the interface
 * language, else the server's own message.
 */
export function authErrorText(error: unknown, t: TFunction, exists: (key: string) => boolean): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : t('errors.unknown', { code: String(error) });
  if (error.code === INVALID_CREDENTIALS) return t('auth.errors.invalidCredentials');
  if (error.status === 429) {
    return error.retryAfterSeconds !== undefined
      ? t('auth.errors.rateLimitedFor', { seconds: error.retryAfterSeconds })
      : t('auth.errors.rateLimited');
  }
  if (error.code === CLIENT_ERROR_CODES.network) return t('errors.network');
  if (error.code === 'validation_failed' && error.details.length > 0) {
    // The server reports a wrong current password as a field error of `currentPassword`.
    if (error.details.some((d) => fieldOfPath(d.path) === 'currentPassword')) return t('auth.errors.wrongCurrentPassword');
    const lines = error.details.map((d) => {
      const field = fieldOfPath(d.path);
      const known = reasonKey(d.message);
      const reason = known ? t(known.key, known.params) : d.message;
      return exists(`fields.${field}`) ? `${t(`fields.${field}`)}: ${reason}` : reason;
    });
    return `${t('errors.codes.validation_failed')} ${lines.join('; ')}`;
  }
  if (exists(`errors.codes.${error.code}`)) return t(`errors.codes.${error.code}`);
  return error.message;
}

/** The alert under an auth form; `testId` lets e2e find it (`login-error`). */
export function AuthError({ error, testId }: { error: unknown; testId: string }) {
  const { t, i18n } = useTranslation('app');
  if (!error) return null;
  const exists = (key: string) => i18n.exists(key, { ns: 'app' });
  return (
    <div className="auth-error" role="alert" data-testid={testId} data-code={error instanceof ApiError ? error.code : undefined}>
      {authErrorText(error, t, exists)}
    </div>
  );
}
