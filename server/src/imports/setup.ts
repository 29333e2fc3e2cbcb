import type { ColumnMapping, Episode, ImportFormat, ImportTarget } from '@loopline/shared';
import { parseEpisodeNumber, presetById, suggestMapping, TARGET_FIELDS } from '../ingest/index.js';

/**
 * Why an import cannot start: a named input (`file`, `mapping`, `episodeId`,
 * `presetId`, `format`…) and a reason a person can act on. The API answers
 * it as a 400 naming the field; the CLI prints it and exits non-zero [FB19].
 */
export class ImportSetupError extends Error {
  override readonly name = 'ImportSetupError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Fields a target needs on every row that the import itself can supply instead of a column. */
const SUPPLIED_BY_IMPORT: Record<string, 'platform' | 'episodeId' | 'kind'> = {
  platform: 'platform',
  episode: 'episodeId',
  kind: 'kind',
};

/** The mapping an import uses: the given one, else its preset's, else the one suggested from the columns. */
export function chooseMapping(
  target: ImportTarget,
  columns: string[],
  given: { mapping: ColumnMapping | null; presetId: string | null },
): { mapping: ColumnMapping; presetId: string | null } {
  if (given.presetId !== null) {
    const preset = presetById(given.presetId);
    if (!preset) throw new ImportSetupError('presetId', `Unknown preset ${JSON.stringify(given.presetId)}.`);
    if (preset.target !== target) {
      throw new ImportSetupError('presetId', `The preset ${preset.id} imports ${preset.target}, not ${target}.`);
    }
    return { mapping: given.mapping ?? preset.mapping, presetId: preset.id };
  }
  if (given.mapping !== null) return { mapping: given.mapping, presetId: null };
  return suggestMapping(columns, target);
}

/** The platform of rows without a platform column: the one chosen at import, else the preset's. */
export function importPlatform(given: string | null | undefined, presetId: string | null): string | null {
  return given ?? ((presetId ? presetById(presetId)?.platform : null) || null);
}

/**
 * Checks that every field the target requires is mapped to a column (or
 * supplied by the import: platform, episode), and, for CSV, that each mapped
 * column exists in the header. Throws ImportSetupError naming what is missing.
 */
export function checkMapping(
  target: ImportTarget,
  format: ImportFormat,
  mapping: ColumnMapping,
  columns: string[],
  supplied: { platform: string | null; episodeId: string | null },
): void {
  const missing: string[] = [];
  for (const { field, required } of TARGET_FIELDS[target]) {
    if (!required || mapping[field] !== undefined) continue;
    const via = SUPPLIED_BY_IMPORT[field];
    if (via === 'platform' && supplied.platform !== null) continue;
    if (via === 'episodeId' && supplied.episodeId !== null) continue;
    if (via === 'kind') continue;
    missing.push(field);
  }
  if (missing.length > 0) {
    const found = columns.length > 0 ? ` The file's columns: ${columns.slice(0, 30).join(', ')}.` : '';
    throw new ImportSetupError('mapping', `Missing required column mapping: ${missing.join(', ')}. Map a column to each (or choose a preset).${found}`);
  }
  if (format === 'csv' && columns.length > 0) {
    const absent = Object.entries(mapping).filter(([, column]) => !columns.includes(column));
    if (absent.length > 0) {
      throw new ImportSetupError(
        'mapping',
        `The file has no column ${absent.map(([field, column]) => `${JSON.stringify(column)} (for ${field})`).join(', ')}. Its columns: ${columns.slice(0, 30).join(', ')}.`,
      );
    }
  }
}

/**
 * Resolves an episode column value to an episode of the series: its id, its
 * number (12, 第12集, EP12) or its exact title. `undefined` means no such
 * episode (the row is rejected naming the value).
 */
export function episodeResolver(episodes: Pick<Episode, 'id' | 'number' | 'title'>[]): (value: string | null) => string | null | undefined {
  const byId = new Map(episodes.map((e) => [e.id, e.id]));
  const byNumber = new Map(episodes.map((e) => [e.number, e.id]));
  const byTitle = new Map(episodes.map((e) => [e.title.trim(), e.id]));
  return (value) => {
    if (value === null) return null;
    const v = value.trim();
    const id = byId.get(v) ?? byTitle.get(v);
    if (id !== undefined) return id;
    const n = parseEpisodeNumber(v);
    return n === null ? undefined : byNumber.get(n);
  };
}
