import { rmSync } from 'node:fs';
import type { Role } from '@loopline/shared';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/app.js';
import type { CollabLimits } from '../../../src/collab/limits.js';
import type { Config } from '../../../src/config.js';
import { openStorage } from '../../../src/storage/index.js';
import type { Storage } from '../../../src/storage/types.js';
import { tempDir, testConfig } from '../../api/helpers.js';
import { createTestUser, openTestSession, type TestSession } from '../../auth/support/sessions.js';
import { initialScriptUpdate } from '../../collab/support/scriptOps.js';

/**
 * The whole Loopline app (every plugin, accounts included) over SQLite in a
 * temporary directory, listening on 127.0.0.1, with one series, one episode
 * holding a small script, and a signed-in member per role. What the sync
 * socket's security tests connect to.
 */

/** Members of the test series, one per role, plus a user of another series. */
export const MEMBER_ROLES = ['showrunner', 'writer', 'operations', 'reviewer'] as const satisfies readonly Role[];
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** What `seedSeries` created. */
export interface Seeded {
  seriesId: string;
  episodeId: string;
  /** A signed-in member per role (cookie headers ready to use). */
  sessions: Record<MemberRole | 'outsider', TestSession>;
}

/** The episode's initial script (seeded: the same bytes every run). */
export const INITIAL_SCRIPT = initialScriptUpdate(424242, 3);

/** Creates the series, its episode with INITIAL_SCRIPT, and a member per role. */
export async function seedSeries(storage: Storage, config: Pick<Config, 'auth'>, now?: number): Promise<Seeded> {
  const series = await storage.createSeries({ title: '签收双胞胎', language: 'zh' });
  const episode = await storage.createEpisode({ seriesId: series.id, title: '第1集' });
  await storage.appendUpdate(episode.id, INITIAL_SCRIPT);
  const sessions = {} as Seeded['sessions'];
  for (const role of MEMBER_ROLES) {
    const user = await createTestUser(storage, { email: `${role}@sock.test` });
    await storage.setMembership(series.id, user.id, role);
    sessions[role] = await openTestSession(storage, config, user, now);
  }
  sessions.outsider = await openTestSession(storage, config, await createTestUser(storage, { email: 'outsider@sock.test' }), now);
  return { seriesId: series.id, episodeId: episode.id, sessions };
}

/** A running app with its seeded series. */
export interface SecureApp extends Seeded {
  app: FastifyInstance;
  storage: Storage;
  config: Config;
  /** http://127.0.0.1:port — also the Origin a browser on this server sends. */
  origin: string;
  /** ws://127.0.0.1:port/collab */
  wsUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the app. `collab` overrides any CollabLimits field: `config.collab`
 * is passed to the collab plugin as overrides, so extra fields flow through
 * (the environment only sets the four in CollabConfig).
 */
export async function startSecureApp(
  opts: { collab?: Partial<CollabLimits>; env?: NodeJS.ProcessEnv; now?: () => number } = {},
): Promise<SecureApp> {
  const dataDir = tempDir('loopline-sock-');
  const base = testConfig(dataDir, opts.env);
  const config: Config = { ...base, collab: { ...base.collab, pingIntervalMs: 0, ...opts.collab } };
  const storage = await openStorage(config.database);
  await storage.migrate();
  const seeded = await seedSeries(storage, config, opts.now?.());
  const app = await buildApp({ config, storage, logger: false, now: opts.now });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    ...seeded,
    app,
    storage,
    config,
    origin: address,
    wsUrl: `${address.replace(/^http/, 'ws')}/collab`,
    async close() {
      await app.close();
      await storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
