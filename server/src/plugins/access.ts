import type { Role } from '@loopline/shared';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { assertRouteAccess, decide, type RouteRecord, type SeriesResolver } from '../auth/guard.js';
import type { AccessControl } from '../auth/service.js';
import type { AccessService, Principal, RouteAccess } from '../auth/types.js';
import { AppError, ErrorResponseSchema } from '../errors.js';

/**
 * The access of routes that a library registers and that cannot carry route
 * config (e.g. @fastify/static's file route `/*`), matched by exact URL.
 */
export interface LibraryRouteAccess {
  url: string;
  access: RouteAccess;
}

/** Options of the access plugin. */
export interface AccessOptions {
  access: AccessControl;
  resolvers: readonly SeriesResolver[];
  libraryRoutes?: readonly LibraryRouteAccess[];
  /** How often expired sessions are deleted (and their sockets told); 0 turns the sweep off. Default 5 minutes. */
  sweepEveryMs?: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; required on every route [AC4]. */
    access?: RouteAccess;
  }
  interface FastifyInstance {
    /** Sessions, roles, origins and access-change events (the contract the sync server uses). */
    access: AccessService;
    /** Every route with its declared access, in registration order (the authorization matrix test reads it). */
    accessRoutes: readonly RouteRecord[];
  }
  interface FastifyRequest {
    /** The signed-in user, set by the guard on every route that is not public. */
    principal: Principal | null;
    /** The series a series route touches and the user's effective role in it, set by the guard. */
    seriesAccess: { seriesId: string; role: Role } | null;
  }
}

const PUBLIC: RouteAccess = { kind: 'public' };

/**
 * Documents a route's protection in its schema, for the OpenAPI document:
 * the cookie security scheme and the error responses the guard can answer.
 */
function documentAccess(route: RouteOptions, access: RouteAccess): void {
  if (!route.schema || access.kind === 'public') return;
  const schema = route.schema as Record<string, unknown>;
  schema.security ??= [{ session: [] }];
  if (!schema.response) return;
  const response = schema.response as Record<string, unknown>;
  const codes = access.kind === 'session' ? [401] : access.kind === 'siteAdmin' ? [401, 403] : [401, 403, 404];
  for (const code of codes) response[code] ??= ErrorResponseSchema;
}

/**
 * Enforcement of access on every route (issue 3). Registered before any
 * route: its onRoute hook refuses, at start-up, a route without a valid
 * `config.access` [AC4], and one guard hook checks every request against
 * its route's rule before the body is even parsed [AC5][AC22][AC23]. The app's
 * not-found handler is public (it serves the client's index.html).
 */
async function accessPluginImpl(app: FastifyInstance, opts: AccessOptions): Promise<void> {
  const { access, resolvers } = opts;
  const routes: RouteRecord[] = [];
  app.decorate('access', access as AccessService);
  app.decorate('accessRoutes', routes);
  app.decorateRequest('principal', null);
  app.decorateRequest('seriesAccess', null);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const preset = opts.libraryRoutes?.find((r) => r.url === route.url);
    if (preset && route.config?.access === undefined) route.config = { ...route.config, access: preset.access };
    const checked = assertRouteAccess(methods.join(','), route.url, route.config?.access, resolvers);
    for (const method of methods) routes.push({ method, url: route.url, access: checked });
    documentAccess(route, checked);
  });

  app.addHook('onRequest', async (request: FastifyRequest) => {
    const rule = request.routeOptions.config.access ?? (request.is404 ? PUBLIC : undefined);
    // Fail closed: onRoute makes this unreachable, but a request must never pass unchecked.
    if (!rule) throw new AppError('internal', 'route without an access rule');
    if (rule.kind === 'public') return;
    const principal = await access.authenticate(request);
    request.principal = principal;
    request.seriesAccess = await decide(rule, principal, request.params as Record<string, string | undefined>, {
      resolvers,
      roleIn: (p, seriesId) => access.roleIn(p, seriesId),
    });
  });

  const sweepEveryMs = opts.sweepEveryMs ?? 5 * 60_000;
  if (sweepEveryMs > 0) {
    const timer = setInterval(() => {
      access.sweepExpired().catch((err: unknown) => app.log.warn({ err }, 'session sweep failed'));
    }, sweepEveryMs);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }
}

/** The access plugin: `app.access`, `request.principal`, `request.seriesAccess`, and the guard. */
export const accessPlugin = fp(accessPluginImpl, {
  name: 'loopline-access',
  fastify: '5.x',
  dependencies: ['loopline-errors'],
});
