import { afterEach, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { FakeServer, FakeSocket } from './fakeSocket.js';
import { trackUnsynced } from './unsyncedTracker.js';

const flush = () => Promise.resolve();

function setup(initial = 0) {
  FakeSocket.instances = [];
  const doc = new Y.Doc();
  const provider = new WebsocketProvider('ws://test/collab', 'ep1', doc, {
    connect: false,
    disableBc: true,
    // The fake implements the part of WebSocket the provider uses.
    WebSocketPolyfill: FakeSocket as unknown as typeof WebSocket,
  });
  const counts: number[] = [];
  const stop = trackUnsynced(provider, doc, {
    isLocal: (origin) => origin !== provider,
    initial,
    onChange: (n) => counts.push(n),
  });
  const server = new FakeServer();
  const text = doc.getText('t');
  const last = () => counts.at(-1);
  return { doc, provider, server, text, counts, last, stop };
}

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

describe('unsynced change tracker', () => {
  it('[ED21] offline edits stay unsynced until the server has processed them after reconnecting', async () => {
    const t = setup();
    cleanup = () => t.provider.destroy();
    t.text.insert(0, 'ab');
    t.text.insert(2, 'c');
    expect(t.last()).toBe(2);

    t.provider.connect();
    const socket = FakeSocket.last();
    socket.open();
    t.server.greet(socket); // client answers with its offline changes
    await flush();
    expect(t.last()).toBe(2); // sent, not yet processed
    expect(t.server.doc.getText('t').toString()).toBe('');

    t.server.process(socket);
    await flush();
    expect(t.server.doc.getText('t').toString()).toBe('abc');
    expect(t.last()).toBe(0);
    expect(t.provider.synced).toBe(true);
  });

  it('[ED21] an edit while connected is acknowledged by the answer to the next probe', async () => {
    const t = setup();
    cleanup = () => t.provider.destroy();
    t.provider.connect();
    const socket = FakeSocket.last();
    socket.open();
    t.server.greet(socket);
    t.server.process(socket);
    await flush();
    expect(t.last()).toBe(0);

    t.text.insert(0, 'x');
    await flush();
    expect(t.last()).toBe(1);
    t.server.process(socket);
    await flush();
    expect(t.last()).toBe(0);
    expect(t.server.doc.getText('t').toString()).toBe('x');
  });

  it('[ED21] a connection lost before the answer keeps the changes unsynced', async () => {
    const t = setup();
    cleanup = () => t.provider.destroy();
    t.provider.connect();
    const first = FakeSocket.last();
    first.open();
    t.server.greet(first);
    t.server.process(first);
    t.text.insert(0, 'lost?');
    await flush();
    first.outbox = []; // the network ate the update and the probe
    first.drop();
    expect(t.last()).toBe(1);

    t.provider.connect(); // skip the back-off timer
    const second = FakeSocket.last();
    expect(second).not.toBe(first);
    second.open();
    t.server.greet(second);
    await flush();
    t.server.process(second);
    await flush();
    expect(t.server.doc.getText('t').toString()).toBe('lost?');
    expect(t.last()).toBe(0);
  });

  it('[ED21] remote updates are not counted, and a count carried over a reload is acknowledged after the handshake', async () => {
    const t = setup(3);
    cleanup = () => t.provider.destroy();
    expect(t.last()).toBe(3);
    t.server.doc.getText('t').insert(0, 'from server');
    t.provider.connect();
    const socket = FakeSocket.last();
    socket.open();
    t.server.greet(socket);
    await flush();
    t.server.process(socket);
    await flush();
    expect(t.doc.getText('t').toString()).toBe('from server');
    expect(t.last()).toBe(0);
  });
});
