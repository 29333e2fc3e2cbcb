import type { ColumnMapping, ImportTarget } from '@loopline/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreset, SavedMapping, TargetField } from '../../api/imports';
import { Button } from '../../ui/Button';
import { showBidi } from '../inbox/escapeBidi';
import { SafeText } from '../inbox/SafeText';
import { type FixedValues, isFixed } from './mapping';

/** Props of {@link MappingStep}. */
export interface MappingStepProps {
  target: ImportTarget;
  fields: readonly TargetField[];
  columns: readonly string[];
  mapping: ColumnMapping;
  fixed: FixedValues;
  missing: readonly string[];
  presets: readonly ImportPreset[];
  presetId: string;
  saved: readonly SavedMapping[];
  canSave: boolean;
  saving: boolean;
  onMappingChange: (next: ColumnMapping) => void;
  onPreset: (presetId: string) => void;
  onLoadSaved: (name: string) => void;
  onSave: (name: string) => void;
}

/**
 * The mapping step [UF2]: for each field of the target, which column of the
 * file fills it. Required fields are marked and listed while unmapped;
 * presets show the columns they expect; a mapping can be saved under a
 * name and loaded for the next export of the same shape.
 */
export function MappingStep(props: MappingStepProps) {
  const { fields, columns, mapping, fixed, missing, presets, presetId, saved } = props;
  const { t } = useTranslation('app');
  const id = useId();
  const [name, setName] = useState('');
  const preset = presets.find((p) => p.id === presetId);
  const savedForTarget = saved.filter((m) => m.target === props.target);

  return (
    <div className="mapping-step" data-testid="import-mapping">
      <div className="mapping-tools">
        <label className="filter-field">
          <span>{t('imports.preset')}</span>
          <select className="select" value={presetId} onChange={(e) => props.onPreset(e.target.value)} data-testid="mapping-preset">
            <option value="">{t('imports.noPreset')}</option>
            {presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        {savedForTarget.length > 0 && (
          <label className="filter-field">
            <span>{t('imports.savedMappings')}</span>
            <select className="select" value="" onChange={(e) => e.target.value && props.onLoadSaved(e.target.value)} data-testid="mapping-load">
              <option value="">{t('imports.loadMapping')}</option>
              {savedForTarget.map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {props.canSave && (
          <form
            className="mapping-save"
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim()) props.onSave(name.trim());
            }}
          >
            <label className="filter-field" htmlFor={`${id}-name`}>
              <span>{t('imports.mappingName')}</span>
              <input id={`${id}-name`} className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder={t('imports.mappingNamePlaceholder')} data-testid="mapping-name" />
            </label>
            <Button type="submit" disabled={!name.trim() || props.saving} data-testid="mapping-save">
              {t('imports.saveMapping')}
            </Button>
          </form>
        )}
      </div>
      {preset && preset.columns.length > 0 && (
        <details className="preset-columns" data-testid="preset-columns">
          <summary>{t('imports.presetColumns', { label: preset.label })}</summary>
          <table className="data-table">
            <thead>
              <tr>
                <th>{t('imports.column')}</th>
                <th>{t('imports.field')}</th>
                <th>{t('imports.description')}</th>
              </tr>
            </thead>
            <tbody>
              {preset.columns.map((c) => (
                <tr key={c.name}>
                  <td>
                    <code>{c.name}</code>
                  </td>
                  <td>
                    <code>{c.field}</code>
                  </td>
                  <td>{c.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      <table className="data-table mapping-table">
        <thead>
          <tr>
            <th>{t('imports.field')}</th>
            <th>{t('imports.column')}</th>
            <th>{t('imports.description')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => {
            const fixedHere = isFixed(f.field, fixed);
            const isMissing = missing.includes(f.field);
            return (
              <tr key={f.field} className={isMissing ? 'is-missing' : ''}>
                <td>
                  <label htmlFor={`${id}-${f.field}`}>
                    <code>{f.field}</code>
                    {f.required && (
                      <abbr className="required-mark" title={t('imports.required')}>
                        *
                      </abbr>
                    )}
                  </label>
                </td>
                <td>
                  <select
                    id={`${id}-${f.field}`}
                    className="select"
                    value={mapping[f.field] ?? ''}
                    aria-invalid={isMissing}
                    aria-required={f.required}
                    onChange={(e) => props.onMappingChange({ ...mapping, [f.field]: e.target.value })}
                    data-testid="mapping-field"
                    data-field={f.field}
                  >
                    <option value="">{fixedHere ? t('imports.fixedAtImport') : t('imports.notMapped')}</option>
                    {columns.map((c) => (
                      <option key={c} value={c}>
                        {showBidi(c)}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="muted">
                  <SafeText text={f.description} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {missing.length > 0 && (
        <p className="form-error" role="alert" data-testid="mapping-missing">
          {t('imports.missingRequired', { fields: missing.join(', ') })}
        </p>
      )}
    </div>
  );
}
