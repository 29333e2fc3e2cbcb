import { type DragEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';

/** File size as KB / MB / GB with the locale's digits. */
export function formatBytes(bytes: number, lang: 'en' | 'zh'): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatNumber(value, lang, { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}

/**
 * Picks the export to import [UF1]: a file input, and the whole box as a
 * drop target. Only a reference to the file is kept; nothing is read here
 * (a 1 GB export must not be loaded into the page).
 */
export function FileDrop({ file, onFile, disabled }: { file: File | null; onFile: (file: File) => void; disabled?: boolean }) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  const id = useId();
  const [over, setOver] = useState(false);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const dropped = event.dataTransfer?.files?.[0];
    if (dropped && !disabled) onFile(dropped);
  };

  // The whole box is the input's label, so a click anywhere opens the picker and a drop anywhere lands.
  return (
    <div className="file-drop-box">
      <label
        htmlFor={id}
        className={`file-drop ${over ? 'is-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          if (!disabled) setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="import-drop"
      >
        <strong>{t('imports.chooseFile')}</strong>
        <span className="muted">{t('imports.dropHint')}</span>
        <input
          id={id}
          type="file"
          className="file-input"
          accept=".csv,.tsv,.txt,.json,.ndjson,.jsonl,.xml,text/csv,application/json,application/x-ndjson,text/xml"
          disabled={disabled}
          onChange={(e) => {
            const chosen = e.target.files?.[0];
            if (chosen) onFile(chosen);
          }}
          data-testid="import-file"
        />
      </label>
      {file && (
        <div className="file-chosen" data-testid="import-file-name">
          {file.name} · {formatBytes(file.size, lang)}
        </div>
      )}
    </div>
  );
}
