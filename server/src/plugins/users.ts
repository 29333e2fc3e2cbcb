import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import fp from 'fastify-plugin';
import Type from 'typebox';
import { hashPassword } from '../auth/passwords.js';
import { DisplayName, Email, NewPassword, UserSchema } from '../auth/schemas.js';
import type { AccessControl } from '../auth/service.js';
import { AppError, notFound } from '../errors.js';
import type { Storage, User, UserPatch } from '../storage/types.js';
import { Body, errorResponses, Id } from './schemas.js';

/** Options of the users plugin. */
export interface UsersOptions {
  storage: Storage;
  access: AccessControl;
}

/** Strips what a client must never see (the password hash) from a stored user. */
function publicUser(user: User): User {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    isAdmin: user.isAdmin,
    disabled: user.disabled,
    createdAt: user.createdAt,
  };
}

/**
 * Account administration for site admins [AC15]: list, create, rename,
 * grant or revoke site admin, disable or enable. Disabling ends the
 * account's sessions at once and announces it, so its sockets close [AC9].
 * An admin cannot disable or demote themselves, so the site always keeps
 * at least one active admin.
 */
const users: FastifyPluginAsyncTypebox<UsersOptions> = async (app, { storage, access }) => {
  app.get(
    '/api/users',
    {
      config: { access: { kind: 'siteAdmin' } },
      schema: {
        summary: 'List accounts (site admins)',
        tags: ['users'],
        response: { 200: Type.Object({ users: Type.Array(UserSchema) }) },
      },
    },
    async () => ({ users: (await storage.listUsers()).map(publicUser) }),
  );

  app.post(
    '/api/users',
    {
      config: { access: { kind: 'siteAdmin' } },
      schema: {
        summary: 'Create an account (site admins)',
        tags: ['users'],
        body: Body({ email: Email, displayName: DisplayName, password: NewPassword, isAdmin: Type.Optional(Type.Boolean()) }),
        response: { 201: UserSchema, ...errorResponses(400, 409) },
      },
    },
    async (request, reply) => {
      const { email, displayName, password, isAdmin = false } = request.body;
      if (await storage.getUserByEmail(email)) throw new AppError('conflict', `An account with e-mail ${email} exists.`);
      const created = await storage.createUser({
        email,
        displayName: displayName.trim(),
        passwordHash: await hashPassword(password),
        isAdmin,
      });
      await app.audit(request, { action: 'user.created', target: created.email, details: { userId: created.id, isAdmin } });
      return reply.status(201).send(publicUser(created));
    },
  );

  app.patch(
    '/api/users/:userId',
    {
      config: { access: { kind: 'siteAdmin' } },
      schema: {
        summary: 'Rename, grant or revoke site admin, disable or enable an account (site admins)',
        description: 'Disabling ends the sessions and live sockets of the account at once.',
        tags: ['users'],
        params: Type.Object({ userId: Id }),
        body: Body({
          displayName: Type.Optional(DisplayName),
          isAdmin: Type.Optional(Type.Boolean()),
          disabled: Type.Optional(Type.Boolean()),
        }),
        response: { 200: UserSchema, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) => {
      const { userId } = request.params;
      const before = await storage.getUser(userId);
      if (!before) throw notFound('user', userId);
      const { displayName, isAdmin, disabled } = request.body;
      const self = userId === request.principal!.userId;
      if (self && (disabled === true || isAdmin === false)) {
        throw new AppError('conflict', 'You cannot disable your own account or revoke your own admin rights.');
      }
      const patch: UserPatch = {};
      if (displayName !== undefined) patch.displayName = displayName.trim();
      if (isAdmin !== undefined) patch.isAdmin = isAdmin;
      if (disabled !== undefined) patch.disabled = disabled;
      const after = await storage.updateUser(userId, patch);
      if (!after) throw notFound('user', userId);

      const target = after.email;
      if (after.displayName !== before.displayName) {
        await app.audit(request, { action: 'user.renamed', target, details: { userId, from: before.displayName, to: after.displayName } });
      }
      if (after.isAdmin !== before.isAdmin) {
        await app.audit(request, { action: after.isAdmin ? 'user.admin_granted' : 'user.admin_revoked', target, details: { userId } });
        // A former site admin loses the `admin` role in every series they are not a member of.
        if (!after.isAdmin) {
          for (const series of await storage.listSeries({ includeArchived: true })) {
            access.emit({ kind: 'membership-changed', userId, seriesId: series.id });
          }
        }
      }
      if (after.disabled !== before.disabled) {
        if (after.disabled) {
          await access.endSessionsOfUser(userId);
          access.emit({ kind: 'user-disabled', userId });
        }
        await app.audit(request, { action: after.disabled ? 'user.disabled' : 'user.enabled', target, details: { userId } });
      }
      return publicUser(after);
    },
  );
};

/** The users plugin. */
export const usersPlugin = fp(users, {
  name: 'loopline-users',
  fastify: '5.x',
  encapsulate: true,
  dependencies: ['loopline-errors', 'loopline-openapi', 'loopline-access', 'loopline-audit'],
});
