import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Loopline's configuration: read once from the environment by server.ts (or
 * the CLI), validated, typed, and passed to everything that needs it
 * (STYLE.md habit 8). No other module reads `process.env`.
 */

/** pino log levels accepted by LOOPLINE_LOG_LEVEL. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** SQLite `synchronous` settings we support (see docs/spec/API.md [API3]). */
export const SQLITE_SYNCHRONOUS = ['NORMAL', 'FULL'] as const;
export type SqliteSynchronous = (typeof SQLITE_SYNCHRONOUS)[number];

/** Where episode data lives: an embedded SQLite file, or a PostgreSQL server. */
export type DatabaseConfig =
  | { kind: 'sqlite'; file: string; synchronous: SqliteSynchronous }
  | { kind: 'postgres'; url: string };

/**
 * Limits of the sync endpoint and its rooms. Field names match the rooms'
 * CollabLimits, so `config.collab` can be passed as overrides directly.
 */
export interface CollabConfig {
  /** Largest WebSocket message accepted; larger ones close the connection. */
  maxMessageBytes: number;
  /** Compact a document's update log into a snapshot once it holds this many updates… */
  compactAfterUpdates: number;
  /** …or this many bytes, whichever comes first. */
  compactAfterBytes: number;
  /** A room with no connections and nothing unsaved unloads after this many milliseconds. */
  idleUnloadMs: number;
}

/** Accounts, sessions and request hardening (issue 3). */
export interface AuthConfig {
  /** Origins (scheme://host[:port]) allowed besides the server's own for cookie-authenticated writes and sync sockets. */
  allowedOrigins: string[];
  /** A session unused this long ends. */
  sessionIdleMs: number;
  /** A session ends this long after sign-in, whatever the activity. */
  sessionAbsoluteMs: number;
  /**
   * Development escape hatch for plain http on a name other than localhost:
   * the cookie loses `Secure` and therefore its `__Host-` prefix.
   */
  insecureCookies: boolean;
  /** Failed sign-ins per account within `loginWindowMs` before 429. */
  loginFailuresPerAccount: number;
  /** Failed sign-ins per client IP within `loginWindowMs` before 429. */
  loginFailuresPerIp: number;
  /** The window the failure limits count in (fixed: 15 minutes). */
  loginWindowMs: number;
  /** Sign-in, set-up and password-change requests per client IP per minute, failed or not (argon2 is costly). */
  loginRequestsPerMinute: number;
}

/** Audience-feedback imports (issue 4). */
export interface ImportsConfig {
  /** Largest import file accepted (bytes). */
  maxUploadBytes: number;
  /**
   * Longest time a request may take to arrive in full. The server's request
   * timeout is one value for every route, and an import upload of a large
   * export takes minutes; every other request body is at most 1 MiB.
   */
  requestTimeoutMs: number;
}

/** The validated configuration of one Loopline process. */
export interface Config {
  port: number;
  host: string;
  /** Absolute path of the data directory (SQLite file, later imports and exports). */
  dataDir: string;
  /** Create the demo series on a start with no series. */
  demo: boolean;
  database: DatabaseConfig;
  /** Absolute path of the built client served at `/`. */
  clientDir: string;
  logLevel: LogLevel;
  /** Development mode: the client is served by Vite, not by this process. */
  dev: boolean;
  collab: CollabConfig;
  auth: AuthConfig;
  imports: ImportsConfig;
}

/** One documented environment variable (README's configuration table is checked against this list). */
export interface ConfigVariable {
  name: string;
  /** The default as a reader sees it in the README. */
  default: string;
  description: string;
}

