import type { Action, Role } from '@loopline/shared';
import type { FastifyRequest } from 'fastify';

/** The signed-in user behind a request or socket. */
export interface Principal {
  userId: string;
  email: string;
  displayName: string;
  /** Site admin: manages accounts; acts as `admin` in every series. */
  isAdmin: boolean;
  /** The server-side session this principal came from. */
  sessionId: string;
}

/**
 * How a route is protected; every route declares one in `config.access`,
 * and a route without it fails app start-up [AC4].
 * - public: no session needed (health, login, set-up, OpenAPI);
 * - session: any signed-in user;
 * - siteAdmin: a site admin;
 * - series: the user's role in the series named by the route's params must allow `action`;
 *   a series the user is not a member of answers 404, as if it did not exist [AC5].
 */
export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'session' }
  | { kind: 'siteAdmin' }
  | { kind: 'series'; action: Action };

/** Something happened that may end live sockets: closed within 1 s [AC9]. */
export type AccessChange =
  | { kind: 'session-ended'; sessionId: string }
  | { kind: 'user-disabled'; userId: string }
  | { kind: 'membership-changed'; userId: string; seriesId: string };

/** The access services other plugins use (decorated on the app as `access`). */
export interface AccessService {
  /** The principal of the request's session cookie, or null (expired, disabled, absent). */
  authenticate(request: FastifyRequest): Promise<Principal | null>;
  /** The principal's effective role in a series (site admins: 'admin'), or null if not a member. */
  roleIn(principal: Principal, seriesId: string): Promise<Role | null>;
  /** Subscribe to access changes (the sync server closes sockets on them). Returns an unsubscribe function. */
  onChange(listener: (change: AccessChange) => void): () => void;
  /** Whether `origin` may open a sync socket or send cookie-authenticated writes. */
  isAllowedOrigin(origin: string | undefined, host: string | undefined): boolean;
  /**
   * Marks the principal's session as in use (added for the sync server): a
   * live socket counts as activity, so a writer who only types is not
   * signed out by the idle timeout. Call it at most about once a minute.
   */
  keepAlive(principal: Principal): Promise<void>;
}
