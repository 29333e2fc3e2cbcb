import { isAbsolute, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('[API1] defaults: port 8080 on 127.0.0.1, ./data resolved against the working directory, SQLite NORMAL, demo on', () => {
    const config = loadConfig({}, '/srv/loopline');
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/srv/loopline/data',
      demo: true,
      database: { kind: 'sqlite', file: '/srv/loopline/data/loopline.db', synchronous: 'NORMAL' },
      logLevel: 'info',
      dev: false,
      collab: { maxMessageBytes: 8 * 1024 * 1024, compactAfterUpdates: 500, compactAfterBytes: 1024 * 1024, idleUnloadMs: 30_000 },
    });
    expect(isAbsolute(config.clientDir)).toBe(true);
    expect(config.clientDir.endsWith(join('client', 'dist'))).toBe(true);
  });

  it('[API1] reads every documented variable', () => {
    const config = loadConfig(
      {
        PORT: '9000',
        HOST: '0.0.0.0',
        LOOPLINE_DATA_DIR: 'var/db',
        LOOPLINE_DEMO: '0',
        DATABASE_URL: 'postgres://u:p@db:5432/loopline',
        LOOPLINE_SQLITE_SYNCHRONOUS: 'full',
        LOOPLINE_CLIENT_DIR: 'web',
        LOOPLINE_LOG_LEVEL: 'DEBUG',
        LOOPLINE_DEV: '1',
        LOOPLINE_WS_MAX_MESSAGE_BYTES: '65536',
        LOOPLINE_COMPACT_AFTER_UPDATES: '10',
        LOOPLINE_COMPACT_AFTER_BYTES: '2048',
        LOOPLINE_ROOM_IDLE_UNLOAD_MS: '0',
        LOOPLINE_ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:5173',
        LOOPLINE_SESSION_IDLE_MINUTES: '30',
        LOOPLINE_SESSION_MAX_HOURS: '24',
        LOOPLINE_INSECURE_COOKIES: '1',
        LOOPLINE_LOGIN_MAX_FAILURES_PER_ACCOUNT: '5',
        LOOPLINE_LOGIN_MAX_FAILURES_PER_IP: '20',
        LOOPLINE_LOGIN_MAX_PER_MINUTE: '100',
        LOOPLINE_IMPORT_MAX_BYTES: '1000000',
        LOOPLINE_REQUEST_TIMEOUT_SECONDS: '600',
      },
      '/app',
    );
    expect(config).toEqual({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/app/var/db',
      demo: false,
      database: { kind: 'postgres', url: 'postgres://u:p@db:5432/loopline' },
      clientDir: resolve('/app', 'web'),
      logLevel: 'debug',
      dev: true,
      collab: { maxMessageBytes: 65536, compactAfterUpdates: 10, compactAfterBytes: 2048, idleUnloadMs: 0 },
      auth: {
        allowedOrigins: ['https://app.example.com', 'http://localhost:5173'],
        sessionIdleMs: 30 * 60_000,
        sessionAbsoluteMs: 24 * 3_600_000,
        insecureCookies: true,
        loginFailuresPerAccount: 5,
        loginFailuresPerIp: 20,
        loginWindowMs: 15 * 60_000,
        loginRequestsPerMinute: 100,
      },
      imports: { maxUploadBytes: 1_000_000, requestTimeoutMs: 600_000 },
    });
    expect(loadConfig({ LOOPLINE_SQLITE_SYNCHRONOUS: 'FULL' }, '/app').database).toMatchObject({ synchronous: 'FULL' });
  });

  it('[API1] reports every invalid variable at once, by name', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: '80a', LOOPLINE_DEMO: 'yes', LOOPLINE_SQLITE_SYNCHRONOUS: 'OFF', DATABASE_URL: 'mysql://x' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'LOOPLINE_DEMO', 'LOOPLINE_SQLITE_SYNCHRONOUS', 'DATABASE_URL']);
    expect((error as Error).message).toContain('PORT: must be an integer from 0 to 65535 (got "80a")');
  });

  it('[API1] CONFIG_VARIABLES lists exactly the variables loadConfig reads', () => {
    const read = new Set<string>();
    const env = new Proxy({} as NodeJS.ProcessEnv, {
      get: (_target, key) => {
        if (typeof key === 'string') read.add(key);
        return undefined;
      },
    });
    loadConfig(env, '/app');
    const documented = CONFIG_VARIABLES.map((v) => v.name);
    expect([...read].sort()).toEqual([...documented].sort());
    for (const v of CONFIG_VARIABLES) expect(v.description.length).toBeGreaterThan(10);
    expect(CONFIG_VARIABLES.find((v) => v.name === 'PORT')?.default).toBe('8080');
    expect(CONFIG_VARIABLES.find((v) => v.name === 'LOOPLINE_DATA_DIR')?.default).toBe('./data');
  });
});
