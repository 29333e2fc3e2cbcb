import { once } from 'node:events';
import { CloseCode } from '@loopline/shared/collab';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type AwarenessEntry, encodeAwarenessEntries, MessageType } from '../../src/collab/protocol.js';
import { whenSynced } from '../collab/support/harness.js';
import { awarenessFrame, syncFrame } from '../collab/support/rawClient.js';
import { docState } from '../collab/support/wait.js';
import { connectProvider, SecureRawClient } from './support/client.js';
import { editOf, storedState } from './support/docs.js';
import { type SecureApp, startSecureApp } from './support/secureApp.js';

// Small caps so each flood fits in a quick test; the defaults are covered by the unit tests and the flood tests.
const MAX_MESSAGE_BYTES = 256 * 1024;
const MAX_UPDATE_ITEMS = 10_000;
const MAX_PENDING_BYTES = 2 * 1024;

let t: SecureApp;
beforeAll(async () => {
  t = await startSecureApp({
    collab: { maxMessageBytes: MAX_MESSAGE_BYTES, maxUpdateItems: MAX_UPDATE_ITEMS, maxPendingBytes: MAX_PENDING_BYTES },
  });
});
afterAll(async () => {
  await t.close();
});

const writer = () => SecureRawClient.open(t.wsUrl, t.episodeId, { cookie: t.sessions.writer.headers.cookie, origin: t.origin });
const room = () => t.app.collabRooms.get(t.episodeId)!;
const state = (clientId: number, clock: number, value: unknown): AwarenessEntry => ({ clientId, clock, stateJson: JSON.stringify(value) });
const awarenessOf = (entries: AwarenessEntry[]) => awarenessFrame(encodeAwarenessEntries(entries));

/**
 * Runs `flood` against a fresh writer socket; resolves with its close code
 * once the server let go of the socket and the document (in the room and in
 * storage) is checked unchanged.
 */
async function closeCodeOf(flood: (socket: SecureRawClient) => void): Promise<number> {
  const socket = await writer();
  await socket.requestState(new Y.Doc());
  const before = docState(room().doc);
  const storedBefore = await storedState(t.storage, t.episodeId);
  const left = once(t.app.collabRooms, 'left');
  flood(socket);
  const { code } = await socket.closed;
  await left;
  await room().flush();
  expect(docState(room().doc)).toBe(before);
  expect(await storedState(t.storage, t.episodeId)).toBe(storedBefore);
  return code;
}

/** An update of `n` 2-byte GC structs. */
function gcUpdate(n: number): Uint8Array {
  const e = encoding.createEncoder();
  for (const v of [1, n, 5, 0]) encoding.writeVarUint(e, v);
  for (let i = 0; i < n; i++) {
    encoding.writeUint8(e, 0);
    encoding.writeVarUint(e, 1);
  }
  encoding.writeVarUint(e, 0);
  return encoding.toUint8Array(e);
}

