import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as prng from 'lib0/prng';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openStorage } from '../../src/storage/index.js';
import { connectClient, type TestClient, tempDir, whenSynced } from './support/harness.js';
import { initialScriptUpdate, textsOf } from './support/scriptOps.js';
import { docState } from './support/wait.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = fileURLToPath(new URL('./fixtures/collab-server.ts', import.meta.url));

/** Starts the fixture server on `file`; resolves with the child and its ws base URL. */
async function spawnServer(file: string): Promise<{ child: ChildProcess; url: string; exited: Promise<NodeJS.Signals | null> }> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', fixture, file], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  for await (const line of createInterface({ input: child.stdout! })) {
    if (line.startsWith('LISTENING ')) return { child, url: line.slice('LISTENING '.length), exited };
  }
  throw new Error('the server exited before listening');
}

describe('crash safety', () => {
  it('[SY1] a server killed with SIGKILL mid-typing keeps every update any client was sent', async () => {
    const file = join(dir, 'loopline.db');
    const setup = await openStorage({ kind: 'sqlite', file });
    const series = await setup.createSeries({ title: '签收双胞胎', language: 'zh' });
    const episodeId = (await setup.createEpisode({ seriesId: series.id, title: '第11集' })).id;
    await setup.appendUpdate(episodeId, initialScriptUpdate(21, 3));
    await setup.close();

    const first = await spawnServer(file);
    const clients: TestClient[] = Array.from({ length: 3 }, (_, i) => connectClient(first.url, episodeId, { clientID: 100 + i }));
    await Promise.all(clients.map((c) => whenSynced(c.provider)));

    // Everyone types into a scene of their own, yielding between keystrokes.
    let typing = true;
    const typists = clients.map(async (client, i) => {
      const gen = prng.create(21 + i);
      while (typing) {
        const text = textsOf(client.doc)[i * 5]!;
        text.insert(prng.int32(gen, 0, text.length), prng.oneOf(gen, ['你', '好', '的', 'a', '!']));
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    });
    // Kill as soon as the clients have been sent 300 updates between them.
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (clients.reduce((n, c) => n + c.received.length, 0) < 300) return;
        for (const c of clients) c.doc.off('update', check);
        resolve();
      };
      for (const c of clients) c.doc.on('update', check);
    });
    first.child.kill('SIGKILL');
    typing = false;
    await Promise.all(typists);
    expect(await first.exited).toBe('SIGKILL');
    const received = clients.map((c) => [...c.received]);
    for (const c of clients) c.destroy();

    const second = await spawnServer(file);
    const reader = connectClient(second.url, episodeId);
    try {
      await whenSynced(reader.provider);
      const loaded = reader.doc;
      for (const updates of received) {
        expect(updates.length).toBeGreaterThan(0);
        const merged = Y.mergeUpdates(updates);
        // No struct any client was sent is missing from the reloaded document…
        const missing = Y.decodeUpdate(Y.diffUpdate(merged, Y.encodeStateVector(loaded))).structs;
        expect(missing).toEqual([]);
        // …and no deletion either: applying everything received changes nothing.
        const check = new Y.Doc();
        Y.applyUpdate(check, Y.encodeStateAsUpdate(loaded));
        Y.applyUpdate(check, merged);
        expect(docState(check)).toBe(docState(loaded));
      }
    } finally {
      reader.destroy();
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});
