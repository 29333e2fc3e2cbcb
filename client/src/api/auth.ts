import { request, setCsrfToken } from './http';

/** The signed-in account as the server describes it. */
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  /** Site admin: manages accounts and acts as `admin` in every series. */
  isAdmin: boolean;
}

/** GET /api/auth/session: who is signed in, whether the first admin must still be created, and the CSRF token. */
export interface SessionInfo {
  user: SessionUser | null;
  setupRequired: boolean;
  csrfToken: string | null;
}

/** Answer of a successful sign-in or first-run set-up (the session cookie comes with it). */
export interface SignedIn {
  user: SessionUser;
  csrfToken: string;
}

/** Passwords shorter than this are refused by the server; the forms check it first. */
export const MIN_PASSWORD_LENGTH = 10;

/** Body of POST /api/auth/login. */
export interface LoginInput {
  email: string;
  password: string;
}

/** Body of POST /api/auth/setup (the first admin). */
export interface SetupInput {
  email: string;
  password: string;
  displayName: string;
}

/** Body of POST /api/auth/password. */
export interface PasswordChangeInput {
  currentPassword: string;
  newPassword: string;
}

// Each answer that carries a token replaces the one writes send [UA1].
function remember<T extends { csrfToken?: string | null }>(answer: T): T {
  if (answer && answer.csrfToken !== undefined) setCsrfToken(answer.csrfToken);
  return answer;
}

/** GET /api/auth/session — never 401: a signed-out visitor gets `user: null`. */
export async function getSession(signal?: AbortSignal): Promise<SessionInfo> {
  return remember(await request<SessionInfo>('GET', '/api/auth/session', undefined, signal));
}

/** POST /api/auth/login — 401 `invalid_credentials` on a wrong pair, 429 (with Retry-After) when rate limited. */
export async function login(input: LoginInput): Promise<SignedIn> {
  return remember(await request<SignedIn>('POST', '/api/auth/login', input));
}

/** POST /api/auth/setup — creates the first admin and signs them in; only while `setupRequired`. */
export async function setupFirstAdmin(input: SetupInput): Promise<SignedIn> {
  return remember(await request<SignedIn>('POST', '/api/auth/setup', input));
}

/** POST /api/auth/logout — ends the server session; the token is forgotten even if the call fails. */
export async function logout(): Promise<void> {
  try {
    await request<unknown>('POST', '/api/auth/logout');
  } finally {
    setCsrfToken(null);
  }
}

/** POST /api/auth/password — a rotated session may come back with a new token. */
export async function changePassword(input: PasswordChangeInput): Promise<void> {
  const answer = await request<{ csrfToken?: string | null } | undefined>('POST', '/api/auth/password', input);
  if (answer) remember(answer);
}
