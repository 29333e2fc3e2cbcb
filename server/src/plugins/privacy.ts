import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import fp from 'fastify-plugin';
import Type from 'typebox';
import { notFound } from '../errors.js';
import { newSeriesSecret, pseudonymize } from '../ingest/index.js';
import type { Storage } from '../storage/types.js';
import { PlatformSchema } from './feedbackSchemas.js';
import { Body, errorResponses, Id } from './schemas.js';

/** Options of the privacy plugin. */
export interface PrivacyOptions {
  storage: Storage;
  /** The clock retention cutoffs are computed from (ms since the epoch). */
  now?: () => number;
  /** How often every series' retention period is applied; 0 turns the sweep off. Default 1 hour. */
  sweepEveryMs?: number;
}

const DAY_MS = 86_400_000;
const SeriesParams = Type.Object({ seriesId: Id });
const RetentionDays = Type.Union([Type.Integer({ minimum: 1, maximum: 3650 }), Type.Null()], {
  description: 'Raw items posted more than this many days ago are deleted (null: kept). Metrics and curves stay.',
});

/** Deletes a series' items posted before now − days [FB12]; returns how many. */
export async function applyRetention(storage: Storage, seriesId: string, days: number, now: number): Promise<number> {
  return storage.deleteFeedbackOlderThan(seriesId, new Date(now - days * DAY_MS).toISOString());
}

/**
 * Privacy by design (issue 4) [FB12][FB13]: the retention period of a
 * series' raw feedback (applied on demand and by an hourly sweep), and
 * erasure of one viewer: the handle is pseudonymized with the series key,
 * exactly as on import, and every item of that pseudonym goes, with its
 * search-index entries and its share of the counts. The audit entry records
 * that an erasure happened and how much it removed, never whose.
 */
const privacy: FastifyPluginAsyncTypebox<PrivacyOptions> = async (app, opts) => {
  const { storage } = opts;
  const now = opts.now ?? Date.now;

  async function requireSeries(seriesId: string): Promise<void> {
    if (!(await storage.getSeries(seriesId))) throw notFound('series', seriesId);
  }

  app.get(
    '/api/series/:seriesId/privacy',
    {
      config: { access: { kind: 'series', action: 'series.read' } },
      schema: {
        summary: "A series' retention period of raw feedback",
        tags: ['privacy'],
        params: SeriesParams,
        response: { 200: Type.Object({ retentionDays: RetentionDays }), ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      await requireSeries(request.params.seriesId);
      return { retentionDays: await storage.getRetentionDays(request.params.seriesId) };
    },
  );

  app.put(
    '/api/series/:seriesId/privacy',
    {
      config: { access: { kind: 'series', action: 'privacy.manage' } },
      schema: {
        summary: "Set a series' retention period of raw feedback (null keeps items)",
        tags: ['privacy'],
        params: SeriesParams,
        body: Body({ retentionDays: RetentionDays }),
        response: { 200: Type.Object({ retentionDays: RetentionDays }), ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { seriesId } = request.params;
      await requireSeries(seriesId);
      await storage.setRetentionDays(seriesId, request.body.retentionDays);
      await app.audit(request, { action: 'privacy.retention_set', seriesId, details: { retentionDays: request.body.retentionDays } });
      return { retentionDays: request.body.retentionDays };
    },
  );

  app.post(
    '/api/series/:seriesId/privacy/apply-retention',
    {
      config: { access: { kind: 'series', action: 'privacy.manage' } },
      schema: {
        summary: 'Delete the raw items older than the retention period now',
        tags: ['privacy'],
        params: SeriesParams,
        response: { 200: Type.Object({ deleted: Type.Integer({ minimum: 0 }) }), ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { seriesId } = request.params;
      await requireSeries(seriesId);
      const days = await storage.getRetentionDays(seriesId);
      const deleted = days === null ? 0 : await applyRetention(storage, seriesId, days, now());
      await app.audit(request, { action: 'privacy.retention_applied', seriesId, details: { retentionDays: days, deleted } });
      return { deleted };
    },
  );

  app.post(
    '/api/series/:seriesId/erasure',
    {
      config: { access: { kind: 'series', action: 'privacy.manage' } },
      schema: {
        summary: "Erase one viewer's feedback: every item of the handle's pseudonym, its search entries and counts",
        tags: ['privacy'],
        params: SeriesParams,
        body: Body({
          handle: Type.String({ minLength: 1, maxLength: 500, description: 'The viewer handle as the platform shows it; never stored.' }),
          platform: Type.Optional(PlatformSchema),
        }),
        response: { 200: Type.Object({ itemsDeleted: Type.Integer({ minimum: 0 }) }), ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { seriesId } = request.params;
      await requireSeries(seriesId);
      const secret = await storage.ensureSeriesSecret(seriesId, newSeriesSecret());
      const author = pseudonymize(request.body.handle, secret);
      const itemsDeleted = author === '' ? 0 : await storage.deleteFeedbackByAuthor(seriesId, author, { platform: request.body.platform });
      // Who was erased is exactly what must not be kept: no handle, no pseudonym.
      await app.audit(request, {
        action: 'privacy.erasure',
        seriesId,
        details: { itemsDeleted, ...(request.body.platform ? { platform: request.body.platform } : {}) },
      });
      return { itemsDeleted };
    },
  );

  const sweepEveryMs = opts.sweepEveryMs ?? 60 * 60_000;
  if (sweepEveryMs > 0) {
    const sweep = async () => {
      for (const { seriesId, retentionDays } of await storage.listRetentionPolicies()) {
        const deleted = await applyRetention(storage, seriesId, retentionDays, now());
        if (deleted > 0) app.log.info({ seriesId, deleted }, 'retention: deleted expired feedback');
      }
    };
    const timer = setInterval(() => {
      sweep().catch((err: unknown) => app.log.warn({ err }, 'retention sweep failed'));
    }, sweepEveryMs);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }
};

/** The privacy plugin. */
export const privacyPlugin = fp(privacy, {
  name: 'loopline-privacy',
  fastify: '5.x',
  encapsulate: true,
  dependencies: ['loopline-errors', 'loopline-openapi', 'loopline-access', 'loopline-audit'],
});
