import { once } from 'node:events';
import type { Role } from '@loopline/shared';
import { CloseCode } from '@loopline/shared/collab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTestUser, injectAs, openTestSession, type TestSession } from '../auth/support/sessions.js';
import { syncFrame } from '../collab/support/rawClient.js';
import { docState } from '../collab/support/wait.js';
import { refusedUpgrade, SecureRawClient } from './support/client.js';
import { editOf } from './support/docs.js';
import { type SecureApp, startSecureApp } from './support/secureApp.js';

let t: SecureApp;
let admin: TestSession;
let fresh = 0;

beforeAll(async () => {
  t = await startSecureApp();
  admin = await openTestSession(t.storage, t.config, await createTestUser(t.storage, { email: 'root@sock.test', isAdmin: true }));
});
afterAll(async () => {
  await t.close();
});

/** A new account with `role` in the test series (null: no membership), signed in. */
async function member(role: Role | null, opts: { isAdmin?: boolean } = {}): Promise<TestSession> {
  const user = await createTestUser(t.storage, { email: `m${fresh++}@revoke.test`, isAdmin: opts.isAdmin });
  if (role) await t.storage.setMembership(t.seriesId, user.id, role);
  return openTestSession(t.storage, t.config, user);
}

async function connect(session: TestSession): Promise<SecureRawClient> {
  const client = await SecureRawClient.open(t.wsUrl, t.episodeId, { cookie: session.headers.cookie, origin: t.origin });
  await client.requestState(new Y.Doc());
  return client;
}

/**
 * Runs `change` (an API call) while `client` is connected; resolves with the
 * close code and the time from the call to the close event.
 */
async function closedBy(client: SecureRawClient, change: () => Promise<{ statusCode: number }>): Promise<{ code: number; ms: number }> {
  const started = performance.now();
  const res = await change();
  expect(res.statusCode).toBeLessThan(300);
  const closed = await client.closed;
  const ms = closed.at - started;
  console.log(`[AC7] closed with ${closed.code} ${ms.toFixed(1)} ms after the API call started`);
  return { code: closed.code, ms };
}

/** Whether an edit sent by `client` reaches the room (flushed), or is dropped. */
async function editApplies(client: SecureRawClient, text: string): Promise<boolean> {
  const room = t.app.collabRooms.get(t.episodeId)!;
  client.send(syncFrame('update', editOf(Y.encodeStateAsUpdate(room.doc), text)));
  await client.requestState(new Y.Doc());
  await room.flush();
  return room.doc.getXmlFragment('script').toString().includes(text);
}

const creds = (s: TestSession) => ({ cookie: s.headers.cookie, origin: t.origin });
const url = () => `${t.wsUrl}/${t.episodeId}`;

