import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IMPORT_TARGETS } from '@loopline/shared';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import Type from 'typebox';
import { AppError, notFound } from '../errors.js';
import { allErrors, errorReportCsv } from '../imports/errorReport.js';
import { type ImportRunner, publicJob } from '../imports/runner.js';
import { PRESETS, TARGET_FIELDS } from '../ingest/index.js';
import type { Storage } from '../storage/types.js';
import { ColumnMappingSchema, ImportJobSchema, RowErrorSchema, SavedMappingSchema } from './feedbackSchemas.js';
import { importUploadRoutes } from './importUpload.js';
import { Body, errorResponses, Id, NoContent } from './schemas.js';

/** Options of the imports plugin. */
export interface ImportsOptions {
  storage: Storage;
  runner: ImportRunner;
  /** Imports a user may start per minute [FB15]. Default 10. */
  importsPerMinute?: number;
  /** Error-report downloads a user may make per minute [FB15]. Default 30. */
  reportsPerMinute?: number;
}

/** Why a job found `running` at start-up is not: its process ended mid-way [FB22]. */
export const INTERRUPTED_REASON =
  'The server stopped while this import ran. Import the file again: rows already stored are kept and not added twice.';

const MappingName = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const perUser = (request: FastifyRequest) => request.principal?.userId ?? request.ip;

const PresetSchema = Type.Object({
  id: Type.String(),
  label: Type.String(),
  platform: Type.String(),
  target: Type.Enum(IMPORT_TARGETS),
  format: Type.String(),
  mapping: ColumnMappingSchema,
  columns: Type.Array(Type.Object({ name: Type.String(), field: Type.String(), description: Type.String() })),
});
const TargetFieldSchema = Type.Object({ field: Type.String(), required: Type.Boolean(), description: Type.String() });

/**
 * Import jobs [FB1]–[FB5][FB17][FB18]: uploads and previews (in their own
 * streaming context, importUpload.ts), live status, cancel, the row-error
 * report, the platform presets and the series' saved mappings.
 */
