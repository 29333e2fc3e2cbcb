import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { cookieSettings } from '../../../src/auth/cookies.js';
import { hashPassword } from '../../../src/auth/passwords.js';
import { newToken, tokenHash } from '../../../src/auth/tokens.js';
import type { Config } from '../../../src/config.js';
import type { Storage, User } from '../../../src/storage/types.js';

/**
 * Test accounts and sessions without going through sign-in: a user row with
 * a real argon2id hash (computed once per test file: hashing is deliberately
 * slow) and a session row whose token becomes the cookie. Tests of sign-in
 * itself use POST /api/auth/login instead.
 */

/** The password of every account these helpers create. */
export const TEST_PASSWORD = 'correct horse battery';

let testHash: Promise<string> | undefined;

/** The argon2id hash of TEST_PASSWORD (one per test file). */
export function testPasswordHash(): Promise<string> {
  testHash ??= hashPassword(TEST_PASSWORD);
  return testHash;
}

/** A signed-in test user: the headers to send, and what they stand for. */
export interface TestSession {
  user: User;
  sessionId: string;
  token: string;
  csrfToken: string;
  /** `cookie` and `x-csrf-token`, ready to spread into inject() headers. */
  headers: Record<string, string>;
}

/** Creates an account (TEST_PASSWORD) through storage. */
export async function createTestUser(
  storage: Storage,
  opts: { email: string; displayName?: string; isAdmin?: boolean },
): Promise<User> {
  return storage.createUser({
    email: opts.email,
    displayName: opts.displayName ?? opts.email.split('@')[0] ?? 'test',
    passwordHash: await testPasswordHash(),
    isAdmin: opts.isAdmin ?? false,
  });
}

/** Opens a session for `user` as sign-in would, at `now` (default: the real clock). */
export async function openTestSession(
  storage: Storage,
  config: Pick<Config, 'auth'>,
  user: User,
  now: number = Date.now(),
): Promise<TestSession> {
  const token = newToken();
  const csrfToken = newToken();
  const session = await storage.createSession({
    tokenHash: tokenHash(token),
    userId: user.id,
    csrfToken,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + config.auth.sessionAbsoluteMs).toISOString(),
  });
  const { name } = cookieSettings(config.auth);
  return { user, sessionId: session.id, token, csrfToken, headers: { cookie: `${name}=${token}`, 'x-csrf-token': csrfToken } };
}

/** An account plus an open session, in one call. */
export async function signedInUser(
  storage: Storage,
  config: Pick<Config, 'auth'>,
  opts: { email: string; displayName?: string; isAdmin?: boolean; now?: number },
): Promise<TestSession> {
  return openTestSession(storage, config, await createTestUser(storage, opts), opts.now);
}

/** inject() as `session` (or signed out when null): its cookie and CSRF header are added to the request. */
export function injectAs(
  app: FastifyInstance,
  session: TestSession | null,
  opts: InjectOptions | string,
): Promise<LightMyRequestResponse> {
  const options: InjectOptions = typeof opts === 'string' ? { url: opts } : opts;
  return app.inject({ ...options, headers: { ...(session?.headers ?? {}), ...(options.headers ?? {}) } });
}

/** The session cookie a response set, as `name=value` for the next request's cookie header; undefined if none. */
export function sessionCookieFrom(res: LightMyRequestResponse, config: Pick<Config, 'auth'>): string | undefined {
  const { name } = cookieSettings(config.auth);
  const cookie = res.cookies.find((c) => c.name === name && c.value !== '');
  return cookie ? `${name}=${cookie.value}` : undefined;
}

/** Signs in through POST /api/auth/login and returns the headers of the new session (throws unless 200). */
export async function loginHeaders(
  app: FastifyInstance,
  config: Pick<Config, 'auth'>,
  email: string,
  password: string,
): Promise<Record<string, string>> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login as ${email} answered ${res.statusCode}: ${res.body}`);
  const cookie = sessionCookieFrom(res, config);
  if (!cookie) throw new Error('login set no session cookie');
  return { cookie, 'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken };
}
