import pg from 'pg';
import type { Storage } from '../types.js';
import { postgresAccounts } from './accounts.js';
import { postgresAudience } from './audience.js';
import { postgresCatalog } from './catalog.js';
import { postgresCoordination } from './coordination.js';
import { postgresDocuments } from './documents.js';
import { postgresEvidence } from './evidence.js';
import { refreshStaleSamples } from './evidenceSample.js';
import { postgresFeedback } from './feedback.js';
import { postgresImports } from './imports.js';
import { migratePostgres } from './migrations.js';
import { postgresRevisions } from './revisions.js';

/** Options of the PostgreSQL backend. */
export interface PostgresStorageOptions {
  /** e.g. postgresql://user@host:5432/db */
  connectionString: string;
  /** Schema holding Loopline's tables; created if missing. Default `public`. */
  schema?: string;
  /** Pool size. Default 10. */
  maxConnections?: number;
  /**
   * Called when an idle pooled connection fails (e.g. the database restarted).
   * The pool drops that connection and opens a new one on demand; without a
   * listener, node-postgres' 'error' event would crash the process.
   */
  onIdleError?: (err: Error) => void;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Connects to PostgreSQL, creates the schema if needed, applies pending
 * migrations and returns a Storage over a connection pool.
 */
export async function openPostgresStorage(opts: PostgresStorageOptions): Promise<Storage> {
  const schema = opts.schema ?? 'public';
  // The name is spliced into SQL (identifiers cannot be parameters), so only plain names pass.
  if (!SCHEMA_NAME.test(schema)) throw new RangeError(`invalid PostgreSQL schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: opts.connectionString,
    max: opts.maxConnections ?? 10,
    // Every pooled connection resolves unqualified table names in our schema.
    options: `-c search_path=${schema}`,
  });
  pool.on('error', opts.onIdleError ?? ((err) => console.warn('[storage] idle PostgreSQL connection failed:', err.message)));
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await migratePostgres(pool, schema);
    // A crash between an erasure and its sample refresh leaves links marked stale: finish the job.
    await refreshStaleSamples(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  let closed = false;
  return {
    migrate: () => migratePostgres(pool, schema),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
    ...postgresCatalog(pool),
    ...postgresDocuments(pool),
    ...postgresAccounts(pool),
    ...postgresFeedback(pool),
    ...postgresImports(pool),
    ...postgresAudience(pool),
    ...postgresEvidence(pool),
    ...postgresCoordination(pool),
    ...postgresRevisions(pool),
  };
}
