import { afterEach, describe, expect, it } from 'vitest';
import { type AuthTestApp, Browser, makeAuthApp } from './support/app.js';
import { createTestUser, TEST_PASSWORD } from './support/sessions.js';

let t: AuthTestApp;
afterEach(async () => {
  await t?.close();
});

async function signedIn(env: NodeJS.ProcessEnv = {}): Promise<Browser> {
  t = await makeAuthApp(env);
  await createTestUser(t.storage, { email: 'lin@test.loopline' });
  const browser = new Browser(t.app, t.config);
  expect((await browser.login('lin@test.loopline', TEST_PASSWORD)).statusCode).toBe(200);
  return browser;
}

const NEW_SERIES = { method: 'POST', url: '/api/series', payload: { title: 'New', language: 'zh' } } as const;

function errorCode(res: { json(): unknown }): string {
  return (res.json() as { error: { code: string } }).error.code;
}

describe('CSRF', () => {
  it('[AC17] a cookie-authenticated write without the CSRF token, or with a wrong one, is 403 csrf_failed', async () => {
    const browser = await signedIn();
    const missing = await t.app.inject({ ...NEW_SERIES, headers: { cookie: browser.cookie! } });
    expect(missing.statusCode).toBe(403);
    expect(errorCode(missing)).toBe('csrf_failed');
    const wrong = await browser.request({ ...NEW_SERIES, headers: { 'x-csrf-token': `${browser.csrfToken!.slice(0, -1)}x` } });
    expect(wrong.statusCode).toBe(403);
    expect(errorCode(wrong)).toBe('csrf_failed');
    expect(await t.storage.listSeries()).toEqual([]);

    expect((await browser.request(NEW_SERIES)).statusCode).toBe(201);
    // Reads need no token.
    expect((await t.app.inject({ url: '/api/series', headers: { cookie: browser.cookie! } })).statusCode).toBe(200);
  });

  it("[AC17] another session's token does not do", async () => {
    const browser = await signedIn();
    await createTestUser(t.storage, { email: 'other@test.loopline' });
    const other = new Browser(t.app, t.config);
    await other.login('other@test.loopline', TEST_PASSWORD);
    const res = await browser.request({ ...NEW_SERIES, headers: { 'x-csrf-token': other.csrfToken! } });
    expect(errorCode(res)).toBe('csrf_failed');
  });

  it('[AC17] sign-out needs the token too, so a foreign page cannot sign anyone out', async () => {
    const browser = await signedIn();
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: browser.cookie! } });
    expect(errorCode(res)).toBe('csrf_failed');
    expect(await browser.whoami()).toBe('lin@test.loopline');
  });

  it('[AC17] a foreign or opaque Origin is refused on writes, even with the right token; the own and listed origins pass', async () => {
    const browser = await signedIn({ LOOPLINE_ALLOWED_ORIGINS: 'https://studio.example.cn' });
    for (const origin of ['https://evil.example', 'null', 'http://localhost:8080', 'chrome-extension://abc']) {
      const res = await browser.request({ ...NEW_SERIES, headers: { origin } });
      expect([res.statusCode, errorCode(res)], origin).toEqual([403, 'csrf_failed']);
    }
    // A signed-out write from a foreign origin (e.g. a forged sign-in) is refused as well.
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { email: 'lin@test.loopline', password: TEST_PASSWORD },
    });
    expect(errorCode(forged)).toBe('csrf_failed');

    expect((await browser.request({ ...NEW_SERIES, headers: { origin: 'http://localhost' } })).statusCode).toBe(201);
    expect((await browser.request({ ...NEW_SERIES, headers: { origin: 'https://studio.example.cn' } })).statusCode).toBe(201);
  });

  it('[AC17] isAllowedOrigin for the sync server: own host (any port spelling), listed origins, nothing else', async () => {
    await signedIn({ LOOPLINE_ALLOWED_ORIGINS: 'https://studio.example.cn' });
    const allowed = (origin: string | undefined, host: string) => t.app.access.isAllowedOrigin(origin, host);
    expect(allowed('http://127.0.0.1:8080', '127.0.0.1:8080')).toBe(true);
    expect(allowed('https://loopline.example', 'loopline.example')).toBe(true);
    expect(allowed('https://loopline.example', 'loopline.example:443')).toBe(true);
    expect(allowed('https://studio.example.cn', 'loopline.example')).toBe(true);
    expect(allowed(undefined, 'loopline.example')).toBe(true);
    expect(allowed('http://127.0.0.1:9999', '127.0.0.1:8080')).toBe(false);
    expect(allowed('https://loopline.example.evil.cn', 'loopline.example')).toBe(false);
    expect(allowed('null', 'loopline.example')).toBe(false);
    expect(allowed('not a url', 'loopline.example')).toBe(false);
  });
});

