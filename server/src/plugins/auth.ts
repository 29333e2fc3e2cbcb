import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import Type from 'typebox';
import { LoginGate, RateLimitedError } from '../auth/login.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { AnyPassword, DisplayName, Email, NewPassword, SessionUserSchema, SignedInSchema } from '../auth/schemas.js';
import type { AccessControl, ActiveSession } from '../auth/service.js';
import type { AuthConfig } from '../config.js';
import { AppError } from '../errors.js';
import type { Storage } from '../storage/types.js';
import { Body, errorResponses, NoContent } from './schemas.js';

/** Options of the auth plugin. */
export interface AuthOptions {
  storage: Storage;
  access: AccessControl;
  auth: AuthConfig;
}


function signedIn(active: ActiveSession) {
  const { principal, session } = active;
  return {
    user: { id: principal.userId, email: principal.email, displayName: principal.displayName, isAdmin: principal.isAdmin },
    csrfToken: session.csrfToken,
  };
}

/** Rethrows a rate-limit refusal with its Retry-After header [AC18]. */
function withRetryAfter(reply: FastifyReply, err: unknown): never {
  if (err instanceof RateLimitedError) reply.header('retry-after', String(err.retryAfterSeconds));
  throw err;
}

/**
 * Sign-in, set-up, sign-out and password change (issue 3) [AC14]–[AC16].
 * Every answer that starts a session sets the `__Host-` cookie and returns
 * the session's CSRF token, which the client sends as `x-csrf-token` on
 * every state-changing request.
 */
const auth: FastifyPluginAsyncTypebox<AuthOptions> = async (app, { storage, access, auth: config }) => {
  const gate = new LoginGate(storage, config, access.now);
  // A coarse per-IP cap on the routes that run argon2, on top of the failure
  // limits [AC18]: each verification costs ~20 MiB and tens of milliseconds,
  // so a flood of them is a denial of service even when every attempt is new.
  const ARGON_ROUTE_LIMIT = { max: config.loginRequestsPerMinute, timeWindow: 60_000 };
  // One set-up at a time in this process, so two racing first visitors cannot both become the first admin.
  let settingUp: Promise<unknown> = Promise.resolve();

  app.get(
    '/api/auth/session',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'Who is signed in, whether the first admin must be set up, and the CSRF token',
        tags: ['auth'],
        response: {
          200: Type.Object({
            user: Type.Union([SessionUserSchema, Type.Null()]),
            setupRequired: Type.Boolean(),
            csrfToken: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      const active = await access.sessionOf(request);
      const setupRequired = active ? false : (await storage.countUsers()) === 0;
      if (!active) return { user: null, setupRequired, csrfToken: null };
      return { ...signedIn(active), setupRequired };
    },
  );

  app.post(
    '/api/auth/setup',
    {
      config: { access: { kind: 'public' }, rateLimit: ARGON_ROUTE_LIMIT },
      schema: {
        summary: 'Create the first site admin and sign in (only while no account exists)',
        tags: ['auth'],
        body: Body({ email: Email, password: NewPassword, displayName: DisplayName }),
        response: { 201: SignedInSchema, ...errorResponses(400, 409, 429) },
      },
    },
    async (request, reply) => {
      const run = settingUp.then(async () => {
        if ((await storage.countUsers()) > 0) throw new AppError('conflict', 'Set-up is done: an account exists. Sign in.');
        return storage.createUser({
          email: request.body.email,
          displayName: request.body.displayName.trim(),
          passwordHash: await hashPassword(request.body.password),
          isAdmin: true,
        });
      });
      settingUp = run.catch(() => undefined);
      const user = await run;
      const active = await access.startSession(request, reply, user);
      request.principal = active.principal;
      await app.audit(request, { action: 'auth.setup', target: user.email });
      return reply.status(201).send(signedIn(active));
    },
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: { kind: 'public' }, rateLimit: ARGON_ROUTE_LIMIT },
      schema: {
        summary: 'Sign in with e-mail and password; sets the session cookie',
        description: 'A wrong e-mail, a wrong password and a disabled account all answer 401 invalid_credentials.',
        tags: ['auth'],
        body: Body({ email: Email, password: AnyPassword }),
        response: { 200: SignedInSchema, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const result = await gate.check(email, password, request.ip).catch((err: unknown) => withRetryAfter(reply, err));
      if (!result.ok) {
        await app.audit(request, {
          action: 'auth.login_failed',
          target: email.trim().toLowerCase().slice(0, 254),
          actorUserId: null,
          details: { reason: result.reason, ip: request.ip, ...(result.user ? { userId: result.user.id } : {}) },
        });
        throw new AppError('invalid_credentials');
      }
      const active = await access.startSession(request, reply, result.user);
      request.principal = active.principal;
      await app.audit(request, { action: 'auth.login', target: result.user.email, details: { ip: request.ip } });
      return signedIn(active);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'Sign out: ends the session (and its live sockets) and clears the cookie; fine when signed out',
        tags: ['auth'],
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const principal = await access.endRequestSession(request, reply);
      if (principal) {
        request.principal = principal;
        await app.audit(request, { action: 'auth.logout', target: principal.email });
      }
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: { kind: 'session' }, rateLimit: ARGON_ROUTE_LIMIT },
      schema: {
        summary: "Change the signed-in user's password; ends their other sessions",
        tags: ['auth'],
        body: Body({ currentPassword: AnyPassword, newPassword: NewPassword }),
        response: { 204: NoContent, ...errorResponses(400, 429) },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const user = await storage.getUser(principal.userId);
      if (!user) throw new AppError('unauthorized');
      try {
        gate.assertAllowed(user.email, request.ip);
      } catch (err) {
        withRetryAfter(reply, err);
      }
      if (!(await verifyPassword(user.passwordHash, request.body.currentPassword))) {
        gate.recordFailure(user.email, request.ip);
        throw new AppError('validation_failed', 'The current password is wrong.', [
          { path: 'body/currentPassword', message: 'is wrong' },
        ]);
      }
      await storage.updateUser(user.id, { passwordHash: await hashPassword(request.body.newPassword) });
      await access.endSessionsOfUser(user.id, principal.sessionId);
      await app.audit(request, { action: 'auth.password_changed', target: user.email });
      return reply.status(204).send(null);
    },
  );
};

/** The auth plugin. */
export const authPlugin = fp(auth, {
  name: 'loopline-auth',
  fastify: '5.x',
  encapsulate: true,
  dependencies: ['loopline-errors', 'loopline-openapi', 'loopline-access', 'loopline-audit', 'loopline-security'],
});
