import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { connectClient, type TestClient, whenSynced } from '../test/collab/support/harness.js';
import { textsOf } from '../test/collab/support/scriptOps.js';
import { type Summary, summarize } from './stats.js';

/**
 * Benchmarks over real sockets: the sync server runs in its own process (the
 * collab test fixture: Fastify + collab plugin + SQLite, synchronous NORMAL),
 * the y-websocket clients in this one, on loopback.
 */

const serverEntry = fileURLToPath(new URL('../test/collab/fixtures/collab-server.ts', import.meta.url));

/** A running sync server process. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/** Starts the sync server on SQLite file `file`. */
export async function startServer(file: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', serverEntry, file], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  for await (const line of createInterface({ input: child.stdout! })) {
    if (!line.startsWith('LISTENING ')) continue;
    return {
      child,
      url: line.slice('LISTENING '.length),
      async stop() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
      },
    };
  }
  throw new Error('the bench server exited before listening');
}

/** Time from creating a provider to its `synced` event, each against a different cold episode. */
export async function benchFirstSync(url: string, episodeIds: string[], warmup: number): Promise<Summary> {
  const samples: number[] = [];
  for (const [i, episodeId] of episodeIds.entries()) {
    const start = performance.now();
    const client = connectClient(url, episodeId);
    await whenSynced(client.provider);
    const elapsed = performance.now() - start;
    if (i >= warmup) samples.push(elapsed);
    client.destroy();
  }
  return summarize(samples);
}

/** Resolves with the time at which every one of `receivers` has applied an update from the server. */
function allReceived(receivers: TestClient[]): Promise<number> {
  return new Promise((resolve) => {
    let pending = receivers.length;
    for (const r of receivers) {
      const onUpdate = (_u: Uint8Array, origin: unknown): void => {
        if (origin !== r.provider) return;
        r.doc.off('update', onUpdate);
        pending -= 1;
        if (pending === 0) resolve(performance.now());
      };
      r.doc.on('update', onUpdate);
    }
  });
}

/**
 * Update round trip with `clients` clients on one episode: one client types a
 * character, and the sample is the time until all the others have received
 * and applied it (the server appends it to SQLite before relaying it). The
 * sender rotates; one update is in flight at a time.
 */
export async function benchRoundTrip(
  url: string,
  episodeId: string,
  opts: { clients: number; warmup: number; samples: number },
): Promise<Summary> {
  const clients = Array.from({ length: opts.clients }, (_, i) => connectClient(url, episodeId, { clientID: 500 + i }));
  try {
    await Promise.all(clients.map((c) => whenSynced(c.provider)));
    const samples: number[] = [];
    for (let i = 0; i < opts.warmup + opts.samples; i++) {
      const sender = clients[i % clients.length]!;
      const done = allReceived(clients.filter((c) => c !== sender));
      const texts = textsOf(sender.doc);
      const text = texts[(i % clients.length) % texts.length]!;
      const start = performance.now();
      text.insert(text.length, 'x');
      const end = await done;
      if (i >= opts.warmup) samples.push(end - start);
    }
    return summarize(samples);
  } finally {
    for (const c of clients) c.destroy();
  }
}
