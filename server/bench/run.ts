/**
 * `pnpm bench`: cold load of an episode with ~160 KB and ~1.6 MB of Yjs
 * state, first sync of a new client against a cold room, and the update
 * round trip with 10 clients on one episode over loopback. Prints a table and
 * writes the figures with the machine description into the `sync` section of
 * docs/BENCHMARKS.md, leaving the rest of the file as it is (`--no-record`
 * only prints). Stops by itself: a hard deadline ends the run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '../src/storage/index.js';
import { initialScriptUpdate } from '../test/collab/support/scriptOps.js';
import { benchColdLoad, type ColdLoadResult, storeEpisode } from './coldLoad.js';
import { currentLoad, describeMachine } from './machine.js';
import { benchFirstSync, benchRoundTrip, type ServerProcess, startServer } from './network.js';
import { renderSyncSection, renderTable } from './report.js';
import { BENCHMARKS_FILE, recordSection } from './section.js';

const DEADLINE_MS = 10 * 60 * 1000;
const record = !process.argv.includes('--no-record');

const COLD = [
  { label: '160 KB', shape: 'rewritten', targetBytes: 160_000, targetMs: 50, runs: 20, warmup: 3, seed: 160 },
  { label: '1.6 MB', shape: 'rewritten', targetBytes: 1_600_000, targetMs: 300, runs: 8, warmup: 2, seed: 1600 },
  { label: '160 KB', shape: 'growing', targetBytes: 160_000, targetMs: 50, runs: 20, warmup: 3, seed: 161 },
  { label: '1.6 MB', shape: 'growing', targetBytes: 1_600_000, targetMs: 300, runs: 8, warmup: 2, seed: 1601 },
] as const;
const ROUND_TRIP = { clients: 10, warmup: 200, samples: 2000, targetP99Ms: 5 } as const;

// Every WebsocketProvider adds a process 'exit' listener; the bench holds more than Node's default 10.
process.setMaxListeners(64);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'loopline-bench-'));
  let server: ServerProcess | null = null;
  const deadline = setTimeout(() => {
    console.error(`bench: exceeded ${DEADLINE_MS / 60000} minutes; stopping`);
    server?.child.kill('SIGKILL');
    process.exit(1);
  }, DEADLINE_MS);
  deadline.unref();
  try {
    const machine = describeMachine();
    console.log(`machine: ${machine.cpus} CPUs, ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, load ${machine.loadAverage}`);

    const cold: ColdLoadResult[] = [];
    const networkFile = join(dir, 'network.db');
    const network = await openStorage({ kind: 'sqlite', file: networkFile });
    const firstSyncEpisodes: string[][] = [];
    for (const c of COLD) {
      console.log(`cold load ${c.label} (${c.shape}): building and storing the document…`);
      const { result, state } = await benchColdLoad(dir, c);
      cold.push(result);
      const ids: string[] = [];
      for (let i = 0; i < c.warmup + c.runs; i++) ids.push(await storeEpisode(network, state));
      firstSyncEpisodes.push(ids);
    }
    const series = await network.createSeries({ title: 'round trip', language: 'zh' });
    const roundTripEpisode = (await network.createEpisode({ seriesId: series.id, title: 'round trip' })).id;
    await network.appendUpdate(roundTripEpisode, initialScriptUpdate(7, 6));
    await network.close();

    server = await startServer(networkFile);
    for (const [i, c] of COLD.entries()) {
      console.log(`first sync ${c.label} (${c.shape})…`);
      cold[i]!.firstSync = await benchFirstSync(server.url, firstSyncEpisodes[i]!, c.warmup);
    }
    console.log(`round trip, ${ROUND_TRIP.clients} clients…`);
    const roundTrip = await benchRoundTrip(server.url, roundTripEpisode, ROUND_TRIP);
    await server.stop();
    server = null;

    const report = { machine, loadAtEnd: currentLoad(), date: new Date().toISOString(), cold, roundTrip, roundTripConfig: ROUND_TRIP };
    console.log(`\n${renderTable(report)}`);
    if (record) {
      recordSection('sync', renderSyncSection(report));
      console.log(`\nwrote the sync section of ${BENCHMARKS_FILE}`);
    }
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
    clearTimeout(deadline);
  }
}

// `pnpm bench diff` runs the revision-diff bench alone (issue 5); it records its own section of docs/BENCHMARKS.md.
if (process.argv.slice(2).includes('diff')) (await import('./diff.js')).runDiffBench(record);
// `pnpm bench ingest [--rows N]` runs the feedback import and search bench alone (issue 4), in its own section too.
else if (process.argv.slice(2).includes('ingest')) {
  const at = process.argv.indexOf('--rows');
  await (await import('./ingest.js')).runIngestBench(record, at > 0 ? Number(process.argv[at + 1]) : undefined);
}
// `pnpm bench trace [--seed N] [--data DIR] …` runs the trace-query bench alone (issue 5), in its own section too.
else if (process.argv.slice(2).includes('trace')) {
  const args = process.argv.slice(process.argv.indexOf('trace') + 1).filter((a) => a !== '--' && a !== '--no-record');
  await (await import('./trace.js')).runTraceBench(args, record);
} else await main();
// Providers and sockets are closed; exit explicitly so no stray handle can keep the bench alive.
process.exit(0);