/** Thrown by loadConfig with every problem found, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

const MIB = 1024 * 1024;

/** Every environment variable Loopline reads, with its default and meaning. */
export const CONFIG_VARIABLES: readonly ConfigVariable[] = [
  { name: 'PORT', default: '8080', description: 'HTTP port for the client, the API and the sync endpoint.' },
  { name: 'HOST', default: '127.0.0.1', description: 'Interface to listen on (0.0.0.0 to accept remote connections).' },
  {
    name: 'LOOPLINE_DATA_DIR',
    default: './data',
    description: 'Data directory, relative to the working directory; created if missing. Holds loopline.db.',
  },
  { name: 'LOOPLINE_DEMO', default: '1', description: 'Create the demo series on a start with no series; 0 disables.' },
  {
    name: 'DATABASE_URL',
    default: '(unset)',
    description: 'PostgreSQL URL (postgres://…). When unset, SQLite at <LOOPLINE_DATA_DIR>/loopline.db is used.',
  },
  {
    name: 'LOOPLINE_SQLITE_SYNCHRONOUS',
    default: 'NORMAL',
    description: 'SQLite synchronous mode with WAL: NORMAL (survives process kills) or FULL (also power loss).',
  },
  { name: 'LOOPLINE_CLIENT_DIR', default: 'client/dist', description: 'Built client to serve at /.' },
  { name: 'LOOPLINE_LOG_LEVEL', default: 'info', description: `Log level: ${LOG_LEVELS.join(', ')}.` },
  { name: 'LOOPLINE_DEV', default: '0', description: 'Development mode (1): the client is served by Vite with HMR.' },
  {
    name: 'LOOPLINE_WS_MAX_MESSAGE_BYTES',
    default: String(8 * MIB),
    description: 'Largest sync message accepted (bytes); a larger one closes the connection.',
  },
  {
    name: 'LOOPLINE_COMPACT_AFTER_UPDATES',
    default: '500',
    description: "Compact an episode's update log into a snapshot after this many updates.",
  },
  {
    name: 'LOOPLINE_COMPACT_AFTER_BYTES',
    default: String(MIB),
    description: "Compact an episode's update log into a snapshot after this many bytes of updates.",
  },
  {
    name: 'LOOPLINE_ROOM_IDLE_UNLOAD_MS',
    default: '30000',
    description: 'Unload an episode room this long after its last client left and everything was saved.',
  },
  {
    name: 'LOOPLINE_ALLOWED_ORIGINS',
    default: '(none)',
    description:
      'Comma-separated origins (https://host[:port]) allowed besides the server itself to send signed-in writes and open sync sockets.',
  },
  {
    name: 'LOOPLINE_SESSION_IDLE_MINUTES',
    default: '720',
    description: 'A sign-in session unused for this many minutes ends (default 12 hours).',
  },
  {
    name: 'LOOPLINE_SESSION_MAX_HOURS',
    default: '168',
    description: 'A sign-in session ends this many hours after sign-in, however active (default 7 days).',
  },
  {
    name: 'LOOPLINE_INSECURE_COOKIES',
    default: '0',
    description:
      'Development only (1): session cookie without Secure (and so without the __Host- prefix), for plain http on a name other than localhost.',
  },
  {
    name: 'LOOPLINE_LOGIN_MAX_FAILURES_PER_ACCOUNT',
    default: '10',
    description: 'Failed sign-ins to one account within 15 minutes before further attempts get 429.',
  },
  {
    name: 'LOOPLINE_LOGIN_MAX_FAILURES_PER_IP',
    default: '50',
    description: 'Failed sign-ins from one IP address within 15 minutes before further attempts get 429.',
  },
  {
    name: 'LOOPLINE_LOGIN_MAX_PER_MINUTE',
    default: '30',
    description: 'Sign-in, set-up and password-change requests per IP address per minute, successful or not, before 429.',
  },
  {
    name: 'LOOPLINE_IMPORT_MAX_BYTES',
    default: String(2 * 1024 * MIB),
    description: 'Largest feedback/metrics import file accepted, in bytes (default 2 GiB); uploads stream, never held in memory.',
  },
  {
    name: 'LOOPLINE_REQUEST_TIMEOUT_SECONDS',
    default: '3600',
    description: 'Longest a request may take to arrive in full; bounds import uploads of large exports (other bodies are at most 1 MiB).',
  },
];