describe('frame and message limits', () => {
  it('[AC8] a frame over maxMessageBytes closes that socket with 1009; the room keeps serving', async () => {
    const code = await closeCodeOf((s) => s.send(new Uint8Array(MAX_MESSAGE_BYTES + 1)));
    expect(code).toBe(CloseCode.messageTooBig);
    const other = await writer();
    await other.requestState(new Y.Doc());
    other.close();
  });

  it('[AC8] a message in more than maxFragments fragments closes with 1008; a few fragments make one valid message', async () => {
    const code = await closeCodeOf((s) => {
      for (let i = 0; i < 2000; i++) s.socket.send(new Uint8Array([0]), { fin: false });
    });
    expect(code).toBe(CloseCode.policyViolation);

    const socket = await writer();
    try {
      await socket.requestState(new Y.Doc());
      const frame = syncFrame('update', editOf(Y.encodeStateAsUpdate(room().doc), '分片发送'));
      const size = Math.ceil(frame.length / 10);
      for (let i = 0; i < frame.length; i += size) socket.socket.send(frame.slice(i, i + size), { fin: i + size >= frame.length });
      await socket.requestState(new Y.Doc());
      await room().flush();
      expect(room().doc.getXmlFragment('script').toString()).toContain('分片发送');
    } finally {
      socket.close();
    }
  });

  it('[AC25] a message flood past the burst closes the socket with 4429', async () => {
    const code = await closeCodeOf((s) => {
      for (let i = 0; i < 5000; i++) s.send(new Uint8Array([MessageType.queryAwareness]));
    });
    expect(code).toBe(CloseCode.rateLimited);
  });

  it('[AC26] 10,000 fake awareness client ids in one message close the socket with 4422; none is applied', async () => {
    const fake = awarenessOf(Array.from({ length: 10_000 }, (_, i) => state(900_000 + i, 1, null)));
    expect(fake.length).toBeLessThan(MAX_MESSAGE_BYTES);
    const code = await closeCodeOf((s) => s.send(fake));
    expect(code).toBe(CloseCode.malformed);
    expect([...room().awareness.meta.keys()].filter((id) => id >= 900_000 && id < 910_000)).toEqual([]);
  });

  it('[AC26] fake client ids across many messages close at the cap (32 tolerated) with 4422', async () => {
    let sent = 0;
    const code = await closeCodeOf((s) => {
      for (let i = 0; i < 100; i++, sent++) s.send(awarenessOf([state(800_000 + i, 1, { i })]));
    });
    expect(code).toBe(CloseCode.malformed);
    // Only the first id (the connection's own) was ever applied; it left with the socket.
    expect([...room().awareness.getStates().keys()].filter((id) => id >= 800_000 && id < 800_100)).toEqual([]);
    expect(sent).toBe(100);
  });

  it('[AC26] an awareness state over 8 KiB closes the socket with 4422', async () => {
    const code = await closeCodeOf((s) => s.send(awarenessOf([state(700_001, 1, { pad: 'x'.repeat(9000) })])));
    expect(code).toBe(CloseCode.malformed);
  });

  it("[AC26] a connection cannot speak for another connection's client id (no spoofed cursors)", async () => {
    const a = await writer();
    const b = await writer();
    try {
      a.send(awarenessOf([state(600_001, 1, { user: { name: '林晚' } })]));
      await a.requestState(new Y.Doc());
      b.send(awarenessOf([state(600_002, 1, { user: { name: '顾沉' } })]));
      b.send(awarenessOf([state(600_001, 99, { user: { name: 'spoof' } })]));
      await b.requestState(new Y.Doc());
      expect(room().awareness.getStates().get(600_001)).toEqual({ user: { name: '林晚' } });
      expect(b.open).toBe(true);
    } finally {
      a.close();
      b.close();
    }
  });

  it('[AC26] two unmodified providers see each other and survive the echoes of each other\'s presence', async () => {
    const closes: string[] = [];
    const watch = (name: string, p: WebsocketProvider) => p.on('connection-close', () => closes.push(name));
    const one = connectProvider(t.wsUrl, t.episodeId, { cookie: t.sessions.writer.headers.cookie, origin: t.origin });
    const two = connectProvider(t.wsUrl, t.episodeId, { cookie: t.sessions.reviewer.headers.cookie, origin: t.origin });
    watch('one', one.provider);
    watch('two', two.provider);
    try {
      await Promise.all([whenSynced(one.provider), whenSynced(two.provider)]);
      const sees = (p: WebsocketProvider, id: number, name: string) =>
        new Promise<void>((resolve) => {
          const check = (): void => {
            if ((p.awareness.getStates().get(id) as { user?: { name?: string } } | undefined)?.user?.name !== name) return;
            p.awareness.off('change', check);
            resolve();
          };
          p.awareness.on('change', check);
          check();
        });
      one.provider.awareness.setLocalStateField('user', { name: '林晚' });
      two.provider.awareness.setLocalStateField('user', { name: '审片' });
      await Promise.all([sees(two.provider, one.doc.clientID, '林晚'), sees(one.provider, two.doc.clientID, '审片')]);
      // Several rounds, each relayed and echoed back by the other provider.
      for (let round = 0; round < 5; round++) {
        one.provider.awareness.setLocalStateField('user', { name: `林晚${round}` });
        await sees(two.provider, one.doc.clientID, `林晚${round}`);
        two.provider.awareness.setLocalStateField('user', { name: `审片${round}` });
        await sees(one.provider, two.doc.clientID, `审片${round}`);
      }
      expect(closes).toEqual([]);
    } finally {
      one.destroy();
      two.destroy();
    }
  });

  it('[AC27] an update with more items than maxUpdateItems closes the socket with 4422; nothing is stored', async () => {
    const code = await closeCodeOf((s) => s.send(syncFrame('update', gcUpdate(MAX_UPDATE_ITEMS + 1))));
    expect(code).toBe(CloseCode.malformed);
  });

  it('[AC27][SY8] a malformed update closes with 4422 and nothing after it is read', async () => {
    const code = await closeCodeOf((s) => {
      s.send(syncFrame('update', new Uint8Array([1, 1, 1, 0, 0x1f])));
      // A valid edit right behind it is never applied: the socket is closing.
      s.send(syncFrame('update', editOf(Y.encodeStateAsUpdate(room().doc), '不该出现')));
    });
    expect(code).toBe(CloseCode.malformed);
  });

  it('[AC27] updates waiting for content the room lacks are bounded: past maxPendingBytes they are discarded and the sender closed', async () => {
    // An edit on top of content the server never got: Yjs would keep it in memory, waiting.
    const ahead = new Y.Doc();
    Y.applyUpdate(ahead, Y.encodeStateAsUpdate(room().doc));
    ahead.getXmlFragment('script').insert(0, [new Y.XmlText('从未发送')]);
    const sv = Y.encodeStateVector(ahead);
    ahead.getXmlFragment('script').insert(0, [new Y.XmlText('等'.repeat(2000))]);
    const dependent = Y.encodeStateAsUpdate(ahead, sv);
    const code = await closeCodeOf((s) => s.send(syncFrame('update', dependent)));
    expect(code).toBe(CloseCode.malformed);
    expect(room().doc.store.pendingStructs).toBeNull();
  });
});
