/**
 * The HTTP half of the trace bench: the whole app (every plugin, as
 * `pnpm start` runs it) in a child process on the bench's database, a
 * reviewer signed in through POST /api/auth/login, and autocannon sending
 * GET /api/feedback/:itemId/trace with the item id rotating over a list.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { type Summary, summarize } from './stats.js';

const serverEntry = fileURLToPath(new URL('./traceServer.ts', import.meta.url));

/** The app listening in a child process. */
export interface AppProcess {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the app on the SQLite database in `dataDir` (no demo seed, port
 * chosen by the system, log level `logLevel`). `cpuProfDir` runs the child
 * with --cpu-prof into that directory.
 */
export async function startApp(dataDir: string, opts: { logLevel: string; cpuProfDir?: string }): Promise<AppProcess> {
  const prof = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [];
  const child = spawn(process.execPath, [...prof, '--conditions=source', '--import', 'tsx', serverEntry], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOOPLINE_DATA_DIR: dataDir,
      LOOPLINE_DEMO: '0',
      LOOPLINE_CLIENT_DIR: join(dataDir, 'no-client-build'),
      LOOPLINE_LOG_LEVEL: opts.logLevel,
    },
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    if (!line.startsWith('LISTENING ')) continue;
    // Keep draining stdout (request logs at level info) so the child never blocks on a full pipe.
    lines.on('line', () => undefined);
    return {
      child,
      url: line.slice('LISTENING '.length),
      async stop() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
      },
    };
  }
  throw new Error('trace bench: the app exited before listening');
}

/** Signs in through the API and returns the `Cookie` header value of the session. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`trace bench: sign-in answered ${res.status}: ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  if (cookies.length === 0) throw new Error('trace bench: sign-in set no cookie');
  return cookies.join('; ');
}

/** What one autocannon run measured. */
export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  /** Every response time (ms, from autocannon's `response` events): exact percentiles, not autocannon's whole-millisecond histogram. */
  latency: Summary;
  /** autocannon's own p99 (whole milliseconds), as a cross-check. */
  autocannonP99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** Runs GET /api/feedback/:id/trace for `seconds` over `connections` connections, ids taken in turn from `ids`. */
export function loadTrace(url: string, cookie: string, ids: readonly string[], opts: { connections: number; seconds: number }): Promise<LoadResult> {
  let next = 0;
  const times: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: opts.connections,
        duration: opts.seconds,
        headers: { cookie },
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/feedback/${ids[next++ % ids.length]}/trace` }) }],
      },
      (err, result) => {
        if (err) return reject(err);
        resolve({
          connections: opts.connections,
          seconds: result.duration,
          requests: result.requests.total,
          perSecond: result.requests.total / result.duration,
          latency: summarize(times),
          autocannonP99: result.latency.p99,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
        });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
  });
}
