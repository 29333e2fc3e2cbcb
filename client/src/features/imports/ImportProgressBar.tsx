import type { ImportJob } from '@loopline/shared';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatRuntime } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import { Button } from '../../ui/Button';
import { formatBytes } from './FileDrop';
import { progressOf } from './progress';

/**
 * The running import [UF3]: a progress bar of bytes read (an accessible
 * `progressbar` with its value), rows so far, rows per second and time
 * left, and Cancel. Before the server reports the job, the bar is
 * indeterminate ("Uploading…").
 */
export function ImportProgressBar({ job, fileSize, cancelling, onCancel }: { job: ImportJob | null; fileSize: number; cancelling: boolean; onCancel: () => void }) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  const p = job ? progressOf(job, fileSize) : null;
  const percent = p?.percent ?? null;
  const label = percent === null ? t('imports.uploading') : t('imports.percent', { percent: formatNumber(percent / 100, lang, { style: 'percent' }) });
  return (
    <div className="import-progress-box">
      <div
        className="progress"
        role="progressbar"
        aria-label={t('imports.progress')}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(percent === null ? {} : { 'aria-valuenow': percent })}
        aria-valuetext={label}
        data-testid="import-progress"
      >
        <div className={`progress-fill ${percent === null ? 'is-indeterminate' : ''}`} style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
      <div className="progress-stats" data-testid="import-progress-stats">
        <span>{label}</span>
        {p && (
          <>
            <span>
              {p.totalBytes ? `${formatBytes(p.bytesRead, lang)} / ${formatBytes(p.totalBytes, lang)}` : formatBytes(p.bytesRead, lang)}
            </span>
            <span data-testid="progress-rows">{t('imports.rows', { count: formatNumber(p.rows, lang) })}</span>
            <span data-testid="progress-rate">{t('imports.rate', { rate: formatNumber(p.rowsPerSecond, lang) })}</span>
            <span data-testid="progress-left">{p.secondsLeft === null ? t('imports.leftUnknown') : t('imports.left', { time: formatRuntime(p.secondsLeft, lang) })}</span>
          </>
        )}
        <Button size="sm" variant="danger" onClick={onCancel} disabled={cancelling} data-testid="import-cancel">
          {cancelling ? t('imports.cancelling') : t('imports.cancel')}
        </Button>
      </div>
    </div>
  );
}