/** The window the sign-in failure limits count in. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

const DEFAULTS: Record<string, string> = Object.fromEntries(CONFIG_VARIABLES.map((v) => [v.name, v.default]));

/**
 * Reads and validates the configuration from `env` (resolving relative paths
 * against `cwd`). Throws ConfigError listing every invalid variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): Config {
  const problems: string[] = [];
  const read = (name: string): string => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? (DEFAULTS[name] ?? '') : value.trim();
  };
  const integer = (name: string, min: number, max: number): number => {
    const raw = read(name);
    const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name}: must be an integer from ${min} to ${max} (got "${raw}")`);
      return min;
    }
    return value;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], normalize = (s: string) => s): T => {
    const raw = normalize(read(name));
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name}: must be one of ${allowed.join(', ')} (got "${raw}")`);
    return allowed[0] as T;
  };
  const flag = (name: string): boolean => oneOf(name, ['0', '1'] as const) === '1';

  const port = integer('PORT', 0, 65535);
  const host = read('HOST');
  const dataDir = resolve(cwd, read('LOOPLINE_DATA_DIR'));
  const demo = flag('LOOPLINE_DEMO');
  const synchronous = oneOf('LOOPLINE_SQLITE_SYNCHRONOUS', SQLITE_SYNCHRONOUS, (s) => s.toUpperCase());
  const databaseUrl = env.DATABASE_URL?.trim() ?? '';
  let database: DatabaseConfig = { kind: 'sqlite', file: join(dataDir, 'loopline.db'), synchronous };
  if (databaseUrl !== '') {
    if (/^postgres(ql)?:\/\//.test(databaseUrl)) database = { kind: 'postgres', url: databaseUrl };
    else problems.push('DATABASE_URL: must start with postgres:// or postgresql://');
  }
  const clientDirRaw = env.LOOPLINE_CLIENT_DIR?.trim() ?? '';
  const clientDir = clientDirRaw === '' ? defaultClientDir(cwd) : resolve(cwd, clientDirRaw);
  const logLevel = oneOf('LOOPLINE_LOG_LEVEL', LOG_LEVELS, (s) => s.toLowerCase());
  const dev = flag('LOOPLINE_DEV');
  const collab: CollabConfig = {
    maxMessageBytes: integer('LOOPLINE_WS_MAX_MESSAGE_BYTES', 1024, 256 * MIB),
    compactAfterUpdates: integer('LOOPLINE_COMPACT_AFTER_UPDATES', 1, 1_000_000),
    compactAfterBytes: integer('LOOPLINE_COMPACT_AFTER_BYTES', 1024, 1024 * MIB),
    idleUnloadMs: integer('LOOPLINE_ROOM_IDLE_UNLOAD_MS', 0, 24 * 60 * 60 * 1000),
  };

  const auth: AuthConfig = {
    allowedOrigins: origins(read('LOOPLINE_ALLOWED_ORIGINS'), problems),
    sessionIdleMs: integer('LOOPLINE_SESSION_IDLE_MINUTES', 1, 366 * 24 * 60) * 60_000,
    sessionAbsoluteMs: integer('LOOPLINE_SESSION_MAX_HOURS', 1, 366 * 24) * 3_600_000,
    insecureCookies: flag('LOOPLINE_INSECURE_COOKIES'),
    loginFailuresPerAccount: integer('LOOPLINE_LOGIN_MAX_FAILURES_PER_ACCOUNT', 1, 1_000_000),
    loginFailuresPerIp: integer('LOOPLINE_LOGIN_MAX_FAILURES_PER_IP', 1, 1_000_000),
    loginWindowMs: LOGIN_WINDOW_MS,
    loginRequestsPerMinute: integer('LOOPLINE_LOGIN_MAX_PER_MINUTE', 1, 1_000_000),
  };

  const imports: ImportsConfig = {
    maxUploadBytes: integer('LOOPLINE_IMPORT_MAX_BYTES', 1024, 64 * 1024 * MIB),
    requestTimeoutMs: integer('LOOPLINE_REQUEST_TIMEOUT_SECONDS', 10, 24 * 3600) * 1000,
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return { port, host, dataDir, demo, database, clientDir, logLevel, dev, collab, auth, imports };
}

/** Parses LOOPLINE_ALLOWED_ORIGINS: each entry must be exactly an http(s) origin, no path. */
function origins(raw: string, problems: string[]): string[] {
  if (raw === '(none)') return [];
  const out: string[] = [];
  for (const entry of raw.split(',').map((e) => e.trim()).filter(Boolean)) {
    let origin: string | undefined;
    try {
      const url = new URL(entry);
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin === entry.replace(/\/$/, '').toLowerCase()) {
        origin = url.origin;
      }
    } catch {
      // reported below
    }
    if (origin) out.push(origin);
    else problems.push(`LOOPLINE_ALLOWED_ORIGINS: "${entry}" is not an origin like https://example.com[:port]`);
  }
  return out;
}

/**
 * `client/dist` of the repository this file belongs to. Found by walking up
 * to the workspace root, so it holds whether this module runs from `src/`
 * (tsx) or from compiled `dist/src/`; falls back to `<cwd>/client/dist`.
 */
function defaultClientDir(cwd: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return join(dir, 'client', 'dist');
    const parent = dirname(dir);
    if (parent === dir) return resolve(cwd, 'client', 'dist');
    dir = parent;
  }
}
