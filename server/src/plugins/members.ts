import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Role } from '@loopline/shared';
import fp from 'fastify-plugin';
import Type from 'typebox';
import { Email, MemberSchema, RoleSchema } from '../auth/schemas.js';
import type { AccessControl } from '../auth/service.js';
import { AppError, notFound } from '../errors.js';
import type { MemberInfo, Storage } from '../storage/types.js';
import { Body, errorResponses, Id, NoContent } from './schemas.js';

/** Options of the members plugin. */
export interface MembersOptions {
  storage: Storage;
  access: AccessControl;
}

const SeriesParams = Type.Object({ seriesId: Id });
const MemberParams = Type.Object({ seriesId: Id, userId: Id });

/** Roles that can manage the series; one of them must always remain [AC16]. */
const MANAGERS: readonly Role[] = ['admin', 'showrunner'];

/** Throws 409 if the series would be left without a showrunner or admin once `userId` becomes `nextRole` (null: removed). */
function assertKeepsManager(members: MemberInfo[], userId: string, nextRole: Role | null): void {
  const remaining = members.filter((m) => (m.userId === userId ? nextRole !== null && MANAGERS.includes(nextRole) : MANAGERS.includes(m.role)));
  if (remaining.length === 0) {
    throw new AppError('conflict', 'A series must keep at least one showrunner or admin.');
  }
}

/**
 * Series members and their roles [AC16]. Every member may list them; a
 * role with `members.manage` adds existing accounts by e-mail, changes
 * roles and removes members. A change of role or a removal is announced,
 * so the member's sync sockets for the series close and reconnect with
 * the new rights [AC9].
 */
const members: FastifyPluginAsyncTypebox<MembersOptions> = async (app, { storage, access }) => {
  async function requireMember(seriesId: string, userId: string): Promise<{ list: MemberInfo[]; member: MemberInfo }> {
    const list = await storage.listMembers(seriesId);
    const member = list.find((m) => m.userId === userId);
    if (!member) throw notFound('member', userId);
    return { list, member };
  }

  app.get(
    '/api/series/:seriesId/members',
    {
      config: { access: { kind: 'series', action: 'series.read' } },
      schema: {
        summary: "A series' members and their roles",
        tags: ['members'],
        params: SeriesParams,
        response: { 200: Type.Object({ members: Type.Array(MemberSchema) }), ...errorResponses(400) },
      },
    },
    async (request) => {
      const { seriesId } = request.params;
      // Members always exist for a series; an empty list means a site admin named a series that does not.
      const list = await storage.listMembers(seriesId);
      if (list.length === 0 && !(await storage.getSeries(seriesId))) throw notFound('series', seriesId);
      return { members: list };
    },
  );

  app.post(
    '/api/series/:seriesId/members',
    {
      config: { access: { kind: 'series', action: 'members.manage' } },
      schema: {
        summary: 'Add an existing account to the series with a role',
        tags: ['members'],
        params: SeriesParams,
        body: Body({ email: Email, role: RoleSchema }),
        response: { 201: MemberSchema, ...errorResponses(400, 409) },
      },
    },
    async (request, reply) => {
      const { seriesId } = request.params;
      const { email, role } = request.body;
      if (!(await storage.getSeries(seriesId))) throw notFound('series', seriesId);
      const user = await storage.getUserByEmail(email);
      if (!user) throw new AppError('not_found', `No account with e-mail ${email}.`);
      if (await storage.getMembership(seriesId, user.id)) {
        throw new AppError('conflict', `${user.email} is already a member; change their role instead.`);
      }
      await storage.setMembership(seriesId, user.id, role);
      await app.audit(request, { action: 'member.added', seriesId, target: user.email, details: { userId: user.id, role } });
      return reply.status(201).send({ userId: user.id, email: user.email, displayName: user.displayName, role });
    },
  );

  app.patch(
    '/api/series/:seriesId/members/:userId',
    {
      config: { access: { kind: 'series', action: 'members.manage' } },
      schema: {
        summary: "Change a member's role",
        tags: ['members'],
        params: MemberParams,
        body: Body({ role: RoleSchema }),
        response: { 200: MemberSchema, ...errorResponses(400, 409) },
      },
    },
    async (request) => {
      const { seriesId, userId } = request.params;
      const { role } = request.body;
      const { list, member } = await requireMember(seriesId, userId);
      if (member.role === role) return member;
      assertKeepsManager(list, userId, role);
      await storage.setMembership(seriesId, userId, role);
      access.emit({ kind: 'membership-changed', userId, seriesId });
      await app.audit(request, {
        action: 'member.role_changed',
        seriesId,
        target: member.email,
        details: { userId, from: member.role, to: role },
      });
      return { ...member, role };
    },
  );

  app.delete(
    '/api/series/:seriesId/members/:userId',
    {
      config: { access: { kind: 'series', action: 'members.manage' } },
      schema: {
        summary: 'Remove a member from the series',
        tags: ['members'],
        params: MemberParams,
        response: { 204: NoContent, ...errorResponses(400, 409) },
      },
    },
    async (request, reply) => {
      const { seriesId, userId } = request.params;
      const { list, member } = await requireMember(seriesId, userId);
      assertKeepsManager(list, userId, null);
      await storage.removeMembership(seriesId, userId);
      access.emit({ kind: 'membership-changed', userId, seriesId });
      await app.audit(request, { action: 'member.removed', seriesId, target: member.email, details: { userId, role: member.role } });
      return reply.status(204).send(null);
    },
  );
};

/** The members plugin. */
export const membersPlugin = fp(members, {
  name: 'loopline-members',
  fastify: '5.x',
  encapsulate: true,
  dependencies: ['loopline-errors', 'loopline-openapi', 'loopline-access', 'loopline-audit'],
});
