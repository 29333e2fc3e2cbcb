import { afterEach, describe, expect, it } from 'vitest';
import { tokenHash } from '../../src/auth/tokens.js';
import { type AuthTestApp, Browser, makeAuthApp } from './support/app.js';
import { createTestUser, TEST_PASSWORD } from './support/sessions.js';

const HOUR = 3_600_000;
let t: AuthTestApp;
afterEach(async () => {
  await t?.close();
});

async function withUser(email = 'lin@test.loopline', isAdmin = false) {
  return createTestUser(t.storage, { email, displayName: 'Lin', isAdmin });
}

/** Parses one Set-Cookie header into its name, value and attributes (lower-cased). */
function parseSetCookie(header: string) {
  const [pair, ...attrs] = header.split(';').map((p) => p.trim());
  const [name, value] = pair!.split('=');
  const attributes = Object.fromEntries(
    attrs.map((a) => {
      const [k, v] = a.split('=');
      return [k!.toLowerCase(), v ?? true];
    }),
  );
  return { name, value, attributes };
}

describe('sessions', () => {
  it('[AC11] sign-in sets a __Host- cookie: HttpOnly, Secure, SameSite=Lax, Path=/, no Domain, 256-bit token stored only hashed', async () => {
    t = await makeAuthApp();
    const user = await withUser();
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'Lin@Test.Loopline', password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { user: unknown; csrfToken: string };
    expect(body.user).toEqual({ id: user.id, email: 'lin@test.loopline', displayName: 'Lin', isAdmin: false });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const header = [res.headers['set-cookie']].flat()[0]!;
    const cookie = parseSetCookie(header);
    expect(cookie.name).toBe('__Host-loopline_session');
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    expect(cookie.attributes).toMatchObject({ httponly: true, secure: true, samesite: 'Lax', path: '/' });
    expect(cookie.attributes).not.toHaveProperty('domain');
    expect(Number(cookie.attributes['max-age'])).toBe(7 * 24 * 3600);

    const stored = await t.storage.getSessionByTokenHash(tokenHash(cookie.value!));
    expect(stored).toMatchObject({ userId: user.id, csrfToken: body.csrfToken });
    expect(stored!.tokenHash).not.toContain(cookie.value);
  });

  it('[AC11] LOOPLINE_INSECURE_COOKIES=1 drops Secure and with it the __Host- prefix', async () => {
    t = await makeAuthApp({ LOOPLINE_INSECURE_COOKIES: '1' });
    await withUser();
    const browser = new Browser(t.app, t.config);
    const res = await browser.login('lin@test.loopline', TEST_PASSWORD);
    const cookie = parseSetCookie([res.headers['set-cookie']].flat()[0]!);
    expect(cookie.name).toBe('loopline_session');
    expect(cookie.attributes).not.toHaveProperty('secure');
    expect(cookie.attributes).toMatchObject({ httponly: true, samesite: 'Lax', path: '/' });
    expect(await browser.whoami()).toBe('lin@test.loopline');
  });

  it('[AC11] signing in rotates the session: the old cookie stops working and its end is announced', async () => {
    t = await makeAuthApp();
    await withUser();
    const browser = new Browser(t.app, t.config);
    await browser.login('lin@test.loopline', TEST_PASSWORD);
    const before = { cookie: browser.cookie!, csrf: browser.csrfToken! };
    const old = await t.storage.getSessionByTokenHash(tokenHash(before.cookie.split('=')[1]!));

    const again = await browser.login('lin@test.loopline', TEST_PASSWORD);
    expect(again.statusCode).toBe(200);
    expect(browser.cookie).not.toBe(before.cookie);
    expect(browser.csrfToken).not.toBe(before.csrf);
    expect(await browser.whoami()).toBe('lin@test.loopline');

    const stale = await t.app.inject({ url: '/api/series', headers: { cookie: before.cookie } });
    expect(stale.statusCode).toBe(401);
    expect(t.changes).toContainEqual({ kind: 'session-ended', sessionId: old!.id });
  });

  it('[AC11] a session unused for the idle timeout ends; use keeps it alive', async () => {
    t = await makeAuthApp({ LOOPLINE_SESSION_IDLE_MINUTES: '60' });
    await withUser();
    const browser = new Browser(t.app, t.config);
    await browser.login('lin@test.loopline', TEST_PASSWORD);
    for (let i = 0; i < 5; i++) {
      t.clock.advance(50 * 60_000);
      expect((await browser.request({ url: '/api/series' })).statusCode).toBe(200);
    }
    t.clock.advance(60 * 60_000);
    expect((await browser.request({ url: '/api/series' })).statusCode).toBe(401);
    expect(t.changes.filter((c) => c.kind === 'session-ended')).toHaveLength(1);
  });

  it('[AC11] a session ends at the absolute timeout however active it is', async () => {
    t = await makeAuthApp({ LOOPLINE_SESSION_MAX_HOURS: '24' });
    await withUser();
    const browser = new Browser(t.app, t.config);
    await browser.login('lin@test.loopline', TEST_PASSWORD);
    for (let h = 0; h < 23; h++) {
      t.clock.advance(HOUR);
      expect((await browser.request({ url: '/api/series' })).statusCode).toBe(200);
    }
    t.clock.advance(HOUR);
    expect((await browser.request({ url: '/api/series' })).statusCode).toBe(401);
    expect(await browser.whoami()).toBeNull();
  });

  it('[AC11] expired sessions are swept from storage and announced', async () => {
    t = await makeAuthApp();
    const user = await withUser();
    const browser = new Browser(t.app, t.config);
    await browser.login('lin@test.loopline', TEST_PASSWORD);
    t.clock.advance(13 * HOUR);
    const access = t.app.access as unknown as { sweepExpired(): Promise<number> };
    expect(await access.sweepExpired()).toBe(1);
    expect(t.changes.map((c) => c.kind)).toEqual(['session-ended']);
    expect(await t.storage.deleteSessionsOfUser(user.id)).toEqual([]);
  });

  it('[AC11][AC9] sign-out deletes the session, clears the cookie and announces the end', async () => {
    t = await makeAuthApp();
    await withUser();
    const browser = new Browser(t.app, t.config);
    await browser.login('lin@test.loopline', TEST_PASSWORD);
    const cookie = browser.cookie!;
    const res = await browser.request({ method: 'POST', url: '/api/auth/logout' });
    expect(res.statusCode).toBe(204);
    const cleared = parseSetCookie([res.headers['set-cookie']].flat()[0]!);
    expect(cleared).toMatchObject({ name: '__Host-loopline_session', value: '' });
    expect(cleared.attributes).toMatchObject({ path: '/', secure: true });
    expect(t.changes).toEqual([{ kind: 'session-ended', sessionId: expect.any(String) }]);
    expect((await t.app.inject({ url: '/api/series', headers: { cookie } })).statusCode).toBe(401);
    // Signing out again (or while signed out) is harmless.
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
  });

  it('[AC9][AC15] disabling an account ends its sessions at once, announces it, and refuses its sign-in', async () => {
    t = await makeAuthApp();
    await withUser('root@test.loopline', true);
    const victim = await withUser('lin2@test.loopline');
    const admin = new Browser(t.app, t.config);
    await admin.login('root@test.loopline', TEST_PASSWORD);
    const lin = new Browser(t.app, t.config);
    await lin.login('lin2@test.loopline', TEST_PASSWORD);
    const linPhone = new Browser(t.app, t.config);
    await linPhone.login('lin2@test.loopline', TEST_PASSWORD);
    t.changes.length = 0;

    const res = await admin.request({ method: 'PATCH', url: `/api/users/${victim.id}`, payload: { disabled: true } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: victim.id, disabled: true });
    expect(t.changes.filter((c) => c.kind === 'session-ended')).toHaveLength(2);
    expect(t.changes).toContainEqual({ kind: 'user-disabled', userId: victim.id });
    expect((await lin.request({ url: '/api/series' })).statusCode).toBe(401);
    expect((await linPhone.request({ url: '/api/series' })).statusCode).toBe(401);

    const denied = await new Browser(t.app, t.config).login('lin2@test.loopline', TEST_PASSWORD);
    expect(denied.statusCode).toBe(401);
    expect(denied.json()).toMatchObject({ error: { code: 'invalid_credentials' } });

    await admin.request({ method: 'PATCH', url: `/api/users/${victim.id}`, payload: { disabled: false } });
    expect((await new Browser(t.app, t.config).login('lin2@test.loopline', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('[AC14] a wrong e-mail, a wrong password and a disabled account get the same 401 invalid_credentials', async () => {
    t = await makeAuthApp();
    const user = await withUser();
    await t.storage.updateUser((await withUser('off@test.loopline')).id, { disabled: true });
    const bodies = [];
    for (const [email, password] of [
      ['nobody@test.loopline', TEST_PASSWORD],
      [user.email, 'wrong password!'],
      ['off@test.loopline', TEST_PASSWORD],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
      expect(res.statusCode).toBe(401);
      expect(res.headers['set-cookie']).toBeUndefined();
      bodies.push(res.body);
    }
    expect(new Set(bodies).size).toBe(1);
  });

  it('[AC14] password change: the current password is checked, the new one must be 10+ characters, other sessions end', async () => {
    t = await makeAuthApp();
    await withUser();
    const laptop = new Browser(t.app, t.config);
    await laptop.login('lin@test.loopline', TEST_PASSWORD);
    const phone = new Browser(t.app, t.config);
    await phone.login('lin@test.loopline', TEST_PASSWORD);
    t.changes.length = 0;
    const change = (currentPassword: string, newPassword: string) =>
      laptop.request({ method: 'POST', url: '/api/auth/password', payload: { currentPassword, newPassword } });

    const wrong = await change('not my password', 'a brand new secret');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ error: { details: [{ path: 'body/currentPassword', message: 'is wrong' }] } });
    const short = await change(TEST_PASSWORD, 'short');
    expect(short.statusCode).toBe(400);
    expect((short.json() as { error: { details: { path: string }[] } }).error.details[0]!.path).toBe('body/newPassword');
    expect(t.changes).toEqual([]);

    expect((await change(TEST_PASSWORD, 'a brand new secret')).statusCode).toBe(204);
    expect(t.changes).toEqual([{ kind: 'session-ended', sessionId: expect.any(String) }]);
    expect(await laptop.whoami()).toBe('lin@test.loopline');
    expect(await phone.whoami()).toBeNull();
    expect((await new Browser(t.app, t.config).login('lin@test.loopline', TEST_PASSWORD)).statusCode).toBe(401);
    expect((await new Browser(t.app, t.config).login('lin@test.loopline', 'a brand new secret')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: {} })).statusCode).toBe(401);
  });
});

describe('first-run set-up', () => {
  it('[AC15] set-up creates the first site admin and signs in, only while no account exists', async () => {
    t = await makeAuthApp();
    const visitor = new Browser(t.app, t.config);
    expect((await visitor.request({ url: '/api/auth/session' })).json()).toEqual({ user: null, setupRequired: true, csrfToken: null });

    const payload = { email: 'Boss@Studio.cn', password: 'first admin password', displayName: ' 周敏 ' };
    const res = await visitor.request({ method: 'POST', url: '/api/auth/setup', payload });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ user: { email: 'boss@studio.cn', displayName: '周敏', isAdmin: true } });
    const session = (await visitor.request({ url: '/api/auth/session' })).json() as { setupRequired: boolean; csrfToken: string };
    expect(session).toMatchObject({ user: { email: 'boss@studio.cn' }, setupRequired: false });
    expect(session.csrfToken).toBe(visitor.csrfToken);

    const stranger = new Browser(t.app, t.config);
    expect((await stranger.request({ url: '/api/auth/session' })).json()).toMatchObject({ setupRequired: false });
    const second = await stranger.request({ method: 'POST', url: '/api/auth/setup', payload: { ...payload, email: 'x@y.cn' } });
    expect(second.statusCode).toBe(409);
    expect(await t.storage.countUsers()).toBe(1);
    // [AC20] the set-up is in the audit log, with the new admin as actor.
    expect((await t.storage.listAudit()).map((e) => [e.action, e.actor?.email])).toEqual([['auth.setup', 'boss@studio.cn']]);
  });

  it('[AC15] two set-ups racing each other create exactly one admin', async () => {
    t = await makeAuthApp();
    const results = await Promise.all(
      ['a@race.cn', 'b@race.cn', 'c@race.cn'].map((email) =>
        t.app.inject({ method: 'POST', url: '/api/auth/setup', payload: { email, password: 'long enough pw', displayName: 'R' } }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect(await t.storage.countUsers()).toBe(1);
  });
});
