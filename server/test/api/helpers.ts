import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import { openStorage } from '../../src/storage/index.js';
import type { Storage } from '../../src/storage/types.js';
import { injectAs, signedInUser, type TestSession } from '../auth/support/sessions.js';

/** An app over SQLite in a fresh temporary data directory, for inject() tests. */
export interface TestApp {
  app: FastifyInstance;
  storage: Storage;
  config: Config;
  dataDir: string;
  /** A signed-in account that is no site admin; a series it creates makes it the showrunner (issue 3). */
  owner: TestSession;
  /** inject() as `owner` (its session cookie and CSRF header added). */
  inject(opts: InjectOptions | string): Promise<LightMyRequestResponse>;
  /** Closes the app and storage and deletes the data directory. */
  close(): Promise<void>;
}

/** A fresh temporary directory; the caller removes it. */
export function tempDir(prefix = 'loopline-api-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Configuration for tests: temp data dir, no client build, quiet logs. */
export function testConfig(dataDir: string, env: NodeJS.ProcessEnv = {}): Config {
  return loadConfig({
    LOOPLINE_DATA_DIR: dataDir,
    LOOPLINE_CLIENT_DIR: join(dataDir, 'no-client-build'),
    LOOPLINE_LOG_LEVEL: 'silent',
    ...env,
  });
}

/** Builds the whole app (every plugin) over a new SQLite database, with one signed-in account. */
export async function makeTestApp(env: NodeJS.ProcessEnv = {}, opts: { now?: () => number } = {}): Promise<TestApp> {
  const dataDir = tempDir();
  const config = testConfig(dataDir, env);
  const storage = await openStorage(config.database);
  await storage.migrate();
  const app = await buildApp({ config, storage, logger: false, now: opts.now });
  await app.ready();
  const owner = await signedInUser(storage, config, { email: 'owner@test.loopline', displayName: 'Owner', now: opts.now?.() });
  return {
    app,
    storage,
    config,
    dataDir,
    owner,
    inject: (injectOpts) => injectAs(app, owner, injectOpts),
    async close() {
      await app.close();
      await storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The parsed JSON body of a response, typed by the caller. */
export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return res.json() as T;
}

/** The `{ error }` body of an error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}
