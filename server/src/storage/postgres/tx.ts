import type { Pool, PoolClient } from 'pg';
import { StorageNotFoundError } from '../common.js';

/** Runs `fn` inside BEGIN/COMMIT on one pooled connection; rolls back and rethrows on any error. */
export async function inTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Turns PostgreSQL's foreign-key violation (SQLSTATE 23503) into the
 * backend-neutral StorageNotFoundError naming the missing parent.
 */
export async function parentMustExist<T>(entity: 'series' | 'episode', id: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if ((err as { code?: unknown }).code === '23503') throw new StorageNotFoundError(entity, id);
    throw err;
  }
}
