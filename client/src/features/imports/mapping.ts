import type { ColumnMapping } from '@loopline/shared';
import type { ImportPreset, TargetField } from '../../api/imports';

/** Target fields that an episode chosen at import time fills for every row. */
export const EPISODE_FIELDS = ['episode', 'episodeId', 'episodeNumber'] as const;

/** What the import form fixes for every row, so the file needs no column for it. */
export interface FixedValues {
  episodeId: string;
  platform: string;
}

function norm(name: string): string {
  return name.toLowerCase().replace(/[\s_-]/g, '');
}

/**
 * The mapping the mapping step starts from [UF2]: per target field the
 * server's suggestion, else the chosen preset's column, else a column named
 * like the field (`posted_at` for postedAt), else nothing. Only columns the
 * file really has are used, so a stale suggestion never maps a ghost column.
 */
export function initialMapping(fields: readonly TargetField[], columns: readonly string[], suggested: ColumnMapping, preset?: ImportPreset | null): ColumnMapping {
  const present = new Set(columns);
  const byNorm = new Map(columns.map((c) => [norm(c), c]));
  const mapping: ColumnMapping = {};
  for (const { field } of fields) {
    const candidates = [suggested[field], preset?.mapping[field], byNorm.get(norm(field))];
    const column = candidates.find((c): c is string => typeof c === 'string' && present.has(c));
    if (column) mapping[field] = column;
  }
  return mapping;
}

/** Applies a preset or saved mapping over the current one, keeping only columns the file has. */
export function applyMapping(current: ColumnMapping, incoming: ColumnMapping, columns: readonly string[]): ColumnMapping {
  const present = new Set(columns);
  const next: ColumnMapping = { ...current };
  for (const [field, column] of Object.entries(incoming)) {
    if (present.has(column)) next[field] = column;
  }
  return next;
}

/** Whether the form itself supplies `field` for every row (episode or platform chosen at import). */
export function isFixed(field: string, fixed: FixedValues): boolean {
  if ((EPISODE_FIELDS as readonly string[]).includes(field)) return fixed.episodeId !== '';
  if (field === 'platform') return fixed.platform !== '';
  return false;
}

/** Required fields with no column and no fixed value: the import cannot start until this is empty [UF2]. */
export function missingRequired(fields: readonly TargetField[], mapping: ColumnMapping, fixed: FixedValues): string[] {
  return fields.filter((f) => f.required && !mapping[f.field] && !isFixed(f.field, fixed)).map((f) => f.field);
}

/** The mapping as sent: unmapped fields left out. */
export function cleanMapping(mapping: ColumnMapping): ColumnMapping {
  return Object.fromEntries(Object.entries(mapping).filter(([, column]) => column !== ''));
}