const imports: FastifyPluginAsyncTypebox<ImportsOptions> = async (app, opts) => {
  const { storage, runner } = opts;
  // Jobs a dead process left `running` never finish: say so before anyone reads them [FB22].
  await storage.failInterruptedImports(INTERRUPTED_REASON);
  app.addHook('onClose', async () => runner.stopAll('The server shut down during this import. Import the file again: rows already stored are not added twice.'));

  await app.register(importUploadRoutes, { storage, runner, importsPerMinute: opts.importsPerMinute ?? 10 });

  async function requireSeries(seriesId: string): Promise<void> {
    if (!(await storage.getSeries(seriesId))) throw notFound('series', seriesId);
  }

  app.get(
    '/api/series/:seriesId/imports',
    {
      config: { access: { kind: 'series', action: 'series.read' } },
      schema: {
        summary: "A series' imports, newest first, with live progress of the running ones",
        tags: ['imports'],
        params: Type.Object({ seriesId: Id }),
        response: { 200: Type.Object({ imports: Type.Array(ImportJobSchema) }), ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { seriesId } = request.params;
      await requireSeries(seriesId);
      const live = new Map(runner.liveJobs(seriesId).map((j) => [j.id, j]));
      const stored = await storage.listImportJobs(seriesId);
      return { imports: stored.map((j) => live.get(j.id) ?? publicJob(j)) };
    },
  );

  app.get(
    '/api/imports/:importId',
    {
      config: { access: { kind: 'series', action: 'series.read' } },
      schema: {
        summary: 'An import job with its progress (rows, bytes, rows/s, time left)',
        tags: ['imports'],
        params: Type.Object({ importId: Id }),
        response: { 200: ImportJobSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const job = await runner.getJob(request.params.importId);
      if (!job) throw notFound('import', request.params.importId);
      return job;
    },
  );

  app.post(
    '/api/imports/:importId/cancel',
    {
      config: { access: { kind: 'series', action: 'feedback.import' } },
      schema: {
        summary: 'Cancel a running import: it stops at the next batch; the rows stored so far stay',
        tags: ['imports'],
        params: Type.Object({ importId: Id }),
        response: { 200: ImportJobSchema, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) => {
      const { importId } = request.params;
      if (runner.cancel(importId)) {
        const job = await runner.getJob(importId);
        await app.audit(request, { action: 'import.cancelled', seriesId: job?.seriesId ?? null, target: job?.fileName ?? '', details: { importId } });
      }
      const job = await runner.waitFor(importId);
      if (!job) throw notFound('import', importId);
      if (job.status === 'running') throw new AppError('conflict', 'This import runs in another process (e.g. the command line); cancel it there.');
      return job;
    },
  );

  app.get(
    '/api/imports/:importId/errors',
    {
      config: { access: { kind: 'series', action: 'series.read' }, rateLimit: { max: opts.reportsPerMinute ?? 30, timeWindow: 60_000, keyGenerator: perUser } },
      schema: {
        summary: "An import's rejected rows (line, column, reason): CSV download (default) or JSON",
        tags: ['imports'],
        params: Type.Object({ importId: Id }),
        querystring: Type.Object({ format: Type.Optional(Type.Enum(['csv', 'json'])) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ errors: Type.Array(RowErrorSchema), rejected: Type.Integer({ minimum: 0 }), complete: Type.Boolean() }),
          ...errorResponses(400, 404, 429),
        },
      },
    },
    async (request, reply) => {
      const { importId } = request.params;
      const job = await runner.getJob(importId);
      if (!job) throw notFound('import', importId);
      if (request.query.format === 'json') {
        const errors = await allErrors(storage, importId);
        // Rows can have several errors; `complete` is false when the stored cap cut the report.
        return { errors, rejected: job.rejected, complete: new Set(errors.map((e) => e.line)).size >= job.rejected };
      }
      const name = `import-${importId}-errors.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        // A stream, not the JSON shape the schema describes: the serializer is bypassed.
        .send(Readable.from(errorReportCsv(storage, importId)) as never);
    },
  );

  app.get(
    '/api/import-presets',
    {
      config: { access: { kind: 'session' } },
      schema: {
        summary: 'Column-mapping presets of common platform exports, and the fields each import target accepts',
        tags: ['imports'],
        response: {
          200: Type.Object({ presets: Type.Array(PresetSchema), targetFields: Type.Record(Type.String(), Type.Array(TargetFieldSchema)) }),
        },
      },
    },
    async () => ({ presets: PRESETS, targetFields: TARGET_FIELDS }),
  );

  const MappingParams = Type.Object({ seriesId: Id, name: MappingName });
  const mappingList = async (seriesId: string) => ({ mappings: await storage.listMappings(seriesId) });

  app.get(
    '/api/series/:seriesId/mappings',
    {
      config: { access: { kind: 'series', action: 'series.read' } },
      schema: {
        summary: "A series' saved column mappings, by name",
        tags: ['imports'],
        params: Type.Object({ seriesId: Id }),
        response: { 200: Type.Object({ mappings: Type.Array(SavedMappingSchema) }), ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      await requireSeries(request.params.seriesId);
      return mappingList(request.params.seriesId);
    },
  );

  app.put(
    '/api/series/:seriesId/mappings/:name',
    {
      config: { access: { kind: 'series', action: 'feedback.import' } },
      schema: {
        summary: 'Save (or replace) a named column mapping; answers the list',
        tags: ['imports'],
        params: MappingParams,
        body: Body({ target: Type.Enum(IMPORT_TARGETS), mapping: ColumnMappingSchema }),
        response: { 200: Type.Object({ mappings: Type.Array(SavedMappingSchema) }), ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { seriesId, name } = request.params;
      await requireSeries(seriesId);
      await storage.saveMapping({ seriesId, name: name.trim(), target: request.body.target, mapping: request.body.mapping });
      return mappingList(seriesId);
    },
  );

  app.delete(
    '/api/series/:seriesId/mappings/:name',
    {
      config: { access: { kind: 'series', action: 'feedback.import' } },
      schema: {
        summary: 'Delete a named column mapping (no error when there is none)',
        tags: ['imports'],
        params: MappingParams,
        response: { 204: NoContent, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      await requireSeries(request.params.seriesId);
      await storage.deleteMapping(request.params.seriesId, request.params.name.trim());
      return reply.status(204).send(null);
    },
  );
};

/** The imports plugin. */
export const importsPlugin = fp(imports, {
  name: 'loopline-imports',
  fastify: '5.x',
  encapsulate: true,
  dependencies: ['loopline-errors', 'loopline-openapi', 'loopline-access', 'loopline-audit', 'loopline-security'],
});
