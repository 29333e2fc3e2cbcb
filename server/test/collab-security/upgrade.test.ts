import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { whenSynced } from '../collab/support/harness.js';
import { awarenessFrame, syncFrame } from '../collab/support/rawClient.js';
import { docState } from '../collab/support/wait.js';
import { connectProvider, refusedUpgrade, SecureRawClient } from './support/client.js';
import { INITIAL_SCRIPT, type SecureApp, startSecureApp } from './support/secureApp.js';
import { clientFrame, rawHandshake } from './support/wire.js';

let t: SecureApp;
const url = () => `${t.wsUrl}/${t.episodeId}`;

beforeAll(async () => {
  t = await startSecureApp();
});
afterAll(async () => {
  await t.close();
});

describe('sync socket: authorization before the upgrade', () => {
  it('[AC8][AC22] a handshake without a session cookie is answered 401 and never upgraded', async () => {
    expect(await refusedUpgrade(url(), { origin: t.origin })).toEqual({ status: 401, opened: false });
    expect(await refusedUpgrade(url(), {})).toEqual({ status: 401, opened: false });
  });

  it('[AC8] the cookie is the only credential: a session token in the URL counts for nothing', async () => {
    const token = t.sessions.writer.token;
    for (const query of [`?token=${token}`, `?session=${token}`, `?__Host-loopline_session=${token}`]) {
      expect(await refusedUpgrade(`${url()}${query}`, { origin: t.origin })).toEqual({ status: 401, opened: false });
    }
  });

  it('[AC28] a foreign, opaque or missing Origin is answered 403 and never upgraded, even with a valid session', async () => {
    const cookie = t.sessions.writer.headers.cookie;
    for (const origin of ['https://evil.example', 'null', 'http://127.0.0.1:1', 'chrome-extension://abc', undefined]) {
      expect(await refusedUpgrade(url(), { cookie, origin }), String(origin)).toEqual({ status: 403, opened: false });
    }
  });

  it('[AC5] a signed-in user who is not a member, or an unknown episode, gets 404 before the upgrade', async () => {
    expect(await refusedUpgrade(url(), { cookie: t.sessions.outsider.headers.cookie, origin: t.origin })).toEqual({
      status: 404,
      opened: false,
    });
    const missing = `${t.wsUrl}/00000000-0000-4000-8000-000000000000`;
    expect(await refusedUpgrade(missing, { cookie: t.sessions.writer.headers.cookie, origin: t.origin })).toEqual({
      status: 404,
      opened: false,
    });
  });

  it('[AC8] frames pipelined behind an unauthenticated handshake are never read: 401, connection closed, document unchanged', async () => {
    // The promise resolves on the server closing the TCP connection: a refused handshake must not stay open.
    const edit = new Y.Doc();
    Y.applyUpdate(edit, INITIAL_SCRIPT);
    const sv = Y.encodeStateVector(edit);
    edit.getXmlFragment('script').insert(0, [new Y.XmlElement('scene')]);
    const update = Y.encodeStateAsUpdate(edit, sv);
    const frames = Buffer.concat(Array.from({ length: 50 }, () => clientFrame(syncFrame('update', update))));
    const answer = await rawHandshake(t.origin, `/collab/${t.episodeId}`, { Origin: t.origin }, frames, true);
    expect(answer.status).toBe(401);
    const stored = await t.storage.loadDocument(t.episodeId);
    expect(stored.updates.length + (stored.snapshot ? 1 : 0)).toBe(1);
  });

  it('[AC28] the own origin with a session cookie opens the socket, and an unmodified provider syncs over it', async () => {
    const client = connectProvider(t.wsUrl, t.episodeId, { cookie: t.sessions.writer.headers.cookie, origin: t.origin });
    try {
      await whenSynced(client.provider);
      const expected = new Y.Doc();
      Y.applyUpdate(expected, INITIAL_SCRIPT);
      expect(client.doc.getXmlFragment('script').toString()).toBe(expected.getXmlFragment('script').toString());
    } finally {
      client.destroy();
    }
  });

  it('[AC8] frames pipelined right behind an authorized handshake are handled in order once the room is ready', async () => {
    const raw = await SecureRawClient.open(t.wsUrl, t.episodeId, { cookie: t.sessions.writer.headers.cookie, origin: t.origin });
    try {
      // Sent before the server's first frame arrives: buffered while the room loads, then answered.
      raw.send(awarenessFrame(new Uint8Array([0])));
      const doc = new Y.Doc();
      const state = await raw.requestState(doc);
      Y.applyUpdate(doc, state);
      const room = t.app.collabRooms.get(t.episodeId)!;
      expect(docState(doc)).toBe(docState(room.doc));
    } finally {
      raw.close();
    }
  });
});
