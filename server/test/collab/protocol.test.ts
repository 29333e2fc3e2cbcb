import { SCRIPT_FRAGMENT } from '@loopline/shared';
import { CloseCode } from '@loopline/shared/collab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { type CollabTestServer, connectClient, startCollabServer, whenSynced } from './support/harness.js';
import { awarenessFrame, RawClient, syncFrame } from './support/rawClient.js';
import { initialScriptUpdate, textsOf } from './support/scriptOps.js';
import { waitForDocs } from './support/wait.js';

let server: CollabTestServer;
beforeAll(async () => {
  server = await startCollabServer();
});
afterAll(async () => {
  await server.close();
});

const xmlOf = (doc: Y.Doc): string => doc.getXmlFragment(SCRIPT_FRAGMENT).toString();

/** An awareness update announcing `state` for a client id, as a provider would send it. */
function awarenessOf(clientID: number, state: Record<string, unknown>): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const awareness = new Awareness(doc);
  awareness.setLocalState(state);
  const update = encodeAwarenessUpdate(awareness, [clientID]);
  awareness.destroy();
  doc.destroy();
  return update;
}

describe('sync protocol', () => {
  it('[SY15] the server sends its sync step 1 on connect and answers a step 1 with a step 2', async () => {
    const episodeId = await server.createEpisode(initialScriptUpdate(1, 2));
    const raw = await RawClient.open(server.wsUrl, episodeId);
    try {
      const first = await raw.next(() => true);
      expect(first.kind).toBe('step1');
      const doc = new Y.Doc();
      await raw.sync(doc);
      expect(xmlOf(doc)).toContain('1-1');
    } finally {
      raw.close();
    }
  });

  it('[SY2] an update is relayed to the others but never echoed to its sender', async () => {
    const episodeId = await server.createEpisode(initialScriptUpdate(2, 2));
    const observer = connectClient(server.wsUrl, episodeId);
    const raw = await RawClient.open(server.wsUrl, episodeId);
    try {
      await whenSynced(observer.provider);
      const doc = new Y.Doc();
      await raw.sync(doc);
      const mark = raw.frames.length;
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array, origin: unknown) => origin !== raw && updates.push(u));
      textsOf(doc)[0]!.insert(0, 'ECHO?');
      raw.send(syncFrame('update', updates[0]!));
      // A step 1 sent after the update is answered through the same ordered
      // outbox, after the update's broadcast: any echo would arrive before it.
      raw.send(syncFrame('step1', Y.encodeStateVector(doc)));
      await raw.next((f) => f.kind === 'step2', mark);
      await waitForDocs([observer.doc], () => xmlOf(observer.doc).includes('ECHO?'), 'the observer to receive the edit');
      expect(raw.frames.slice(mark).filter((f) => f.kind === 'update')).toEqual([]);
    } finally {
      raw.close();
      observer.destroy();
    }
  });

  it('[SY5] awareness is relayed, given to newcomers, and cleared when its connection drops', async () => {
    const episodeId = await server.createEpisode(initialScriptUpdate(3, 1));
    const observer = connectClient(server.wsUrl, episodeId);
    await whenSynced(observer.provider);
    const raw = await RawClient.open(server.wsUrl, episodeId);
    const seen = new Promise<void>((resolve) => {
      observer.provider.awareness.on('change', () => {
        if (observer.provider.awareness.getStates().get(4242)?.user === '林晚') resolve();
      });
    });
    raw.send(awarenessFrame(awarenessOf(4242, { user: '林晚' })));
    await seen;

    // A newcomer gets the current states right after the server's step 1.
    const late = await RawClient.open(server.wsUrl, episodeId);
    const announced = await late.next((f) => f.kind === 'awareness');
    expect(new TextDecoder().decode(announced.kind === 'awareness' ? announced.payload : new Uint8Array())).toContain('林晚');
    late.close();

    const cleared = new Promise<void>((resolve) => {
      observer.provider.awareness.on('change', ({ removed }: { removed: number[] }) => {
        if (removed.includes(4242)) resolve();
      });
    });
    raw.terminate(); // no goodbye from the client: the server must clear it
    await cleared;
    expect(observer.provider.awareness.getStates().has(4242)).toBe(false);
    observer.destroy();
  });

  it('[SY8] a frame that does not decode closes that socket with 4422, stores nothing, and the room keeps serving', async () => {
    const episodeId = await server.createEpisode(initialScriptUpdate(4, 1));
    const writer = connectClient(server.wsUrl, episodeId);
    await whenSynced(writer.provider);
    const before = await server.storage.loadDocument(episodeId);
    const garbage = [
      new Uint8Array([0, 2, 9, 1, 2]), // update whose declared length runs past the frame
      syncFrame('update', new Uint8Array([255, 255, 255, 255, 7, 1, 2, 3])), // length-correct, not a Yjs update
      new Uint8Array([9, 0]), // unknown message type
      awarenessFrame(new Uint8Array([1, 5, 1, 3, 123, 123, 123])), // awareness with invalid JSON
    ];
    for (const frame of garbage) {
      const raw = await RawClient.open(server.wsUrl, episodeId);
      raw.send(frame);
      const closed = await raw.closed;
      expect(closed.code).toBe(CloseCode.malformed);
    }
    const after = await server.storage.loadDocument(episodeId);
    expect(after.updates.length).toBe(before.updates.length);

    const reader = connectClient(server.wsUrl, episodeId);
    await whenSynced(reader.provider);
    textsOf(writer.doc)[0]!.insert(0, 'STILL-SERVING');
    await waitForDocs([reader.doc], () => xmlOf(reader.doc).includes('STILL-SERVING'), 'the room to keep relaying');
    writer.destroy();
    reader.destroy();
  });

  it('[SY12] an unknown episode is refused with HTTP 404 before the upgrade', async () => {
    const socket = new WebSocket(`${server.wsUrl}/no-such-episode`);
    const status = await new Promise<number>((resolve, reject) => {
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => reject(new Error('the upgrade was accepted')));
      socket.on('error', () => {});
    });
    expect(status).toBe(404);
    socket.terminate();
  });
});

describe('message size', () => {
  it('[SY18] a frame above the configured limit closes the socket with 1009 and the room keeps serving', async () => {
    const small = await startCollabServer({ limits: { maxMessageBytes: 1024 } });
    try {
      const episodeId = await small.createEpisode(initialScriptUpdate(5, 1));
      const raw = await RawClient.open(small.wsUrl, episodeId);
      raw.send(syncFrame('update', new Uint8Array(4096)));
      expect((await raw.closed).code).toBe(CloseCode.messageTooBig);
      const client = connectClient(small.wsUrl, episodeId);
      await whenSynced(client.provider);
      expect(xmlOf(client.doc)).toContain('1-1');
      client.destroy();
    } finally {
      await small.close();
    }
  });
});
