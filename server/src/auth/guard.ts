import { ACTIONS, type Action, can, type Role } from '@loopline/shared';
import { AppError, notFound } from '../errors.js';
import type { Storage } from '../storage/types.js';
import type { Principal, RouteAccess } from './types.js';

/**
 * Finds the series a request touches from one route parameter. Returns null
 * when the id names nothing; a foreign series then answers exactly as a
 * missing one [AC5]. Later issues add resolvers for their own ids (e.g. a
 * revision id) in app.ts.
 */
export interface SeriesResolver {
  /** The route parameter, e.g. `episodeId` for `/api/episodes/:episodeId`. */
  param: string;
  /** The entity named in the 404 message, as the handlers name it. */
  entity: string;
  /** The series the id belongs to, or null if there is no such thing. */
  seriesOf(id: string): Promise<string | null>;
}

/** The resolvers of issue 2's routes: a series id is itself; an episode belongs to its series. */
export function defaultSeriesResolvers(storage: Storage): SeriesResolver[] {
  return [
    // No lookup: membership implies existence, and a site admin's handler answers 404 for a missing series.
    { param: 'seriesId', entity: 'series', seriesOf: async (id) => id },
    { param: 'episodeId', entity: 'episode', seriesOf: async (id) => (await storage.getEpisode(id))?.seriesId ?? null },
  ];
}

/** A route as the access plugin records it. */
export interface RouteRecord {
  method: string;
  url: string;
  access: RouteAccess;
}

const KINDS = new Set(['public', 'session', 'siteAdmin', 'series']);

/**
 * Checks a route's declared access at registration [AC4]: it must exist and
 * be well-formed, and a series route must have a parameter a resolver knows.
 * Throws, which fails app start-up, naming the route.
 */
export function assertRouteAccess(method: string, url: string, access: unknown, resolvers: readonly SeriesResolver[]): RouteAccess {
  const where = `route ${method} ${url}`;
  if (access === undefined || access === null || typeof access !== 'object') {
    throw new Error(`${where} declares no config.access; every route must say who may call it [AC4]`);
  }
  const kind = (access as { kind?: unknown }).kind;
  if (typeof kind !== 'string' || !KINDS.has(kind)) throw new Error(`${where}: config.access.kind must be one of ${[...KINDS].join(', ')}`);
  if (kind === 'series') {
    const action = (access as { action?: unknown }).action;
    if (!(ACTIONS as readonly unknown[]).includes(action)) throw new Error(`${where}: config.access.action ${String(action)} is not an action`);
    if (!resolvers.some((r) => url.includes(`:${r.param}`))) {
      throw new Error(`${where}: a series route needs one of the parameters ${resolvers.map((r) => `:${r.param}`).join(', ')}`);
    }
  }
  return access as RouteAccess;
}

/** What the guard decided for a series route. */
export interface SeriesGrant {
  seriesId: string;
  role: Role;
}

/**
 * Decides a request against its route's access rule [AC5][AC22][AC23]:
 * no session → 401; a site-admin route and not a site admin → 403; a series
 * the user is not a member of (or that does not exist) → 404, worded as the
 * handler would word a missing id; a member whose role lacks the action →
 * 403. Returns the series and role for a series route.
 */
export async function decide(
  access: RouteAccess,
  principal: Principal | null,
  params: Record<string, string | undefined>,
  deps: { resolvers: readonly SeriesResolver[]; roleIn: (p: Principal, seriesId: string) => Promise<Role | null> },
): Promise<SeriesGrant | null> {
  if (access.kind === 'public') return null;
  if (!principal) throw new AppError('unauthorized');
  if (access.kind === 'session') return null;
  if (access.kind === 'siteAdmin') {
    if (!principal.isAdmin) throw new AppError('forbidden', 'Only a site admin may do this.');
    return null;
  }
  const resolver = deps.resolvers.find((r) => params[r.param] !== undefined);
  const id = resolver ? params[resolver.param] : undefined;
  if (!resolver || id === undefined) throw new AppError('internal', 'series route without a series parameter');
  const seriesId = await resolver.seriesOf(id);
  const role = seriesId === null ? null : await deps.roleIn(principal, seriesId);
  if (seriesId === null || role === null) throw notFound(resolver.entity, id);
  if (!can(role, access.action)) throw new AppError('forbidden', forbiddenMessage(role, access.action));
  return { seriesId, role };
}

function forbiddenMessage(role: Role, action: Action): string {
  return `A ${role} may not do this (${action}).`;
}
