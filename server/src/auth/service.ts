import type { Role } from '@loopline/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthConfig } from '../config.js';
import type { SessionRecord, Storage, User } from '../storage/types.js';
import { type CookieSettings, cookieSettings } from './cookies.js';
import { isAllowedOrigin } from './origins.js';
import { newToken, tokenHash } from './tokens.js';
import type { AccessChange, AccessService, Principal } from './types.js';

/** A signed-in request's session: who, and the stored session (for its CSRF token). */
export interface ActiveSession {
  principal: Principal;
  session: SessionRecord;
}

/** Options of the access control. */
export interface AccessControlOptions {
  storage: Storage;
  auth: AuthConfig;
  /** Milliseconds since the epoch; tests inject a clock to expire sessions without waiting. */
  now?: () => number;
  /** Where listener failures are reported (a bad listener must not break sign-out). */
  onListenerError?: (err: unknown) => void;
}

// A session's last-seen time is written at most this often, not on every request.
const TOUCH_EVERY_MS = 60_000;

/**
 * Sessions, principals and access changes: the one object that knows how a
 * cookie becomes a user [AC11], which role a user has in a series [AC2], and
 * who must be told when a session, account or membership changes [AC9].
 * Plugins see it as the AccessService contract (`app.access`); the auth,
 * users and members plugins use the rest.
 */
export class AccessControl implements AccessService {
  readonly cookie: CookieSettings;
  readonly now: () => number;
  private readonly storage: Storage;
  private readonly auth: AuthConfig;
  private readonly listeners = new Set<(change: AccessChange) => void>();
  private readonly resolved = new WeakMap<FastifyRequest, Promise<ActiveSession | null>>();
  private readonly onListenerError: (err: unknown) => void;

  constructor(opts: AccessControlOptions) {
    this.storage = opts.storage;
    this.auth = opts.auth;
    this.now = opts.now ?? Date.now;
    this.cookie = cookieSettings(opts.auth);
    this.onListenerError = opts.onListenerError ?? (() => undefined);
  }

  /** The current time as stored. */
  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  // --- AccessService

  async authenticate(request: FastifyRequest): Promise<Principal | null> {
    return (await this.sessionOf(request))?.principal ?? null;
  }

  async roleIn(principal: Principal, seriesId: string): Promise<Role | null> {
    if (principal.isAdmin) return 'admin';
    return this.storage.getMembership(seriesId, principal.userId);
  }

  onChange(listener: (change: AccessChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  isAllowedOrigin(origin: string | undefined, host: string | undefined): boolean {
    return isAllowedOrigin(origin, host, this.auth.allowedOrigins);
  }

  async keepAlive(principal: Principal): Promise<void> {
    await this.storage.touchSession(principal.sessionId, this.nowIso());
  }

  // --- sessions

  /**
   * The request's session, resolved once per request: the cookie's token is
   * hashed and looked up; a session past its idle or absolute limit, or of a
   * disabled account, is deleted (and announced) and counts as none [AC11].
   */
  sessionOf(request: FastifyRequest): Promise<ActiveSession | null> {
    let found = this.resolved.get(request);
    if (!found) {
      found = this.resolve(request.cookies?.[this.cookie.name]);
      this.resolved.set(request, found);
    }
    return found;
  }

  /** Forgets what sessionOf resolved for `request` (after it signed in or out). */
  forget(request: FastifyRequest): void {
    this.resolved.delete(request);
  }

  private async resolve(token: string | undefined): Promise<ActiveSession | null> {
    if (!token || token.length > 200) return null;
    const session = await this.storage.getSessionByTokenHash(tokenHash(token));
    if (!session) return null;
    const now = this.now();
    if (this.expired(session, now)) {
      await this.endSession(session.id);
      return null;
    }
    const user = await this.storage.getUser(session.userId);
    if (!user || user.disabled) {
      await this.endSession(session.id);
      return null;
    }
    if (now - Date.parse(session.lastSeenAt) >= TOUCH_EVERY_MS) {
      const lastSeenAt = new Date(now).toISOString();
      await this.storage.touchSession(session.id, lastSeenAt);
      session.lastSeenAt = lastSeenAt;
    }
    return { principal: principalOf(user, session.id), session };
  }

  private expired(session: SessionRecord, now: number): boolean {
    return now >= Date.parse(session.expiresAt) || now - Date.parse(session.lastSeenAt) >= this.auth.sessionIdleMs;
  }

  /**
   * Signs `user` in on `reply`: a new session with a fresh token and CSRF
   * token; the request's previous session (if any) is ended, so a session id
   * planted before sign-in is worthless after it [AC11].
   */
  async startSession(request: FastifyRequest, reply: FastifyReply, user: User): Promise<ActiveSession> {
    const previous = await this.sessionOf(request);
    if (previous) await this.endSession(previous.session.id);
    const token = newToken();
    const now = this.now();
    const session = await this.storage.createSession({
      tokenHash: tokenHash(token),
      userId: user.id,
      csrfToken: newToken(),
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + this.auth.sessionAbsoluteMs).toISOString(),
    });
    reply.setCookie(this.cookie.name, token, this.cookie.options);
    const active = { principal: principalOf(user, session.id), session };
    this.resolved.set(request, Promise.resolve(active));
    return active;
  }

  /** Ends the request's session (if any) and clears its cookie. Returns the principal that was signed in. */
  async endRequestSession(request: FastifyRequest, reply: FastifyReply): Promise<Principal | null> {
    const active = await this.sessionOf(request);
    if (active) await this.endSession(active.session.id);
    const { maxAge: _maxAge, ...options } = this.cookie.options;
    reply.clearCookie(this.cookie.name, options);
    this.resolved.set(request, Promise.resolve(null));
    return active?.principal ?? null;
  }

  /** Deletes one session and tells listeners (the sync server closes its sockets) [AC9]. */
  async endSession(sessionId: string): Promise<void> {
    await this.storage.deleteSession(sessionId);
    this.emit({ kind: 'session-ended', sessionId });
  }

  /** Deletes a user's sessions (but `except`) and announces each. */
  async endSessionsOfUser(userId: string, except?: string): Promise<void> {
    const ended = await this.storage.deleteSessionsOfUser(userId, except === undefined ? undefined : { except });
    for (const sessionId of ended) this.emit({ kind: 'session-ended', sessionId });
  }

  /** Deletes sessions past their idle or absolute limit; returns how many. Run periodically. */
  async sweepExpired(): Promise<number> {
    const now = this.now();
    const ended = await this.storage.deleteExpiredSessions({
      lastSeenBefore: new Date(now - this.auth.sessionIdleMs).toISOString(),
      expiresBefore: new Date(now).toISOString(),
    });
    for (const sessionId of ended) this.emit({ kind: 'session-ended', sessionId });
    return ended.length;
  }

  // --- access changes

  /** Tells every listener about `change`; one failing listener does not stop the others. */
  emit(change: AccessChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }
}

/** The principal of a user's session. */
export function principalOf(user: User, sessionId: string): Principal {
  return { userId: user.id, email: user.email, displayName: user.displayName, isAdmin: user.isAdmin, sessionId };
}
