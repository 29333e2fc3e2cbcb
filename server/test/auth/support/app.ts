import { rmSync } from 'node:fs';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../../src/app.js';
import type { AccessChange } from '../../../src/auth/types.js';
import type { Config } from '../../../src/config.js';
import { openStorage } from '../../../src/storage/index.js';
import type { Storage } from '../../../src/storage/types.js';
import { tempDir, testConfig } from '../../api/helpers.js';
import { sessionCookieFrom } from './sessions.js';

/** A clock tests move by hand: sessions expire without anyone waiting [AC11]. */
export interface TestClock {
  now(): number;
  advance(ms: number): void;
}

/** A clock starting at a fixed instant. */
export function testClock(start = Date.parse('2026-03-01T09:00:00.000Z')): TestClock {
  let at = start;
  return {
    now: () => at,
    advance(ms) {
      at += ms;
    },
  };
}

/** The whole app with no account at all (first run), a hand-moved clock and a log of access changes. */
export interface AuthTestApp {
  app: FastifyInstance;
  storage: Storage;
  config: Config;
  clock: TestClock;
  /** Every AccessChange the app emitted, in order. */
  changes: AccessChange[];
  close(): Promise<void>;
}

/** Builds the app over a fresh SQLite database with no users. */
export async function makeAuthApp(env: NodeJS.ProcessEnv = {}): Promise<AuthTestApp> {
  const dataDir = tempDir('loopline-auth-');
  const config = testConfig(dataDir, env);
  const storage = await openStorage(config.database);
  const clock = testClock();
  const app = await buildApp({ config, storage, logger: false, now: clock.now });
  await app.ready();
  const changes: AccessChange[] = [];
  app.access.onChange((change) => changes.push(change));
  return {
    app,
    storage,
    config,
    clock,
    changes,
    async close() {
      await app.close();
      await storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A browser-like session: remembers the cookie and CSRF token the server hands out. */
export class Browser {
  cookie: string | undefined;
  csrfToken: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    private readonly config: Pick<Config, 'auth'>,
  ) {}

  /** Sends a request with the remembered cookie and token; remembers a new cookie and token if given. */
  async request(opts: InjectOptions): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    const res = await this.app.inject({ ...opts, headers: { ...headers, ...(opts.headers ?? {}) } });
    const cookie = sessionCookieFrom(res, this.config);
    if (cookie) this.cookie = cookie;
    if (res.statusCode < 300 && res.headers['content-type']?.toString().startsWith('application/json')) {
      const body = res.json() as { csrfToken?: unknown };
      if (typeof body.csrfToken === 'string') this.csrfToken = body.csrfToken;
    }
    return res;
  }

  /** POST /api/auth/login. */
  login(email: string, password: string, remoteAddress?: string): Promise<LightMyRequestResponse> {
    return this.request({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });
  }

  /** GET /api/auth/session's user (null when signed out). */
  async whoami(): Promise<string | null> {
    const res = await this.request({ url: '/api/auth/session' });
    return (res.json() as { user: { email: string } | null }).user?.email ?? null;
  }
}
