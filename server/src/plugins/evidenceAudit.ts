import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AUDIT_FINDING_KINDS,
  type FindingFilter,
  filterFindings,
  findingsToCsv,
  type Revision,
  summarizeFindings,
} from '@loopline/shared';
import fp from 'fastify-plugin';
import Type from 'typebox';
import { AppError, notFound } from '../errors.js';
import type { Storage } from '../storage/types.js';
import { auditOfEpisode, auditOfSeries, createTraceServices, type TraceServices, thresholdsOf } from '../trace/index.js';
import { AuditFindingSchema, AuditThresholdsSchema } from '../trace/schemas.js';
import { errorResponses, Id } from './schemas.js';

/** Options of the evidence-audit plugin. */
export interface EvidenceAuditOptions {
  storage: Storage;
  /** Caches shared with the trace plugin; made here when absent. */
  services?: TraceServices;
  /** The clock of file names (tests inject one). */
  now?: () => number;
}

const KindCounts = Type.Object(Object.fromEntries(AUDIT_FINDING_KINDS.map((k) => [k, Type.Integer({ minimum: 0 })])) as Record<
  (typeof AUDIT_FINDING_KINDS)[number],
  ReturnType<typeof Type.Integer>
>);

const SummarySchema = Type.Object({
  total: Type.Integer({ minimum: 0 }),
  byKind: KindCounts,
  byEpisode: Type.Record(Type.String(), KindCounts, { description: 'Counts by episode id (episodes with findings only).' }),
});

/** Characters a file name may not hold on common systems, plus control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed.
const UNSAFE_FILE_CHARS = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g;

/**
 * `attachment` with a readable name [AU12]: the series title and the date,
 * UTF-8 in `filename*` (RFC 6266/5987, so Chinese titles survive) and an
 * ASCII fallback in `filename`.
 */
