/**
 * `pnpm bench trace` (issue 5, [TR10]): trace queries over 1,000,000 feedback
 * items, 100,000 evidence links and 1,000 revisions on the default SQLite
 * storage. Builds the world (traceData.ts), then times
 *   - in-process: `itemTrace`, the function GET /api/feedback/:itemId/trace
 *     calls, with the app's trace services, over 10,000 random items after a
 *     warm-up (target p99 ≤ 1 ms);
 *   - over HTTP: the whole app in a child process, a signed-in reviewer,
 *     autocannon with the item id rotating (target ≥ 5,000 traces/s with
 *     p99 ≤ 10 ms).
 * Both run twice: items drawn uniformly from all items (most hold no link)
 * and items drawn from those that some link holds.
 *
 * Options: --seed N; --data DIR keeps the database there and reuses it when
 * it was built with the same seed and sizes; --items/--links/--revisions N
 * for a smaller smoke run (never recorded); --connections N, --seconds N;
 * --log LEVEL for the app (default warn); --server-prof DIR to CPU-profile
 * the app; --quiet-wait S, how long each phase may wait for a mostly idle
 * machine (default 180); --no-record only prints.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Random } from '../src/generate/index.js';
import { openStorage } from '../src/storage/index.js';
import { createTraceServices, itemTrace, type TraceDeps } from '../src/trace/index.js';
import { cpuTicks, othersCores, waitForQuiet } from './cpuShare.js';
import { currentLoad, describeMachine } from './machine.js';
import { BENCHMARKS_FILE, recordSection } from './section.js';
import { summarize } from './stats.js';
import { traceBreakdown } from './traceBreakdown.js';
import { buildTraceWorld, type TraceWorld, type TraceWorldSize } from './traceData.js';
import { loadTrace, signIn, startApp } from './traceHttp.js';
import { type HttpResult, type InProcessResult, renderTraceSection, type TraceReport } from './traceReport.js';

const FULL: TraceWorldSize = { items: 1_000_000, links: 100_000, revisions: 1_000, episodes: 100, scenes: 12 };
const SAMPLES = 10_000;
const WARMUP = 2_000;
const OUTCOME_SAMPLES = 200;
/** Before each timed phase, wait (up to --quiet-wait seconds) until this share of the machine's CPU is idle. */
const QUIET_IDLE = 0.8;

function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

