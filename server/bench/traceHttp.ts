/**
 * The HTTP half of the trace bench: the whole app (every plugin, as
 * `pnpm start` runs it) in a child process on the bench's database, a
 * reviewer signed in through POST /api/auth/login, and autocannon sending
 * GET /api/feedback/:itemId/trace with the item id rotating over a list.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { cpuTicks, othersCores } from './cpuShare.js';
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
 * with --cpu-prof into that directory; `bare` starts the bare Fastify
 * reference instead of the app.
 */
export async function startApp(dataDir: string, opts: { logLevel: string; cpuProfDir?: string; bare?: boolean }): Promise<AppProcess> {
  const prof = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [];
  const child = spawn(process.execPath, [...prof, '--conditions=source', '--import', 'tsx', serverEntry, ...(opts.bare ? ['--bare'] : [])], {
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

/**
 * CPU seconds (user + system) a process has used, from /proc (Linux; null
 * elsewhere). CPU time per request hardly depends on what else the machine
 * runs, unlike requests per second, so it tells what one free core could serve.
 */
export function cpuSecondsOf(pid: number): number | null {
  try {
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th of the whole line.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** What one autocannon run measured. */
export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  /** The app's CPU time per answered request (µs), null where /proc is missing. */
  serverCpuMicros: number | null;
  /** CPU time of this process (autocannon) per request (µs). */
  clientCpuMicros: number;
  /** Cores' worth of CPU that other processes on the machine used meanwhile (null without /proc). */
  othersCores: number | null;
  /** Every response time (ms, from autocannon's `response` events): exact percentiles, not autocannon's whole-millisecond histogram. */
  latency: Summary;
  /** autocannon's own p99 (whole milliseconds), as a cross-check. */
  autocannonP99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/**
 * Runs GET /api/feedback/:id/trace for `seconds` over `connections`
 * connections, ids taken in turn from `ids`; `serverPid` is the app's process
 * (for its CPU time). `path` replaces the trace path (the bare reference).
 */
export function loadTrace(
  url: string,
  cookie: string,
  ids: readonly string[],
  opts: { connections: number; seconds: number; serverPid: number; path?: () => string },
): Promise<LoadResult> {
  let next = 0;
  const times: number[] = [];
  const serverCpu0 = cpuSecondsOf(opts.serverPid);
  const clientCpu0 = process.cpuUsage();
  const machine0 = cpuTicks();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: opts.connections,
        duration: opts.seconds,
        headers: { cookie },
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: opts.path?.() ?? `/api/feedback/${ids[next++ % ids.length]}/trace` }) }],
      },
      (err, result) => {
        if (err) return reject(err);
        const serverCpu1 = cpuSecondsOf(opts.serverPid);
        const clientCpu = process.cpuUsage(clientCpu0);
        const machine1 = cpuTicks();
        const answered = Math.max(1, result.requests.total);
        const ownSeconds = (serverCpu1 ?? 0) - (serverCpu0 ?? 0) + (clientCpu.user + clientCpu.system) / 1e6;
        resolve({
          connections: opts.connections,
          seconds: result.duration,
          requests: result.requests.total,
          perSecond: result.requests.total / result.duration,
          serverCpuMicros: serverCpu0 === null || serverCpu1 === null ? null : ((serverCpu1 - serverCpu0) * 1e6) / answered,
          clientCpuMicros: (clientCpu.user + clientCpu.system) / answered,
          othersCores: othersCores(machine0, machine1, ownSeconds),
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
