import { openPostgresStorage } from './postgres/index.js';
import { openSqliteStorage } from './sqlite/index.js';
import type { Storage } from './types.js';

export { StorageConflictError, StorageNotFoundError } from './common.js';
export type { PostgresStorageOptions } from './postgres/index.js';
export { openPostgresStorage } from './postgres/index.js';
export type { SqlitePragmaName, SqliteStorage, SqliteStorageOptions } from './sqlite/index.js';
export { openSqliteStorage } from './sqlite/index.js';
export type * from './types.js';

/** Which backend to open, as read from configuration. */
export type StorageOptions =
  | { kind: 'sqlite'; file: string; synchronous?: 'NORMAL' | 'FULL' }
  /** Same as `file`; config.ts's DatabaseConfig names the SQLite file `path`, so both are accepted. */
  | { kind: 'sqlite'; path: string; synchronous?: 'NORMAL' | 'FULL' }
  | { kind: 'postgres'; url: string; schema?: string };

/** Opens the configured backend, migrated and ready to use. */
export async function openStorage(opts: StorageOptions): Promise<Storage> {
  switch (opts.kind) {
    case 'sqlite':
      return openSqliteStorage({ file: 'file' in opts ? opts.file : opts.path, synchronous: opts.synchronous });
    case 'postgres':
      return openPostgresStorage({ connectionString: opts.url, schema: opts.schema });
  }
}