function numberOption(argv: string[], name: string, fallback: number): number {
  const raw = option(argv, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} needs a positive number, got ${raw}`);
  return n;
}

/** The world in `dir`: reused when its manifest matches, else built anew. */
async function world(dir: string, seed: number, size: TraceWorldSize, log: (line: string) => void): Promise<{ world: TraceWorld; built: boolean }> {
  const manifest = join(dir, 'trace-world.json');
  if (existsSync(manifest)) {
    const kept = JSON.parse(readFileSync(manifest, 'utf8')) as TraceWorld;
    if (kept.seed === seed && JSON.stringify(kept.size) === JSON.stringify(size)) return { world: kept, built: false };
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  const storage = await openStorage({ kind: 'sqlite', file: join(dir, 'loopline.db') });
  try {
    await storage.migrate();
    const built = await buildTraceWorld(storage, seed, size, log);
    writeFileSync(manifest, JSON.stringify(built, null, 2));
    return { world: built, built: true };
  } finally {
    await storage.close();
  }
}

/** Item ids to trace: uniform over all items, and uniform over the items some link holds; plus items reaching an aired revision. */
function pools(file: string, total: number, seed: number) {
  const db = new Database(file, { readonly: true });
  try {
    const linked = db.prepare<[], { item_id: number }>('SELECT DISTINCT item_id FROM link_items').all().map((r) => r.item_id);
    const airedItems = db
      .prepare<[], { item_id: number }>(
        `SELECT DISTINCT li.item_id FROM link_items li JOIN evidence_links l ON l.key = li.link_key
         JOIN revisions r ON r.id = l.revision_id WHERE r.status = 'aired' ORDER BY li.item_id`,
      )
      .all()
      .map((r) => r.item_id);
    const r = new Random(seed + 1);
    const draw = (n: number, from: () => number) => Array.from({ length: n }, () => String(from()));
    const inRevisions = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM evidence_links WHERE revision_id IS NOT NULL').get()!.n;
    return {
      linkedCount: linked.length,
      inRevisions,
      uniform: { warmup: draw(WARMUP, () => r.int(1, total)), timed: draw(SAMPLES, () => r.int(1, total)) },
      linked: { warmup: draw(WARMUP, () => r.pick(linked)), timed: draw(SAMPLES, () => r.pick(linked)) },
      aired: airedItems.length === 0 ? [] : draw(OUTCOME_SAMPLES + 20, () => r.pick(airedItems)),
    };
  } finally {
    db.close();
  }
}

/** Times `itemTrace` on each id, after tracing the warm-up ids untimed. */
async function timeTraces(
  deps: TraceDeps,
  warmup: readonly string[],
  ids: readonly string[],
  outcomes: boolean,
): Promise<Omit<InProcessResult, 'idleBefore'>> {
  for (const id of warmup) await itemTrace(deps, id, { outcomes });
  const samples: number[] = [];
  const links: number[] = [];
  let withLinks = 0;
  const cpu0 = process.cpuUsage();
  const machine0 = cpuTicks();
  for (const id of ids) {
    const t0 = performance.now();
    const trace = await itemTrace(deps, id, { outcomes });
    samples.push(performance.now() - t0);
    links.push(trace.links.length);
    if (trace.links.length > 0) withLinks++;
  }
  const cpu = process.cpuUsage(cpu0);
  const linkStats = summarize(links);
  return {
    latency: summarize(samples),
    cpuMicros: (cpu.user + cpu.system) / Math.max(1, ids.length),
    othersCores: othersCores(machine0, cpuTicks(), (cpu.user + cpu.system) / 1e6),
    withLinks,
    meanLinks: linkStats.mean,
    maxLinks: linkStats.max,
  };
}

/** Runs the trace bench; `argv` are the arguments after `trace`. */
export async function runTraceBench(argv: string[], record: boolean): Promise<void> {
  const seed = numberOption(argv, '--seed', 20260305);
  const size: TraceWorldSize = {
    ...FULL,
    items: numberOption(argv, '--items', FULL.items),
    links: numberOption(argv, '--links', FULL.links),
    revisions: numberOption(argv, '--revisions', FULL.revisions),
  };
  const full = JSON.stringify(size) === JSON.stringify(FULL);
  const connections = numberOption(argv, '--connections', 10);
  const seconds = numberOption(argv, '--seconds', 10);
  const logLevel = option(argv, '--log') ?? 'warn';
  const quietWait = numberOption(argv, '--quiet-wait', 180);
  const keep = option(argv, '--data');
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'loopline-trace-'));
  mkdirSync(dir, { recursive: true });
  const log = (line: string) => console.log(line);
  const machine = describeMachine();
  log(`trace bench: seed ${seed}; ${JSON.stringify(size)}; data in ${dir}${keep ? ' (kept)' : ''}`);
  log(`machine: ${machine.cpus} CPUs, ${machine.cpuModel}, Node ${machine.node}, load ${machine.loadAverage}`);

  try {
    const t0 = performance.now();
    const { world: w, built } = await world(dir, seed, size, log);
    const buildSeconds = (performance.now() - t0) / 1000;
    log(built ? `built the world in ${buildSeconds.toFixed(0)} s: ${JSON.stringify(w.counts)}` : `reused the world in ${dir}: ${JSON.stringify(w.counts)}`);
    const file = join(dir, 'loopline.db');
    const ids = pools(file, w.counts.items, seed);

    // In-process, before the app starts, so nothing else in this process competes for the core.
    const quiet = () => waitForQuiet(QUIET_IDLE, quietWait * 1000, log);
    const storage = await openStorage({ kind: 'sqlite', file });
    const services = createTraceServices(storage);
    const deps: TraceDeps = { storage, headings: services.headings, outcomesOf: (revisions) => services.outcomes.many(revisions) };
    log('in-process: uniform items…');
    const uniformIdle = await quiet();
    const uniform = { ...(await timeTraces(deps, ids.uniform.warmup, ids.uniform.timed, false)), idleBefore: uniformIdle };
    log('in-process: linked items…');
    const linkedIdle = await quiet();
    const linked = { ...(await timeTraces(deps, ids.linked.warmup, ids.linked.timed, false)), idleBefore: linkedIdle };
    log('in-process: with outcomes (reference)…');
    const withOutcomes = { ...(await timeTraces(deps, ids.aired.slice(0, 20), ids.aired.slice(20), true)), idleBefore: null };
    log('in-process: the reads of a trace request, one by one…');
    const breakdown = await traceBreakdown(storage, services.headings, w.reviewer.email, w.seriesId, ids.linked.warmup);
    await storage.close();

    const load = async (url: string, pid: number, list: readonly string[], path?: () => string) => {
      const idleBefore = await quiet();
      return { ...(await loadTrace(url, cookie, list, { connections, seconds, serverPid: pid, path })), idleBefore };
    };
    let cookie = '';
    log(`HTTP: the bare Fastify reference, ${seconds} s over ${connections} connections…`);
    const bareApp = await startApp(dir, { logLevel, bare: true });
    let bare: HttpResult;
    try {
      await loadTrace(bareApp.url, '', [], { connections, seconds: 2, serverPid: bareApp.child.pid!, path: () => '/hello' });
      bare = await load(bareApp.url, bareApp.child.pid!, [], () => '/hello');
    } finally {
      await bareApp.stop();
    }
    const app = await startApp(dir, { logLevel, cpuProfDir: option(argv, '--server-prof') });
    let http: TraceReport['http'];
    try {
      const serverPid = app.child.pid!;
      cookie = await signIn(app.url, w.reviewer.email, w.reviewer.password);
      const probe = await fetch(`${app.url}/api/feedback/${ids.linked.timed[0]}/trace`, { headers: { cookie } });
      if (probe.status !== 200) throw new Error(`trace bench: a trace answered ${probe.status}: ${await probe.text()}`);
      log(`HTTP: warm-up (3 s), then GET /api/auth/session, uniform and linked items, ${seconds} s each over ${connections} connections…`);
      await loadTrace(app.url, cookie, ids.uniform.warmup, { connections, seconds: 3, serverPid });
      const session = await load(app.url, serverPid, [], () => '/api/auth/session');
      const httpUniform = await load(app.url, serverPid, ids.uniform.timed);
      const httpLinked = await load(app.url, serverPid, ids.linked.timed);
      http = { bare, session, uniform: httpUniform, linked: httpLinked };
    } finally {
      await app.stop();
    }

    const report: TraceReport = {
      machine,
      loadAtEnd: currentLoad(),
      date: new Date().toISOString(),
      command: `pnpm bench trace${argv.length ? ` ${argv.join(' ')}` : ''}`,
      world: w,
      buildSeconds: built ? buildSeconds : null,
      linkedItems: ids.linkedCount,
      linksInRevisions: ids.inRevisions,
      databaseBytes: statSync(file).size,
      logLevel,
      inProcess: { uniform, linked, withOutcomes },
      breakdown,
      http,
    };
    const section = renderTraceSection(report);
    console.log(`\n${section}`);
    if (record && full) {
      recordSection('trace', section);
      console.log(`\nwrote the trace section of ${BENCHMARKS_FILE}`);
    } else if (record) console.log('\nsmaller than the issue\'s sizes: not recorded');
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}
