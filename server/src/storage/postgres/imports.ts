import { randomUUID } from 'node:crypto';
import type { ColumnMapping, ImportFormat, ImportStatus, ImportTarget } from '@loopline/shared';
import type { Pool } from 'pg';
import { nowIso } from '../common.js';
import { clampLimit, IMPORT_ERROR_PAGE, IMPORT_LIST } from '../feedbackCommon.js';
import type { ImportProgress, ImportStorage, SavedMapping, StoredImportJob } from '../feedbackTypes.js';
import { inTransaction, parentMustExist } from './tx.js';

interface ImportRow {
  id: string;
  series_id: string;
  episode_id: string | null;
  target: string;
  format: string;
  platform: string | null;
  file_name: string | null;
  status: string;
  rows_read: string;
  accepted: string;
  rejected: string;
  duplicates: string;
  bytes_read: string;
  total_bytes: string | null;
  rows_per_second: number;
  seconds_left: number | null;
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
  mapping: ColumnMapping | null;
  preset_id: string | null;
  created_by: string | null;
}

interface MappingRow {
  series_id: string;
  name: string;
  target: string;
  mapping: ColumnMapping;
  updated_at: Date;
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
    rowsRead: Number(row.rows_read),
    accepted: Number(row.accepted),
    rejected: Number(row.rejected),
    duplicates: Number(row.duplicates),
    bytesRead: Number(row.bytes_read),
    totalBytes: row.total_bytes === null ? null : Number(row.total_bytes),
    rowsPerSecond: row.rows_per_second,
    secondsLeft: row.seconds_left,
    error: row.error,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    mapping: row.mapping,
    presetId: row.preset_id,
    createdBy: row.created_by,
  };
}

function toMapping(row: MappingRow): SavedMapping {
  return {
    seriesId: row.series_id,
    name: row.name,
    target: row.target as ImportTarget,
    mapping: row.mapping,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Column of each progress field. */
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

/** Import jobs, their row errors and saved mappings over a node-postgres pool. */
export function postgresImports(pool: Pool): ImportStorage {
  async function get(id: string): Promise<StoredImportJob | null> {
    const res = await pool.query<ImportRow>('SELECT * FROM imports WHERE id = $1', [id]);
    return res.rows[0] ? toJob(res.rows[0]) : null;
  }

  return {
    async createImportJob(input) {
      const id = randomUUID();
      await parentMustExist('series', input.seriesId, () =>
        pool.query(
          `INSERT INTO imports (id, series_id, episode_id, target, format, platform, file_name, status, total_bytes, started_at,
             mapping, preset_id, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'running', $8, $9, $10, $11, $12)`,
          [
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
          ],
        ),
      );
      return (await get(id))!;
    },
    getImportJob: get,
    async listImportJobs(seriesId, opts) {
      const res = await pool.query<ImportRow>('SELECT * FROM imports WHERE series_id = $1 ORDER BY started_at DESC, ord DESC LIMIT $2', [
        seriesId,
        clampLimit(opts?.limit, IMPORT_LIST),
      ]);
      return res.rows.map(toJob);
    },
    async updateImportJob(id, progress) {
      const keys = (Object.keys(progress) as (keyof ImportProgress)[]).filter(
        (k) => progress[k] !== undefined && PROGRESS_COLUMNS[k] !== undefined,
      );
      if (keys.length > 0) {
        await pool.query(`UPDATE imports SET ${keys.map((k, i) => `${PROGRESS_COLUMNS[k]} = $${i + 2}`).join(', ')} WHERE id = $1`, [
          id,
          ...keys.map((k) => progress[k]),
        ]);
      }
      return get(id);
    },
    async failInterruptedImports(reason) {
      const res = await pool.query("UPDATE imports SET status = 'failed', error = $1, finished_at = $2 WHERE status = 'running'", [
        reason,
        nowIso(),
      ]);
      return res.rowCount ?? 0;
    },
    async appendImportErrors(importId, errors) {
      if (errors.length === 0) return;
      await inTransaction(pool, (client) =>
        client.query(
          `INSERT INTO import_errors (import_id, line, "column", reason)
           SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[])`,
          [importId, errors.map((e) => e.line), errors.map((e) => e.column), errors.map((e) => e.reason)],
        ),
      );
    },
    async listImportErrors(importId, opts) {
      const limit = clampLimit(opts?.limit, IMPORT_ERROR_PAGE);
      const res = await pool.query<{ seq: string; line: string; column: string | null; reason: string }>(
        'SELECT seq, line, "column", reason FROM import_errors WHERE import_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
        [importId, opts?.after ?? 0, limit],
      );
      const rows = res.rows;
      return {
        errors: rows.map((r) => ({ line: Number(r.line), column: r.column, reason: r.reason })),
        next: rows.length === limit ? Number(rows[rows.length - 1]!.seq) : null,
      };
    },
    async saveMapping(input) {
      const res = await parentMustExist('series', input.seriesId, () =>
        pool.query<MappingRow>(
          `INSERT INTO import_mappings (series_id, name, target, mapping, updated_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (series_id, name) DO UPDATE SET target = excluded.target, mapping = excluded.mapping, updated_at = excluded.updated_at
           RETURNING *`,
          [input.seriesId, input.name, input.target, JSON.stringify(input.mapping), nowIso()],
        ),
      );
      return toMapping(res.rows[0]!);
    },
    async getMapping(seriesId, name) {
      const res = await pool.query<MappingRow>('SELECT * FROM import_mappings WHERE series_id = $1 AND name = $2', [seriesId, name]);
      return res.rows[0] ? toMapping(res.rows[0]) : null;
    },
    async listMappings(seriesId) {
      const res = await pool.query<MappingRow>('SELECT * FROM import_mappings WHERE series_id = $1 ORDER BY name COLLATE "C"', [
        seriesId,
      ]);
      return res.rows.map(toMapping);
    },
    async deleteMapping(seriesId, name) {
      const res = await pool.query('DELETE FROM import_mappings WHERE series_id = $1 AND name = $2', [seriesId, name]);
      return (res.rowCount ?? 0) > 0;
    },
  };
}