describe('security headers', () => {
  it('[AC19] every answer carries a self-only CSP and the other security headers, refusals and pages included', async () => {
    t = await makeAuthApp();
    for (const url of ['/api/health', '/api/series', '/', '/api/nope']) {
      const res = await t.app.inject({ url, headers: { host: 'loopline.example:8080' } });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("style-src 'self';");
      expect(csp).toContain("img-src 'self' data:");
      expect(csp).toContain("connect-src 'self' ws://loopline.example:8080 wss://loopline.example:8080");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('[AC19] a Host header that is not a plain host[:port] is not echoed into the CSP', async () => {
    t = await makeAuthApp();
    const res = await t.app.inject({ url: '/api/health', headers: { host: "evil.example; script-src 'unsafe-inline'" } });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).not.toContain('evil');
    expect(csp).toContain("connect-src 'self'");
  });
});

describe('sign-in limits', () => {
  it('[AC18] 10 failures for one account within 15 minutes: the 11th attempt is 429 with Retry-After, even with the right password', async () => {
    t = await makeAuthApp();
    await createTestUser(t.storage, { email: 'lin@test.loopline' });
    const browser = new Browser(t.app, t.config);
    for (let i = 0; i < 10; i++) {
      // Different addresses: the account's own count is what trips.
      expect((await browser.login('lin@test.loopline', 'wrong password', `10.0.0.${i + 1}`)).statusCode).toBe(401);
    }
    const blocked = await browser.login('lin@test.loopline', TEST_PASSWORD, '10.0.1.1');
    expect(blocked.statusCode).toBe(429);
    expect(errorCode(blocked)).toBe('rate_limited');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Another account is not affected.
    await createTestUser(t.storage, { email: 'min@test.loopline' });
    expect((await browser.login('min@test.loopline', TEST_PASSWORD, '10.0.1.1')).statusCode).toBe(200);

    t.clock.advance(15 * 60_000);
    expect((await browser.login('lin@test.loopline', TEST_PASSWORD, '10.0.1.1')).statusCode).toBe(200);
  });

  it('[AC18] failures from one IP across accounts: past the per-IP limit, that IP gets 429 and others do not', async () => {
    t = await makeAuthApp({ LOOPLINE_LOGIN_MAX_FAILURES_PER_IP: '5' });
    await createTestUser(t.storage, { email: 'lin@test.loopline' });
    const browser = new Browser(t.app, t.config);
    for (let i = 0; i < 5; i++) {
      expect((await browser.login(`guess${i}@test.loopline`, 'whatever1', '192.0.2.7')).statusCode).toBe(401);
    }
    const blocked = await browser.login('lin@test.loopline', TEST_PASSWORD, '192.0.2.7');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await browser.login('lin@test.loopline', TEST_PASSWORD, '192.0.2.8')).statusCode).toBe(200);
  });

  it('[AC18] sign-in requests per IP per minute are capped, successful or not', async () => {
    t = await makeAuthApp({ LOOPLINE_LOGIN_MAX_PER_MINUTE: '3' });
    await createTestUser(t.storage, { email: 'lin@test.loopline' });
    const browser = new Browser(t.app, t.config);
    for (let i = 0; i < 3; i++) expect((await browser.login('lin@test.loopline', TEST_PASSWORD, '198.51.100.1')).statusCode).toBe(200);
    const capped = await browser.login('lin@test.loopline', TEST_PASSWORD, '198.51.100.1');
    expect(capped.statusCode).toBe(429);
    expect(errorCode(capped)).toBe('rate_limited');
    expect(Number(capped.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('[AC18] a wrong current password in a password change counts against the account', async () => {
    t = await makeAuthApp({ LOOPLINE_LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
    await createTestUser(t.storage, { email: 'lin@test.loopline' });
    const browser = new Browser(t.app, t.config);
    await browser.login('lin@test.loopline', TEST_PASSWORD);
    const change = () =>
      browser.request({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: 'guess guess', newPassword: 'new password!' } });
    for (let i = 0; i < 3; i++) expect((await change()).statusCode).toBe(400);
    expect((await change()).statusCode).toBe(429);
  });
});
