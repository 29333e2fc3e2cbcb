import { randomUUID } from 'node:crypto';
import type { ColumnMapping, ImportFormat, ImportStatus, ImportTarget } from '@loopline/shared';
import type Database from 'better-sqlite3';
import { nowIso, StorageNotFoundError } from '../common.js';
import { clampLimit, IMPORT_ERROR_PAGE, IMPORT_LIST } from '../feedbackCommon.js';
import type { ImportProgress, ImportStorage, SavedMapping, StoredImportJob } from '../feedbackTypes.js';

interface ImportRow {
  id: string;
  series_id: string;
  episode_id: string | null;
  target: string;
  format: string;
  platform: string | null;
  file_name: string | null;
  status: string;
  rows_read: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  bytes_read: number;
  total_bytes: number | null;
  rows_per_second: number;
  seconds_left: number | null;
  error: string | null;
  started_at: string;
  finished_at: string | null;
  mapping: string | null;
  preset_id: string | null;
  created_by: string | null;
}

interface MappingRow {
  series_id: string;
  name: string;
  target: string;
  mapping: string;
  updated_at: string;
}

function toJob(row: ImportRow): StoredImportJob {
  return {
    id: row.id,
    seriesId: row.series_id,
    episodeId: row.episode_id,
    target: row.target as ImportTarget,
    format: row.format as ImportFormat,
    platform: row.platform,
    fileName: row.file_name,
    status: row.status as ImportStatus,
    rowsRead: row.rows_read,
    accepted: row.accepted,
    rejected: row.rejected,
    duplicates: row.duplicates,
    bytesRead: row.bytes_read,
    totalBytes: row.total_bytes,
    rowsPerSecond: row.rows_per_second,
    secondsLeft: row.seconds_left,
    error: row.error,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    mapping: row.mapping === null ? null : (JSON.parse(row.mapping) as ColumnMapping),
    presetId: row.preset_id,
    createdBy: row.created_by,
  };
}

function toMapping(row: MappingRow): SavedMapping {
  return {
    seriesId: row.series_id,
    name: row.name,
    target: row.target as ImportTarget,
    mapping: JSON.parse(row.mapping) as ColumnMapping,
    updatedAt: row.updated_at,
  };
}

/** Column of each progress field (the keys are checked against ImportProgress). */
const PROGRESS_COLUMNS: Record<keyof ImportProgress, string> = {
  status: 'status',
  format: 'format',
  rowsRead: 'rows_read',
  accepted: 'accepted',
  rejected: 'rejected',
  duplicates: 'duplicates',
  bytesRead: 'bytes_read',
  totalBytes: 'total_bytes',
  rowsPerSecond: 'rows_per_second',
  secondsLeft: 'seconds_left',
  error: 'error',
  finishedAt: 'finished_at',
};

/** Import jobs, their row errors and saved mappings over one SQLite connection. */
export function sqliteImports(db: Database.Database): ImportStorage {
  const s = {
    seriesExists: db.prepare<[string], { id: string }>('SELECT id FROM series WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO imports (id, series_id, episode_id, target, format, platform, file_name, status, total_bytes, started_at,
         mapping, preset_id, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?)`,
    ),
    get: db.prepare<[string], ImportRow>('SELECT * FROM imports WHERE id = ?'),
    list: db.prepare<[string, number], ImportRow>(
      'SELECT * FROM imports WHERE series_id = ? ORDER BY started_at DESC, rowid DESC LIMIT ?',
    ),
    failRunning: db.prepare("UPDATE imports SET status = 'failed', error = ?, finished_at = ? WHERE status = 'running'"),
    insertError: db.prepare('INSERT INTO import_errors (import_id, line, "column", reason) VALUES (?, ?, ?, ?)'),
    errors: db.prepare<[string, number, number], { seq: number; line: number; column: string | null; reason: string }>(
      'SELECT seq, line, "column", reason FROM import_errors WHERE import_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    ),
    saveMapping: db.prepare(
      `INSERT INTO import_mappings (series_id, name, target, mapping, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (series_id, name) DO UPDATE SET target = excluded.target, mapping = excluded.mapping, updated_at = excluded.updated_at`,
    ),
    getMapping: db.prepare<[string, string], MappingRow>('SELECT * FROM import_mappings WHERE series_id = ? AND name = ?'),
    listMappings: db.prepare<[string], MappingRow>('SELECT * FROM import_mappings WHERE series_id = ? ORDER BY name'),
    deleteMapping: db.prepare('DELETE FROM import_mappings WHERE series_id = ? AND name = ?'),
  };
  const updates = new Map<string, Database.Statement>();

  const appendErrors = db.transaction((importId: string, errors: { line: number; column: string | null; reason: string }[]) => {
    for (const e of errors) s.insertError.run(importId, e.line, e.column, e.reason);
  });

  return {
    async createImportJob(input) {
      if (!s.seriesExists.get(input.seriesId)) throw new StorageNotFoundError('series', input.seriesId);
      const id = randomUUID();
      s.insert.run(
        id,
        input.seriesId,
        input.episodeId,
        input.target,
        input.format,
        input.platform,
        input.fileName,
        input.totalBytes,
        input.startedAt ?? nowIso(),
        input.mapping === null ? null : JSON.stringify(input.mapping),
        input.presetId,
        input.createdBy,
      );
      return toJob(s.get.get(id)!);
    },
    async getImportJob(id) {
      const row = s.get.get(id);
      return row ? toJob(row) : null;
    },
    async listImportJobs(seriesId, opts) {
      return s.list.all(seriesId, clampLimit(opts?.limit, IMPORT_LIST)).map(toJob);
    },
    async updateImportJob(id, progress) {
      const keys = (Object.keys(progress) as (keyof ImportProgress)[]).filter(
        (k) => progress[k] !== undefined && PROGRESS_COLUMNS[k] !== undefined,
      );
      if (keys.length > 0) {
        const sql = `UPDATE imports SET ${keys.map((k) => `${PROGRESS_COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`;
        let stmt = updates.get(sql);
        if (!stmt) {
          stmt = db.prepare(sql);
          updates.set(sql, stmt);
        }
        stmt.run(...keys.map((k) => progress[k] as string | number | null), id);
      }
      const row = s.get.get(id);
      return row ? toJob(row) : null;
    },
    async failInterruptedImports(reason) {
      return s.failRunning.run(reason, nowIso()).changes;
    },
    async appendImportErrors(importId, errors) {
      if (errors.length > 0) appendErrors.immediate(importId, errors);
    },
    async listImportErrors(importId, opts) {
      const limit = clampLimit(opts?.limit, IMPORT_ERROR_PAGE);
      const rows = s.errors.all(importId, opts?.after ?? 0, limit);
      return {
        errors: rows.map((r) => ({ line: r.line, column: r.column, reason: r.reason })),
        next: rows.length === limit ? rows[rows.length - 1]!.seq : null,
      };
    },
    async saveMapping(input) {
      if (!s.seriesExists.get(input.seriesId)) throw new StorageNotFoundError('series', input.seriesId);
      s.saveMapping.run(input.seriesId, input.name, input.target, JSON.stringify(input.mapping), nowIso());
      return toMapping(s.getMapping.get(input.seriesId, input.name)!);
    },
    async getMapping(seriesId, name) {
      const row = s.getMapping.get(seriesId, name);
      return row ? toMapping(row) : null;
    },
    async listMappings(seriesId) {
      return s.listMappings.all(seriesId).map(toMapping);
    },
    async deleteMapping(seriesId, name) {
      return s.deleteMapping.run(seriesId, name).changes > 0;
    },
  };
}
