import type { IncomingMessage } from 'node:http';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AccessControl } from '../auth/service.js';
import { tokensEqual } from '../auth/tokens.js';
import { AppError } from '../errors.js';

/** Options of the security plugin. */
export interface SecurityOptions {
  access: AccessControl;
}

/** The header carrying the session's CSRF token on state-changing requests [AC17]. */
export const CSRF_HEADER = 'x-csrf-token';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// A Host header fit to appear in the CSP (it is echoed into a header, so nothing but a host[:port]).
const PLAIN_HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/** The sync endpoint's own origin for connect-src: CSP2 browsers do not count ws(s) of self as 'self'. */
function selfSockets(req: IncomingMessage): string {
  const host = req.headers.host ?? '';
  return PLAIN_HOST.test(host) ? `ws://${host} wss://${host}` : '';
}

/**
 * The content security policy [AC19]: everything from this origin only.
 * `style-src-attr 'unsafe-inline'` is the one relaxation: ProseMirror
 * decorations can only style through `style` attributes (y-prosemirror's
 * remote selections set their colour that way); stylesheets and <style>
 * elements stay 'self'. Scripts are 'self' only: the built client has no
 * inline script.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  styleSrcAttr: ["'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'", selfSockets],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Checks a state-changing request before any route runs [AC17]: an `Origin`
 * header, when present, must be allowed; and when the request carries a live
 * session cookie, `x-csrf-token` must equal that session's token (compared in
 * constant time). Either failure is 403 `csrf_failed`. Requests without a
 * session cookie carry no authority to abuse; they meet the guard instead.
 */
export async function checkCsrf(request: FastifyRequest, access: AccessControl): Promise<void> {
  if (!STATE_CHANGING.has(request.method)) return;
  if (!access.isAllowedOrigin(request.headers.origin, request.headers.host)) {
    throw new AppError('csrf_failed', `Origin ${request.headers.origin} may not send this request.`);
  }
  const active = await access.sessionOf(request);
  if (active && !tokensEqual(request.headers[CSRF_HEADER], active.session.csrfToken)) {
    throw new AppError('csrf_failed', `Send the session's CSRF token in the ${CSRF_HEADER} header.`);
  }
}

/**
 * HTTP hardening (issue 3), registered before every other hook and route:
 * security headers on every response including errors [AC19], cookie
 * parsing, the rate-limit machinery (off by default; a route opts in with
 * `config.rateLimit: { max, timeWindow }`, answered 429 `rate_limited` with
 * Retry-After [AC18]), and the CSRF check [AC17].
 */
async function securityPluginImpl(app: FastifyInstance, { access }: SecurityOptions): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    xFrameOptions: { action: 'deny' },
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `Too many requests; try again in ${context.after}.`),
  });
  app.addHook('onRequest', async (request) => checkCsrf(request, access));
}

/** The security plugin. */
export const securityPlugin = fp(securityPluginImpl, {
  name: 'loopline-security',
  fastify: '5.x',
  dependencies: ['loopline-errors'],
});
