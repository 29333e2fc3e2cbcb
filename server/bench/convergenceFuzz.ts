/**
 * The [SY13] convergence fuzz over many seeds (part of `pnpm fuzz`). Each
 * seed runs 2–10 real y-websocket clients making random concurrent edits
 * (with disconnects and reconnects) against an in-process sync server, then
 * checks that everyone, the server and the stored document converge with
 * unique scene ids. Bounded: each seed has a deadline.
 */
import * as prng from 'lib0/prng';
import { silentLogger } from '../src/collab/log.js';
import { loadEpisodeDocument } from '../src/collab/persistence.js';
import { connectClient, startCollabServer, whenSynced } from '../test/collab/support/harness.js';
import { initialScriptUpdate, randomEdit, repairLikeTheEditor, sceneIdsOf } from '../test/collab/support/scriptOps.js';
import { docState, waitForConvergence } from '../test/collab/support/wait.js';

const SEED_DEADLINE_MS = 30_000;

async function runSeed(seed: number, server: Awaited<ReturnType<typeof startCollabServer>>): Promise<string | null> {
  const gen = prng.create(seed);
  const count = prng.int32(gen, 2, 10);
  const episodeId = await server.createEpisode(initialScriptUpdate(seed, prng.int32(gen, 1, 4)));
  const clients = Array.from({ length: count }, (_, i) => connectClient(server.wsUrl, episodeId, { clientID: 1_000 + i }));
  for (const c of clients) repairLikeTheEditor(c.doc, c.provider);
  try {
    await Promise.all(clients.map((c) => whenSynced(c.provider)));
    for (let round = 0; round < 30; round++) {
      for (const c of clients) {
        // Now and then a client drops off and comes back later, editing offline meanwhile.
        if (prng.int32(gen, 0, 40) === 0) c.provider.disconnect();
        else if (!c.provider.shouldConnect && prng.int32(gen, 0, 3) === 0) c.provider.connect();
        for (let i = prng.int32(gen, 0, 3); i > 0; i--) randomEdit(gen, c.doc);
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect();
    const room = server.rooms.get(episodeId);
    if (!room) return 'room not loaded';
    await waitForConvergence([room.doc, ...clients.map((c) => c.doc)], `seed ${seed}`, SEED_DEADLINE_MS);
    const ids = sceneIdsOf(room.doc);
    if (new Set(ids).size !== ids.length) return `duplicate scene ids ${ids.join(',')}`;
    await room.flush();
    const stored = await loadEpisodeDocument(server.storage, episodeId, silentLogger);
    if (docState(stored.doc) !== docState(room.doc)) return 'stored document differs from the room';
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    for (const c of clients) c.destroy();
  }
}

/**
 * Runs `seeds` seeds from `firstSeed`; prints one line per seed and a
 * summary, and returns the failing seeds (turn one into a named regression
 * test in server/test/collab).
 */
export async function runConvergenceFuzz(seeds: number, firstSeed: number): Promise<number[]> {
  process.setMaxListeners(64);
  const server = await startCollabServer({ limits: { compactAfterUpdates: 50 } });
  const failures: { seed: number; reason: string }[] = [];
  try {
    for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
      const started = performance.now();
      const reason = await runSeed(seed, server);
      const took = (performance.now() - started).toFixed(0);
      console.log(`seed ${seed}: ${reason ? `FAILED (${reason})` : 'ok'} in ${took} ms`);
      if (reason) failures.push({ seed, reason });
    }
  } finally {
    await server.close();
  }
  console.log(
    `convergence fuzz: ${seeds - failures.length} passed, ${failures.length} failed${failures.length ? `: seeds ${failures.map((f) => f.seed).join(', ')}` : ''}`,
  );
  return failures.map((f) => f.seed);
}
