import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import Type, { type Static } from 'typebox';
import type { AccessControl } from '../auth/service.js';
import { notFound } from '../errors.js';
import { AUDIT_PAGE } from '../storage/common.js';
import type { AuditRecord, Storage } from '../storage/types.js';
import { errorResponses, Id } from './schemas.js';

/** Options of the audit plugin. */
export interface AuditOptions {
  storage: Storage;
  access: AccessControl;
}

/** What a route records; the actor and time are filled in from the request. */
export interface AuditInput {
  /** Stable machine name, `<area>.<event>`, e.g. `member.role_changed`. */
  action: string;
  /** What it was done to: an e-mail, an id, a title. */
  target?: string;
  seriesId?: string | null;
  details?: Record<string, unknown>;
  /** The actor when the request has no principal yet (a sign-in records the user it signed in). */
  actorUserId?: string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Appends to the audit log [AC20]: `await app.audit(request, { action, target, seriesId, details })`.
     * The actor is the request's principal. Later issues record imports, erasures and approvals the same way.
     */
    audit(request: FastifyRequest, entry: AuditInput): Promise<void>;
  }
}

const AuditEntrySchema = Type.Object({
  id: Type.String({ description: 'Grows with every entry; pass as `before` for the next page.' }),
  at: Type.String({ description: 'ISO-8601 timestamp' }),
  actor: Type.Union([Type.Object({ id: Type.String(), email: Type.String(), displayName: Type.String() }), Type.Null()]),
  seriesId: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  target: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
});

const AuditPageSchema = Type.Object({
  entries: Type.Array(AuditEntrySchema),
  /** The `before` of the next (older) page, or null at the end. */
  nextBefore: Type.Union([Type.String(), Type.Null()]),
});

const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: AUDIT_PAGE.max, description: `Default ${AUDIT_PAGE.default}.` })),
  before: Type.Optional(Type.Integer({ minimum: 1, description: 'Only entries older than this id.' })),
};

function page(records: AuditRecord[], limit: number): Static<typeof AuditPageSchema> {
  const entries = records.map((r) => ({
    id: String(r.id),
    at: r.at,
    actor: r.actor,
    seriesId: r.seriesId,
    action: r.action,
    target: r.target,
    details: r.details,
  }));
  const last = records[records.length - 1];
  return { entries, nextBefore: records.length === limit && last ? String(last.id) : null };
}

/**
 * The audit log: `app.audit(request, entry)` for every plugin, and its two
 * readers: a series' log (members whose role may `audit.read`) and the whole
 * site's (site admins), newest first, paged by `before` [AC20].
 */
const audit: FastifyPluginAsyncTypebox<AuditOptions> = async (app, { storage, access }) => {
  app.decorate('audit', async (request: FastifyRequest, entry: AuditInput) => {
    await storage.appendAudit({
      at: access.nowIso(),
      actorUserId: entry.actorUserId !== undefined ? entry.actorUserId : (request.principal?.userId ?? null),
      seriesId: entry.seriesId ?? null,
      action: entry.action,
      target: entry.target ?? '',
      details: entry.details ?? {},
    });
  });

  app.get(
    '/api/series/:seriesId/audit',
    {
      config: { access: { kind: 'series', action: 'audit.read' } },
      schema: {
        summary: "A series' audit log, newest first",
        tags: ['audit'],
        params: Type.Object({ seriesId: Id }),
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: AuditPageSchema, ...errorResponses(400) },
      },
    },
    async (request) => {
      const { seriesId } = request.params;
      // Only a site admin reaches here for a series that does not exist (members imply the series).
      if (request.principal?.isAdmin && !(await storage.getSeries(seriesId))) throw notFound('series', seriesId);
      const limit = request.query.limit ?? AUDIT_PAGE.default;
      const records = await storage.listAudit({ seriesId, limit, before: request.query.before });
      return page(records, limit);
    },
  );

  app.get(
    '/api/audit',
    {
      config: { access: { kind: 'siteAdmin' } },
      schema: {
        summary: "The whole site's audit log, newest first (site admins)",
        tags: ['audit'],
        querystring: Type.Object({ ...PageQuery, seriesId: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: AuditPageSchema, ...errorResponses(400) },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? AUDIT_PAGE.default;
      const records = await storage.listAudit({ seriesId: request.query.seriesId, limit, before: request.query.before });
      return page(records, limit);
    },
  );
};

/** The audit plugin. */
export const auditPlugin = fp(audit, {
  name: 'loopline-audit',
  fastify: '5.x',
  dependencies: ['loopline-errors', 'loopline-openapi', 'loopline-access'],
});
