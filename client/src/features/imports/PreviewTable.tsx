import type { RowError } from '@loopline/shared';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../api/imports';
import { SafeText } from '../inbox/SafeText';

/** Rows of the sample shown; the server may send more. */
const SAMPLE_ROWS = 8;

/** A cell of the sample: exported values are viewer data, rendered as inert text. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Row errors as a table: line, column, reason [UF4]. */
export function RowErrorTable({ errors, testId, rowTestId }: { errors: readonly RowError[]; testId: string; rowTestId: string }) {
  const { t } = useTranslation('app');
  return (
    <table className="data-table import-errors" data-testid={testId}>
      <thead>
        <tr>
          <th className="num">{t('imports.errors.line')}</th>
          <th>{t('imports.errors.column')}</th>
          <th>{t('imports.errors.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {errors.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one line can have several errors; the list never reorders
          <tr key={i} data-testid={rowTestId} data-line={e.line}>
            <td className="num">{e.line}</td>
            <td>{e.column ? <SafeText text={e.column} /> : '—'}</td>
            <td>
              <SafeText text={e.reason} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * What the server made of the file's first 256 KiB [UF1]: format, encoding,
 * delimiter, the columns and a few sample rows; rows it could not read yet
 * are listed too, so a wrong delimiter or encoding shows before the upload.
 */
export function PreviewTable({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation('app');
  const rows = preview.sampleRows.slice(0, SAMPLE_ROWS);
  const delimiter = preview.delimiter === '\t' ? 'TAB' : preview.delimiter;
  return (
    <div className="import-preview" data-testid="import-preview">
      <dl className="detected" data-testid="import-detected">
        <dt>{t('imports.format')}</dt>
        <dd data-testid="detected-format">{preview.format}</dd>
        <dt>{t('imports.encoding')}</dt>
        <dd data-testid="detected-encoding">{preview.encoding}</dd>
        {delimiter && (
          <>
            <dt>{t('imports.delimiter')}</dt>
            <dd data-testid="detected-delimiter">
              <code>{delimiter}</code>
            </dd>
          </>
        )}
        <dt>{t('imports.columns')}</dt>
        <dd>{preview.columns.length}</dd>
      </dl>
      {preview.columns.length > 0 && (
        <div className="table-scroll">
          <table className="data-table sample-table" data-testid="import-sample">
            <thead>
              <tr>
                {preview.columns.map((c) => (
                  <th key={c}>
                    <SafeText text={c} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: sample rows have no identity
                <tr key={i}>
                  {preview.columns.map((c) => (
                    <td key={c}>
                      <SafeText text={cell(row[c])} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {preview.rowErrors.length > 0 && (
        <details className="preview-errors">
          <summary>{t('imports.previewErrors', { count: String(preview.rowErrors.length) })}</summary>
          <RowErrorTable errors={preview.rowErrors.slice(0, 20)} testId="preview-errors" rowTestId="preview-error-row" />
        </details>
      )}
    </div>
  );
}