export function csvDisposition(seriesTitle: string, date: string, scope: string): string {
  const title = seriesTitle.replace(UNSAFE_FILE_CHARS, ' ').replace(/\s+/g, ' ').trim().slice(0, 80) || 'series';
  const readable = `${title} - evidence audit${scope ? ` - ${scope}` : ''} - ${date}.csv`;
  const ascii = `evidence-audit-${date}.csv`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(readable)}`;
}

/**
 * The showrunner's audit over HTTP [AU10]–[AU14]: per episode and per series
 * (filterable, exportable as CSV) and the series' thresholds. Reading is
 * `series.read` (reviewers may read audits); changing thresholds is for those
 * who approve revisions (`revision.approve`).
 */
const evidenceAudit: FastifyPluginAsyncTypebox<EvidenceAuditOptions> = async (app, { storage, services, now = Date.now }) => {
  const { diffs } = services ?? createTraceServices(storage);
  const deps = { storage, diffs };

  app.get(
    '/api/episodes/:episodeId/audit',
    {
      config: { access: { kind: 'series', action: 'series.read' } },
      schema: {
        summary: "An episode's audit: changed scenes without evidence, evidence without change, weak evidence",
        tags: ['audit'],
        params: Type.Object({ episodeId: Id }),
        response: { 200: Type.Object({ findings: Type.Array(AuditFindingSchema), thresholds: AuditThresholdsSchema }), ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const episode = await storage.getEpisode(request.params.episodeId);
      if (!episode) throw notFound('episode', request.params.episodeId);
      return auditOfEpisode(deps, episode);
    },
  );

  app.get(
    '/api/series/:seriesId/evidence-audit',
    {
      config: { access: { kind: 'series', action: 'series.read' } },
      schema: {
        summary: "A series' audit, filtered by kind, episode or revision; JSON or a CSV download",
        description:
          '`GET /api/series/:seriesId/audit` is the activity log (issue 3), so the evidence audit of a series lives here. ' +
          '`format=csv` answers `text/csv` (UTF-8 with a byte-order mark) as an attachment.',
        tags: ['audit'],
        params: Type.Object({ seriesId: Id }),
        querystring: Type.Object(
          {
            kind: Type.Optional(Type.Enum(AUDIT_FINDING_KINDS)),
            episodeId: Type.Optional(Id),
            revisionId: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'A revision id, or `none` for the working script.' })),
            format: Type.Optional(Type.Enum(['json', 'csv'])),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Union([
            Type.Object({ findings: Type.Array(AuditFindingSchema), thresholds: AuditThresholdsSchema, summary: SummarySchema }),
            Type.String({ description: 'format=csv: the findings as CSV (text/csv; header row FINDINGS_CSV_HEADER).' }),
          ]),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const { seriesId } = request.params;
      const { kind, revisionId, format = 'json' } = request.query;
      const series = await storage.getSeries(seriesId);
      if (!series) throw notFound('series', seriesId);
      let { episodeId } = request.query;
      if (episodeId !== undefined && (await storage.getEpisode(episodeId))?.seriesId !== seriesId) {
        throw badQuery('episodeId', `no episode ${episodeId} in this series`, 'is not an episode of this series');
      }
      let revision: Revision | null = null;
      if (revisionId !== undefined && revisionId !== 'none') {
        revision = await storage.getRevision(revisionId);
        if (!revision || revision.seriesId !== seriesId) {
          throw badQuery('revisionId', `no revision ${revisionId} in this series`, 'is not a revision of this series (or `none`)');
        }
        if (episodeId !== undefined && revision.episodeId !== episodeId) {
          throw badQuery('revisionId', `revision ${revisionId} is not of episode ${episodeId}`, 'is not a revision of that episode');
        }
        episodeId = revision.episodeId;
      }
      const audit = await auditOfSeries(deps, seriesId, { episodeId });
      const filter: FindingFilter = { kind, episodeId };
      if (revisionId !== undefined) filter.revisionId = revision ? revision.id : null;
      const findings = filterFindings(audit.findings, filter);
      if (format === 'csv') {
        const scope = revision ? `${episodeLabel(audit.episodes, revision.episodeId)} ${revision.colour}` : episodeId ? episodeLabel(audit.episodes, episodeId) : '';
        const csv = findingsToCsv(findings, audit.episodes, { revisions: audit.revisions });
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', csvDisposition(series.title, new Date(now()).toISOString().slice(0, 10), scope))
          .send(csv);
      }
      return { findings, thresholds: audit.thresholds, summary: summarizeFindings(findings) };
    },
  );

  app.get(
    '/api/series/:seriesId/audit-settings',
    {
      config: { access: { kind: 'series', action: 'series.read' } },
      schema: {
        summary: "The series' audit thresholds (the defaults until changed)",
        tags: ['audit'],
        params: Type.Object({ seriesId: Id }),
        response: { 200: AuditThresholdsSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { seriesId } = request.params;
      if (!(await storage.getSeries(seriesId))) throw notFound('series', seriesId);
      return thresholdsOf(storage, seriesId);
    },
  );

  app.put(
    '/api/series/:seriesId/audit-settings',
    {
      config: { access: { kind: 'series', action: 'revision.approve' } },
      schema: {
        summary: "Change the series' audit thresholds",
        tags: ['audit'],
        params: Type.Object({ seriesId: Id }),
        body: AuditThresholdsSchema,
        response: { 200: AuditThresholdsSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { seriesId } = request.params;
      if (!(await storage.getSeries(seriesId))) throw notFound('series', seriesId);
      const before = await thresholdsOf(storage, seriesId);
      const after = { ...request.body };
      await storage.setAuditThresholds(seriesId, after);
      await app.audit(request, { action: 'audit.thresholds_changed', seriesId, target: seriesId, details: { from: before, to: after } });
      return after;
    },
  );
};

function badQuery(field: string, message: string, detail: string): AppError {
  return new AppError('validation_failed', `querystring/${field}: ${message}`, [{ path: `querystring/${field}`, message: detail }]);
}

function episodeLabel(episodes: readonly { id: string; number: number }[], episodeId: string): string {
  const episode = episodes.find((e) => e.id === episodeId);
  return episode ? `E${episode.number}` : '';
}

/** The evidence-audit plugin. */
export const evidenceAuditPlugin = fp(evidenceAudit, {
  name: 'loopline-evidence-audit',
  fastify: '5.x',
  encapsulate: true,
  dependencies: ['loopline-errors', 'loopline-openapi', 'loopline-access', 'loopline-audit'],
});
