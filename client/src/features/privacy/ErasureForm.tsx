import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { eraseViewer } from '../../api/privacy';
import { formatNumber } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { PlatformOptions } from '../../ui/Options';
import { useAction } from '../../ui/useResource';
import { showBidi } from '../inbox/escapeBidi';

/**
 * Erasure of one viewer [UF12]: their handle as the platform shows it (the
 * server turns it into the series' pseudonym; it is not stored), an optional
 * platform, a confirmation naming what will go, then the number of items
 * deleted. The handle is cleared afterwards so it does not linger on screen.
 */
export function ErasureForm({ seriesId }: { seriesId: string }) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  const id = useId();
  const [handle, setHandle] = useState('');
  const [platform, setPlatform] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<number | null>(null);
  const action = useAction();
  const trimmed = handle.trim();

  const ask = (event: FormEvent) => {
    event.preventDefault();
    if (trimmed !== '') setConfirming(true);
  };
  const erase = () => {
    setConfirming(false);
    action.fire(() =>
      eraseViewer(seriesId, platform ? { handle: trimmed, platform } : { handle: trimmed }).then((r) => {
        setResult(r.itemsDeleted);
        setHandle('');
      }),
    );
  };

  return (
    <div className="erasure-form">
      <form className="field-row" onSubmit={ask} data-testid="erasure-form">
        <label className="filter-field" htmlFor={`${id}-handle`}>
          <span>{t('privacy.handle')}</span>
          <input
            id={`${id}-handle`}
            className="input"
            value={handle}
            autoComplete="off"
            spellCheck={false}
            placeholder={t('privacy.handlePlaceholder')}
            onChange={(e) => {
              setHandle(e.target.value);
              setResult(null);
            }}
            data-testid="erasure-handle"
          />
        </label>
        <label className="filter-field" htmlFor={`${id}-platform`}>
          <span>{t('privacy.platform')}</span>
          <select id={`${id}-platform`} className="select" value={platform} onChange={(e) => setPlatform(e.target.value)} data-testid="erasure-platform">
            <option value="">{t('privacy.anyPlatform')}</option>
            <PlatformOptions />
          </select>
        </label>
        <Button type="submit" variant="danger" disabled={trimmed === '' || action.pending} data-testid="erasure-submit">
          {t('privacy.erase')}
        </Button>
      </form>
      <p className="muted">{t('privacy.erasureHint')}</p>
      {result !== null && (
        <p className="form-note" role="status" data-testid="erasure-result" data-deleted={result}>
          {t('privacy.erased', { count: formatNumber(result, lang) })}
        </p>
      )}
      {action.error ? <ErrorMessage error={action.error} onDismiss={action.clearError} /> : null}
      {confirming && (
        <Dialog title={t('privacy.confirmErase', { handle: showBidi(trimmed) })} onClose={() => setConfirming(false)} testId="erasure-confirm-dialog">
          <p className="muted">{platform ? t('privacy.confirmEraseOn', { platform: t(`platforms.${platform}`) }) : t('privacy.confirmEraseAll')}</p>
          <div className="form-actions">
            <Button onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
            <Button variant="danger" onClick={erase} data-testid="erasure-confirm">
              {t('privacy.erase')}
            </Button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
