import { SCRIPT_FRAGMENT } from '@loopline/shared';
import * as prng from 'lib0/prng';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CollabTestServer, connectClient, startCollabServer, whenSynced } from './support/harness.js';
import { initialScriptUpdate, randomEdit, repairLikeTheEditor, sceneIdsOf, textsOf } from './support/scriptOps.js';
import { docState, waitForConvergence, waitForDocs } from './support/wait.js';

// A failing run prints its seed; rerun it with SEED=<n>.
const BASE_SEED = Number(process.env.SEED ?? Math.floor(Math.random() * 1_000_000_000));

let server: CollabTestServer;
beforeAll(async () => {
  server = await startCollabServer();
});
afterAll(async () => {
  await server.close();
});

/** Runs `rounds` rounds in which every client makes 1–3 random edits, yielding to the network between rounds. */
async function fuzz(clients: { doc: import('yjs').Doc }[], seed: number, rounds: number): Promise<void> {
  const gen = prng.create(seed);
  for (let round = 0; round < rounds; round++) {
    for (const client of clients) {
      const edits = prng.int32(gen, 1, 3);
      for (let i = 0; i < edits; i++) randomEdit(gen, client.doc);
    }
    // Let frames flow so later edits build on partly synced states.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

describe('sync server convergence', () => {
  for (const count of [2, 10]) {
    it(`[SY13] ${count} clients converge after seeded random concurrent edits, and the server equals them`, async () => {
      const seed = BASE_SEED + count;
      console.log(`[SY13] ${count} clients, seed ${seed}`);
      const episodeId = await server.createEpisode(initialScriptUpdate(seed, 3));
      const clients = Array.from({ length: count }, (_, i) => connectClient(server.wsUrl, episodeId, { clientID: 1_000 + i }));
      for (const c of clients) repairLikeTheEditor(c.doc, c.provider);
      try {
        await Promise.all(clients.map((c) => whenSynced(c.provider)));
        await fuzz(clients, seed, 25);
        const room = server.rooms.get(episodeId);
        expect(room, `seed ${seed}`).toBeDefined();
        const docs = [room!.doc, ...clients.map((c) => c.doc)];
        await waitForConvergence(docs, `convergence (seed ${seed})`);
        const expected = docState(room!.doc);
        for (const c of clients) expect(docState(c.doc), `seed ${seed}`).toBe(expected);
        // [SY9] the repaired scene ids are unique everywhere.
        const ids = sceneIdsOf(room!.doc);
        expect(new Set(ids).size, `seed ${seed}: ${ids.join(',')}`).toBe(ids.length);
        expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
      } finally {
        for (const c of clients) c.destroy();
      }
    });
  }

  it('[SY14] edits made offline merge on reconnect', async () => {
    const episodeId = await server.createEpisode(initialScriptUpdate(BASE_SEED, 2));
    const a = connectClient(server.wsUrl, episodeId);
    const b = connectClient(server.wsUrl, episodeId);
    try {
      await Promise.all([whenSynced(a.provider), whenSynced(b.provider)]);
      const room = server.rooms.get(episodeId)!;

      a.provider.disconnect();
      textsOf(a.doc)[0]!.insert(0, 'OFFLINE-A ');
      textsOf(b.doc).at(-1)!.insert(0, 'ONLINE-B ');
      a.doc.getXmlFragment(SCRIPT_FRAGMENT).delete(1, 1); // A also removes the second scene while offline
      const has = (text: string) => () => room.doc.getXmlFragment(SCRIPT_FRAGMENT).toString().includes(text);
      await waitForDocs([room.doc], has('ONLINE-B'), 'the online edit to reach the server');
      expect(has('OFFLINE-A')()).toBe(false);

      a.provider.connect();
      await waitForConvergence([room.doc, a.doc, b.doc], 'offline edits to merge');
      const xml = room.doc.getXmlFragment(SCRIPT_FRAGMENT).toString();
      expect(xml).toContain('OFFLINE-A');
      expect(room.doc.getXmlFragment(SCRIPT_FRAGMENT).length).toBe(1);
    } finally {
      a.destroy();
      b.destroy();
    }
  });
});
