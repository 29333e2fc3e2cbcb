import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Principal } from '../../src/auth/types.js';
import { testClock } from '../auth/support/app.js';
import { injectAs } from '../auth/support/sessions.js';
import { SecureRawClient } from './support/client.js';
import { type SecureApp, startSecureApp } from './support/secureApp.js';

const HOUR = 3_600_000;
const clock = testClock();
let t: SecureApp;
const calls: Principal[] = [];

beforeAll(async () => {
  t = await startSecureApp({ now: clock.now });
  // Count the calls, then do what the service does.
  const keepAlive = t.app.access.keepAlive.bind(t.app.access);
  t.app.access.keepAlive = async (principal) => {
    calls.push(principal);
    await keepAlive(principal);
  };
});
afterAll(async () => {
  await t.close();
});

const signedInAs = async (role: 'writer' | 'reviewer') =>
  (((await injectAs(t.app, t.sessions[role], '/api/auth/session')).json() as { user: { email: string } | null }).user?.email ?? null);

describe('session keep-alive from socket activity', () => {
  it('[AC29] typing on the socket keeps the session from idling out; at most one renewal a minute per connection', async () => {
    const socket = await SecureRawClient.open(t.wsUrl, t.episodeId, { cookie: t.sessions.writer.headers.cookie, origin: t.origin });
    try {
      clock.advance(11 * HOUR); // the idle limit is 12 hours
      for (let i = 0; i < 50; i++) await socket.requestState(new Y.Doc());
      expect(calls.map((p) => p.sessionId)).toEqual([t.sessions.writer.sessionId]);
      clock.advance(11 * HOUR);
      // 22 hours after sign-in, 11 after the socket's last renewal: still signed in. The reviewer, idle, is not.
      expect(await signedInAs('writer')).toBe('writer@sock.test');
      expect(await signedInAs('reviewer')).toBeNull();
    } finally {
      socket.close();
    }
  });
});
