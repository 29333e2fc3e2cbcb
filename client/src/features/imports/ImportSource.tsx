import { type Episode, IMPORT_TARGETS, type ImportTarget } from '@loopline/shared';
import { useTranslation } from 'react-i18next';
import type { ImportEncodingChoice, ImportFormatChoice } from '../../api/imports';
import { EpisodeOptions, PlatformOptions } from '../../ui/Options';
import { FileDrop } from './FileDrop';

/** The choices made before the preview: what the file is and what it fills. */
export interface SourceChoice {
  file: File | null;
  target: ImportTarget;
  /** '' = the episode comes from a column. */
  episodeId: string;
  /** '' = the platform comes from a column (or the preset). */
  platform: string;
  format: ImportFormatChoice;
  encoding: ImportEncodingChoice;
  /** '' = detect. */
  delimiter: string;
}

/** A fresh form: feedback, everything detected, episode and platform from columns. */
export const EMPTY_SOURCE: SourceChoice = { file: null, target: 'feedback', episodeId: '', platform: '', format: 'auto', encoding: 'auto', delimiter: '' };

const FORMATS: ImportFormatChoice[] = ['auto', 'csv', 'json', 'ndjson', 'danmaku-xml'];
const ENCODINGS: ImportEncodingChoice[] = ['auto', 'utf-8', 'gb18030'];
const DELIMITERS = ['', ',', ';', '\t', '|'];

/** Step 1 of an import [UF1]: the file, the target, a fixed episode or "from a column", the platform, and overrides of what is detected. */
export function ImportSource({ value, episodes, disabled, onChange }: { value: SourceChoice; episodes: Episode[]; disabled: boolean; onChange: (next: SourceChoice) => void }) {
  const { t } = useTranslation('app');
  const set = <K extends keyof SourceChoice>(key: K, v: SourceChoice[K]) => onChange({ ...value, [key]: v });
  return (
    <div className="import-source">
      <FileDrop file={value.file} onFile={(file) => set('file', file)} disabled={disabled} />
      <div className="import-options">
        <label className="filter-field">
          <span>{t('imports.target')}</span>
          <select className="select" value={value.target} disabled={disabled} onChange={(e) => set('target', e.target.value as ImportTarget)} data-testid="import-target">
            {IMPORT_TARGETS.map((target) => (
              <option key={target} value={target}>
                {t(`imports.targets.${target}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter-field">
          <span>{t('imports.episode')}</span>
          <select className="select" value={value.episodeId} disabled={disabled} onChange={(e) => set('episodeId', e.target.value)} data-testid="import-episode">
            <option value="">{t('imports.fromColumn')}</option>
            <EpisodeOptions episodes={episodes} />
          </select>
        </label>
        <label className="filter-field">
          <span>{t('imports.platform')}</span>
          <select className="select" value={value.platform} disabled={disabled} onChange={(e) => set('platform', e.target.value)} data-testid="import-platform">
            <option value="">{t('imports.fromColumn')}</option>
            <PlatformOptions />
          </select>
        </label>
        <label className="filter-field">
          <span>{t('imports.format')}</span>
          <select className="select" value={value.format} disabled={disabled} onChange={(e) => set('format', e.target.value as ImportFormatChoice)} data-testid="import-format">
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {f === 'auto' ? t('imports.detect') : t(`imports.formats.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter-field">
          <span>{t('imports.encoding')}</span>
          <select className="select" value={value.encoding} disabled={disabled} onChange={(e) => set('encoding', e.target.value as ImportEncodingChoice)} data-testid="import-encoding">
            {ENCODINGS.map((enc) => (
              <option key={enc} value={enc}>
                {enc === 'auto' ? t('imports.detect') : enc.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <label className="filter-field">
          <span>{t('imports.delimiter')}</span>
          <select className="select" value={value.delimiter} disabled={disabled} onChange={(e) => set('delimiter', e.target.value)} data-testid="import-delimiter">
            {DELIMITERS.map((d) => (
              <option key={d} value={d}>
                {d === '' ? t('imports.detect') : d === '\t' ? 'TAB' : d}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
