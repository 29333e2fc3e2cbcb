import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyRetention, type PrivacySettings, setPrivacy } from '../../api/privacy';
import { formatNumber } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useResource';

/** Parses the days field: blank = keep forever (null); a whole number ≥ 1; anything else is invalid (undefined). */
export function parseRetentionDays(text: string): number | null | undefined {
  const value = text.trim();
  if (value === '') return null;
  if (!/^\d+$/.test(value)) return undefined;
  const days = Number(value);
  return days >= 1 ? days : undefined;
}

/**
 * Retention of raw items [UF12]: a number of days (blank keeps them), saved
 * on its own; "Apply now" deletes older items after a confirmation and says
 * how many went. Aggregates (metrics, counts) stay.
 */
export function RetentionForm({ seriesId, settings, onSaved }: { seriesId: string; settings: PrivacySettings; onSaved: () => void }) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  const id = useId();
  const [text, setText] = useState(settings.retentionDays === null ? '' : String(settings.retentionDays));
  const [confirming, setConfirming] = useState(false);
  const [deleted, setDeleted] = useState<number | null>(null);
  const action = useAction();
  useEffect(() => setText(settings.retentionDays === null ? '' : String(settings.retentionDays)), [settings.retentionDays]);
  const days = parseRetentionDays(text);
  const changed = days !== undefined && days !== settings.retentionDays;

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (days === undefined) return;
    action.fire(() => setPrivacy(seriesId, { retentionDays: days }).then(onSaved));
  };
  const apply = () => {
    setConfirming(false);
    action.fire(() => applyRetention(seriesId).then((r) => setDeleted(r.deleted)));
  };

  return (
    <div className="retention-form">
      <form className="field-row" onSubmit={save}>
        <label className="filter-field" htmlFor={`${id}-days`}>
          <span>{t('privacy.retentionDays')}</span>
          <input
            id={`${id}-days`}
            className="input narrow"
            type="number"
            min={1}
            inputMode="numeric"
            value={text}
            placeholder={t('privacy.keepForever')}
            aria-invalid={days === undefined}
            onChange={(e) => setText(e.target.value)}
            data-testid="privacy-retention-days"
          />
        </label>
        <Button type="submit" variant="primary" disabled={!changed || action.pending} data-testid="privacy-save">
          {t('common.save')}
        </Button>
        <Button variant="danger" disabled={settings.retentionDays === null || action.pending} onClick={() => setConfirming(true)} data-testid="privacy-apply">
          {t('privacy.applyNow')}
        </Button>
      </form>
      <p className="muted">{settings.retentionDays === null ? t('privacy.keptForever') : t('privacy.keptFor', { days: formatNumber(settings.retentionDays, lang) })}</p>
      {days === undefined && <p className="form-error">{t('privacy.invalidDays')}</p>}
      {deleted !== null && (
        <p className="form-note" role="status" data-testid="privacy-applied" data-deleted={deleted}>
          {t('privacy.applied', { count: formatNumber(deleted, lang) })}
        </p>
      )}
      {action.error ? <ErrorMessage error={action.error} onDismiss={action.clearError} /> : null}
      {confirming && settings.retentionDays !== null && (
        <Dialog title={t('privacy.confirmApply', { days: formatNumber(settings.retentionDays, lang) })} onClose={() => setConfirming(false)}>
          <p className="muted">{t('privacy.confirmApplyHint')}</p>
          <div className="form-actions">
            <Button onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
            <Button variant="danger" onClick={apply} data-testid="privacy-apply-confirm">
              {t('privacy.applyNow')}
            </Button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
