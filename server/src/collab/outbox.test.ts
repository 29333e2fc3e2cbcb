import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from './log.js';
import { Outbox } from './outbox.js';

/** A controllable append: each call waits for the test to settle it. */
function manualStore() {
  const calls: { update: Uint8Array; resolve: (seq: number) => void; reject: (err: Error) => void }[] = [];
  const append = (update: Uint8Array) =>
    new Promise<number>((resolve, reject) => {
      calls.push({ update, resolve, reject });
    });
  return { calls, append };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

function options(append: (u: Uint8Array) => Promise<number>, onAppended = (_s: number, _b: number) => {}) {
  return { append, onAppended, retryInitialMs: 1, retryMaxMs: 4, log: silentLogger, label: 'ep' };
}

describe('Outbox', () => {
  it('[SY1] delivers an update only after its append committed, and deliveries keep their order', async () => {
    const store = manualStore();
    const outbox = new Outbox(options(store.append));
    const log: string[] = [];
    outbox.append(new Uint8Array([1]), () => log.push('update 1'));
    outbox.deliver(() => log.push('step 2 after 1'));
    await flush();
    expect(log).toEqual([]);
    expect(outbox.idle).toBe(false);
    store.calls[0]!.resolve(1);
    await outbox.whenIdle();
    expect(log).toEqual(['update 1', 'step 2 after 1']);
    expect(outbox.idle).toBe(true);
  });

  it('[SY1] updates queued behind a slow append are merged into one append', async () => {
    const store = manualStore();
    const appended: number[] = [];
    const outbox = new Outbox(options(store.append, (seq) => appended.push(seq)));
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (const ch of 'abc') doc.getText('t').insert(doc.getText('t').length, ch);
    const delivered: number[] = [];
    for (const [i, u] of updates.entries()) outbox.append(u, () => delivered.push(i));
    await flush();
    expect(store.calls).toHaveLength(1);
    store.calls[0]!.resolve(1);
    await flush();
    expect(store.calls).toHaveLength(2);
    // 'a' was the first append; 'b' and 'c' arrived while it ran and were merged into the second.
    expect(Y.decodeUpdate(store.calls[1]!.update).structs.reduce((n, s) => n + s.length, 0)).toBe(2);
    const replay = new Y.Doc();
    Y.applyUpdate(replay, store.calls[0]!.update);
    Y.applyUpdate(replay, store.calls[1]!.update);
    expect(replay.getText('t').toString()).toBe('abc');
    store.calls[1]!.resolve(2);
    await outbox.whenIdle();
    expect(delivered).toEqual([0, 1, 2]);
    expect(appended).toEqual([1, 2]);
  });

  it('[SY4] a failed append is retried with backoff and nothing behind it is delivered meanwhile', async () => {
    let failures = 2;
    let seq = 0;
    const attempts: number[] = [];
    const outbox = new Outbox(
      options(async () => {
        attempts.push(Date.now());
        if (failures-- > 0) throw new Error('disk full');
        return ++seq;
      }),
    );
    const log: string[] = [];
    outbox.append(new Uint8Array([1]), () => log.push('delivered'));
    outbox.deliver(() => log.push('after'));
    await outbox.whenIdle();
    expect(attempts).toHaveLength(3);
    expect(log).toEqual(['delivered', 'after']);
  });

  it('[SY4] at shutdown, retrying stops after the deadline and the update is not delivered', async () => {
    const outbox = new Outbox(
      options(async () => {
        throw new Error('database gone');
      }),
    );
    const log: string[] = [];
    outbox.append(new Uint8Array([1]), () => log.push('delivered'));
    await outbox.drain(0);
    expect(log).toEqual([]);
    expect(outbox.idle).toBe(true);
  });
});
