import { useTranslation } from 'react-i18next';
import { ApiError, CLIENT_ERROR_CODES, fieldOfPath } from '../api/http';
import { Button } from './Button';
import { reasonKey } from './errorReasons';

/**
 * Shows a failed call readably: a headline, a localized message for the
 * server's stable error code (its own message otherwise, and as a tooltip),
 * and one line per invalid field as "Field: reason" so the writer knows what to fix.
 */
export function ErrorMessage({ error, onRetry, onDismiss }: { error: unknown; onRetry?: () => void; onDismiss?: () => void }) {
  const { t, i18n } = useTranslation('app');
  const apiError = error instanceof ApiError ? error : null;
  const fieldLabel = (path: string) => {
    const field = fieldOfPath(path);
    const key = `fields.${field}`;
    return i18n.exists(key, { ns: 'app' }) ? t(key) : field;
  };
  const reason = (text: string) => {
    const known = reasonKey(text);
    return known ? t(known.key, known.params) : text;
  };
  let message: string;
  if (apiError?.code === CLIENT_ERROR_CODES.network) message = t('errors.network');
  else if (apiError && i18n.exists(`errors.codes.${apiError.code}`, { ns: 'app' })) message = t(`errors.codes.${apiError.code}`);
  else if (apiError) message = apiError.message;
  else message = error instanceof Error ? error.message : t('errors.unknown', { code: String(error) });

  return (
    <div className="error-message" role="alert" data-testid="error-message" data-code={apiError?.code}>
      <div className="error-message-body">
        <strong>{t('errors.title')}</strong> <span title={apiError?.message}>{message}</span>
        {apiError && apiError.details.length > 0 && (
          <ul className="error-details">
            {apiError.details.map((d) => (
              <li key={`${d.path}\u0000${d.message}`}>
                {d.path ? <span className="error-field">{fieldLabel(d.path)}: </span> : null}
                {reason(d.message)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="error-message-actions">
        {onRetry && (
          <Button size="sm" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
        {onDismiss && (
          <Button size="sm" variant="ghost" onClick={onDismiss} aria-label={t('common.close')}>
            ×
          </Button>
        )}
      </div>
    </div>
  );
}
