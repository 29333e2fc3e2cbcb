import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Series } from '@loopline/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/passwords.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/demo/seed.js';
import { start } from '../../src/server.js';
import { openStorage } from '../../src/storage/index.js';
import { tempDir, testConfig } from '../api/helpers.js';
import { loginHeaders } from './support/sessions.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function freshDir(): string {
  const dir = tempDir('loopline-demo-accounts-');
  dirs.push(dir);
  return dir;
}

describe('demo accounts', () => {
  it('[AC21] a first start with demo data creates one account per role on the demo series, password loopline-demo', async () => {
    const config = testConfig(freshDir(), { PORT: '0' });
    const server = await start(config);
    try {
      expect(DEMO_ACCOUNTS.map((a) => a.role)).toEqual(['admin', 'showrunner', 'writer', 'operations', 'reviewer']);
      for (const account of DEMO_ACCOUNTS) {
        const headers = await loginHeaders(server.app, config, account.email, DEMO_PASSWORD);
        const session = (await server.app.inject({ url: '/api/auth/session', headers })).json() as { user: { isAdmin: boolean } };
        expect(session.user.isAdmin).toBe(account.role === 'admin');
        const { series } = (await server.app.inject({ url: '/api/series', headers })).json() as { series: Series[] };
        expect(series.map((s) => s.myRole)).toEqual([account.role]);
      }
    } finally {
      await server.stop();
    }
  });

  it('[AC21] without demo data there are no demo accounts, and the first visitor is asked to set up', async () => {
    const config = testConfig(freshDir(), { PORT: '0', LOOPLINE_DEMO: '0' });
    const server = await start(config);
    try {
      const session = await server.app.inject({ url: '/api/auth/session' });
      expect(session.json()).toEqual({ user: null, setupRequired: true, csrfToken: null });
      const login = await server.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'admin@demo.loopline', password: DEMO_PASSWORD },
      });
      expect(login.statusCode).toBe(401);
    } finally {
      await server.stop();
    }
  });
});

const BIN = fileURLToPath(new URL('../../bin/loopline.mjs', import.meta.url));

/** Runs `loopline create-admin …` with `stdin` piped in; resolves with the exit code and output. */
async function createAdmin(dataDir: string, args: string[], stdin: string) {
  const child = spawn(process.execPath, [BIN, 'create-admin', ...args], {
    env: { ...process.env, LOOPLINE_DATA_DIR: dataDir, LOOPLINE_DEMO: '0' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (c: Buffer) => {
    output += c.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  child.stdin.end(stdin);
  const [code] = await once(child, 'exit');
  return { code: code as number, output };
}

describe('loopline create-admin', () => {
  it('[AC15] creates a site admin in the data directory from a piped password; refuses a taken e-mail or a short password', async () => {
    const dataDir = freshDir();
    const made = await createAdmin(dataDir, ['--email', 'Boss@Studio.cn', '--name', '周敏'], 'a strong password\n');
    expect(made.output).toContain('created the site admin boss@studio.cn');
    expect(made.code).toBe(0);

    const taken = await createAdmin(dataDir, ['--email', 'boss@studio.cn', '--name', 'Again'], 'another password');
    expect(taken.code).toBe(1);
    expect(taken.output).toContain('exists');
    const short = await createAdmin(dataDir, ['--email=x@studio.cn', '--name=X'], 'short');
    expect(short.code).toBe(1);
    expect(short.output).toContain('at least 10 characters');

    const storage = await openStorage(testConfig(dataDir).database);
    try {
      const user = await storage.getUserByEmail('boss@studio.cn');
      expect(user).toMatchObject({ displayName: '周敏', isAdmin: true, disabled: false });
      expect(await verifyPassword(user!.passwordHash, 'a strong password')).toBe(true);
      expect(await storage.countUsers()).toBe(1);
      expect((await storage.listAudit()).map((e) => [e.action, e.details.via])).toEqual([['user.created', 'cli']]);
    } finally {
      await storage.close();
    }
  });
});