describe('revocation of live sockets', () => {
  it('[AC7] removing a member closes their socket within 1 s (4403) and the next upgrade is refused with 404', async () => {
    const writer = await member('writer');
    const socket = await connect(writer);
    const { code, ms } = await closedBy(socket, () =>
      injectAs(t.app, t.sessions.showrunner, { method: 'DELETE', url: `/api/series/${t.seriesId}/members/${writer.user.id}` }),
    );
    expect(code).toBe(CloseCode.forbidden);
    expect(ms).toBeLessThan(1000);
    expect(await refusedUpgrade(url(), creds(writer))).toEqual({ status: 404, opened: false });
  });

  it('[AC7] a reviewer made writer is closed within 1 s and reconnects with the new rights (edits now apply)', async () => {
    const person = await member('reviewer');
    const socket = await connect(person);
    expect(await editApplies(socket, '升级之前')).toBe(false);
    const { code, ms } = await closedBy(socket, () =>
      injectAs(t.app, t.sessions.showrunner, {
        method: 'PATCH',
        url: `/api/series/${t.seriesId}/members/${person.user.id}`,
        payload: { role: 'writer' },
      }),
    );
    expect(code).toBe(CloseCode.forbidden);
    expect(ms).toBeLessThan(1000);
    const again = await connect(person);
    try {
      expect(await editApplies(again, '升级之后')).toBe(true);
    } finally {
      again.close();
    }
  });

  it('[AC7] a writer made reviewer is closed within 1 s and reconnects read-only', async () => {
    const person = await member('writer');
    const socket = await connect(person);
    const { code, ms } = await closedBy(socket, () =>
      injectAs(t.app, t.sessions.showrunner, {
        method: 'PATCH',
        url: `/api/series/${t.seriesId}/members/${person.user.id}`,
        payload: { role: 'reviewer' },
      }),
    );
    expect([code, ms < 1000]).toEqual([CloseCode.forbidden, true]);
    const again = await connect(person);
    try {
      const room = t.app.collabRooms.get(t.episodeId)!;
      const before = docState(room.doc);
      expect(await editApplies(again, '降级之后')).toBe(false);
      expect(docState(room.doc)).toBe(before);
    } finally {
      again.close();
    }
  });

  it('[AC7] disabling an account closes every socket of it within 1 s (4401) and the next upgrade is 401', async () => {
    const person = await member('writer');
    const second = await openTestSession(t.storage, t.config, person.user);
    const [a, b] = [await connect(person), await connect(second)];
    const started = performance.now();
    const res = await injectAs(t.app, admin, { method: 'PATCH', url: `/api/users/${person.user.id}`, payload: { disabled: true } });
    expect(res.statusCode).toBe(200);
    const closed = await Promise.all([a.closed, b.closed]);
    for (const c of closed) {
      expect(c.code).toBe(CloseCode.unauthorized);
      expect(c.at - started).toBeLessThan(1000);
    }
    expect(await refusedUpgrade(url(), creds(person))).toEqual({ status: 401, opened: false });
  });

  it("[AC7] signing out closes that session's socket within 1 s (4401), not the user's other sessions; the next upgrade is 401", async () => {
    const person = await member('writer');
    const otherTab = await openTestSession(t.storage, t.config, person.user);
    const [socket, other] = [await connect(person), await connect(otherTab)];
    try {
      const { code, ms } = await closedBy(socket, () => injectAs(t.app, person, { method: 'POST', url: '/api/auth/logout' }));
      expect([code, ms < 1000]).toEqual([CloseCode.unauthorized, true]);
      expect(await refusedUpgrade(url(), creds(person))).toEqual({ status: 401, opened: false });
      // The other session is untouched: still answered.
      await other.requestState(new Y.Doc());
      expect(other.open).toBe(true);
    } finally {
      other.close();
    }
  });

  it('[AC7] revoking site admin closes the sockets it opened in series it is not a member of (4403); the next upgrade is 404', async () => {
    const root = await member(null, { isAdmin: true });
    const socket = await connect(root);
    const { code, ms } = await closedBy(socket, () =>
      injectAs(t.app, admin, { method: 'PATCH', url: `/api/users/${root.user.id}`, payload: { isAdmin: false } }),
    );
    expect([code, ms < 1000]).toEqual([CloseCode.forbidden, true]);
    expect(await refusedUpgrade(url(), creds(root))).toEqual({ status: 404, opened: false });
  });

  it('[AC7] closed sockets leave the registry; a change for someone else closes nothing', async () => {
    const person = await member('writer');
    const socket = await connect(person);
    const live = t.app.collabSockets.size;
    const bystander = await member('reviewer');
    await injectAs(t.app, t.sessions.showrunner, { method: 'DELETE', url: `/api/series/${t.seriesId}/members/${bystander.user.id}` });
    expect(socket.open).toBe(true);
    expect(t.app.collabSockets.size).toBe(live);
    const left = once(t.app.collabRooms, 'left');
    socket.close();
    await left;
    expect(t.app.collabSockets.size).toBe(live - 1);
  });
});
