import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteStorage } from '../../src/storage/sqlite/index.js';
import { runStorageContract } from './contract.js';

const dir = mkdtempSync(join(tmpdir(), 'loopline-sqlite-contract-'));
let n = 0;

// A real file per test (not ':memory:'), so WAL and file locking are exercised.
runStorageContract('sqlite', async () => openSqliteStorage({ file: join(dir, `db-${n++}.sqlite`) }));
runStorageContract('sqlite :memory:', async () => openSqliteStorage({ file: ':memory:' }));

afterAll(() => rmSync(dir, { recursive: true, force: true }));
