import { CloseCode } from '@loopline/shared/collab';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeServer, FakeSocket } from './fakeSocket.js';
import { type CollabSession, createSession, defaultWsBase } from './session.js';

const flush = () => Promise.resolve();
let session: CollabSession | null = null;
afterEach(() => {
  session?.destroy();
  session = null;
});

function open(episodeId = 'ep-1') {
  FakeSocket.instances = [];
  session = createSession({
    episodeId,
    user: { name: 'Lin', color: '#c33' },
    wsBase: 'ws://test/collab',
    offlineStore: false,
    disableBc: true,
    WebSocketPolyfill: FakeSocket as unknown as typeof WebSocket,
  });
  return session;
}

describe('collaboration session', () => {
  it('[ED20] connects to /collab/<episodeId> and reports connected once synced', async () => {
    const s = open('ep-42');
    const socket = FakeSocket.last();
    expect(socket.url).toBe('ws://test/collab/ep-42');
    expect(s.connection.get().status).toBe('connecting');
    socket.open();
    const server = new FakeServer();
    server.greet(socket);
    await flush();
    server.process(socket);
    expect(s.connection.get().status).toBe('connected');
  });

  it('[ED20] a dropped connection shows reconnecting with the edits made meanwhile as unsynced', async () => {
    const s = open();
    const socket = FakeSocket.last();
    socket.open();
    const server = new FakeServer();
    server.greet(socket);
    await flush();
    server.process(socket);
    socket.drop(1006);
    expect(s.connection.get().status).toBe('reconnecting');
    s.doc.getText('x').insert(0, 'offline words');
    expect(s.connection.get()).toMatchObject({ status: 'reconnecting', unsynced: 1 });
  });

  it('[ED22] a terminal close code stops reconnecting and says why', () => {
    const s = open();
    const socket = FakeSocket.last();
    socket.open();
    socket.drop(CloseCode.forbidden, 'no access');
    expect(s.connection.get()).toMatchObject({ status: 'offline', closed: { code: CloseCode.forbidden } });
    expect(s.provider.shouldConnect).toBe(false);
  });

  it('[ED22] a non-terminal 44xx code (rate limited) keeps reconnecting', () => {
    const s = open();
    const socket = FakeSocket.last();
    socket.open();
    socket.drop(CloseCode.rateLimited, 'slow down');
    expect(s.provider.shouldConnect).toBe(true);
    expect(s.connection.get().closed).toBeNull();
  });

  it('[ED24] presence lists this writer with their name and colour', () => {
    const s = open();
    expect(s.presence.get()).toEqual([{ clientId: s.doc.clientID, name: 'Lin', color: '#c33', self: true }]);
    s.setUser({ name: 'Lin W.', color: '#3c3' });
    expect(s.presence.get()[0]).toMatchObject({ name: 'Lin W.', color: '#3c3' });
  });

  it('[ED20] the endpoint follows the page protocol', () => {
    expect(defaultWsBase({ protocol: 'https:', host: 'a.example' })).toBe('wss://a.example/collab');
    expect(defaultWsBase({ protocol: 'http:', host: 'localhost:8080' })).toBe('ws://localhost:8080/collab');
  });
});
