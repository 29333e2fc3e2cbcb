import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Storage } from '../types.js';
import { sqliteAccounts } from './accounts.js';
import { sqliteAudience } from './audience.js';
import { sqliteCatalog } from './catalog.js';
import { sqliteCoordination } from './coordination.js';
import { sqliteDocuments } from './documents.js';
import { sqliteEvidence } from './evidence.js';
import { SqliteSamples } from './evidenceSample.js';
import { sqliteFeedback } from './feedback.js';
import { SeriesKeys } from './feedbackRows.js';
import { sqliteImports } from './imports.js';
import { migrateSqlite } from './migrations.js';
import { sqliteRevisions } from './revisions.js';

/** Options of the embedded SQLite backend. */
export interface SqliteStorageOptions {
  /** Database file; ':memory:' for a throwaway database in tests. Parent folders are created. */
  file: string;
  /**
   * SQLite's `synchronous` level. Default NORMAL, because in WAL mode a commit
   * appends the transaction to the WAL file before it returns, so it survives
   * the process being killed (SIGKILL, crash): the OS page cache still holds
   * it. NORMAL skips only the fsync at commit, so it can lose the last
   * transactions on power loss or an OS crash, never corrupt the database.
   * FULL fsyncs the WAL on every commit, closing that window at the cost of
   * one disk flush per appended update.
   */
  synchronous?: 'NORMAL' | 'FULL';
  /** How long a writer waits for another connection's lock before failing (ms). Default 5000. */
  busyTimeoutMs?: number;
}

/** Connection settings a caller may read back (diagnostics, tests). */
export type SqlitePragmaName = 'journal_mode' | 'synchronous' | 'foreign_keys' | 'busy_timeout' | 'user_version';

/** The SQLite Storage, plus a read-only view of its connection settings. */
export interface SqliteStorage extends Storage {
  /** The value of one pragma on this connection, e.g. `synchronous` → 1 (NORMAL) or 2 (FULL). */
  pragma(name: SqlitePragmaName): string | number;
}

/**
 * Opens (creating if needed) a SQLite database and returns a Storage over it,
 * already migrated. better-sqlite3 is synchronous; the async methods simply
 * wrap it, which keeps the one Storage shape for SQLite and PostgreSQL.
 */
export function openSqliteStorage(opts: SqliteStorageOptions): SqliteStorage {
  if (opts.file !== ':memory:') mkdirSync(dirname(opts.file), { recursive: true });
  const db = new Database(opts.file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${opts.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(opts.busyTimeoutMs ?? 5000))}`);
    // A million feedback items with their indexes are a few hundred MB: a
    // 64 MiB page cache (default 2 MB) keeps the index pages an import and a
    // search touch in memory [FB20]; sorts of search results stay in memory.
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    migrateSqlite(db);
  } catch (err) {
    db.close();
    throw err;
  }
  const samples = new SqliteSamples(db);
  // A crash between an erasure and its sample refresh leaves links marked stale: finish the job.
  samples.refreshStale();
  const keys = new SeriesKeys(db);
  return {
    pragma: (name) => db.pragma(name, { simple: true }) as string | number,
    async migrate() {
      migrateSqlite(db);
    },
    async close() {
      if (db.open) db.close();
    },
    ...sqliteCatalog(db),
    ...sqliteDocuments(db),
    ...sqliteAccounts(db),
    ...sqliteFeedback(db, samples),
    ...sqliteImports(db),
    ...sqliteAudience(db),
    ...sqliteEvidence(db, keys, samples),
    ...sqliteCoordination(db, keys, samples),
    ...sqliteRevisions(db),
  };
}
