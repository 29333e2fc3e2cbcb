import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FEEDBACK_KINDS, IMPORT_FORMATS, IMPORT_TARGETS } from '@loopline/shared';
import type { FastifyRequest } from 'fastify';
import Type, { type Static } from 'typebox';
import { AppError } from '../errors.js';
import type { ImportRunner } from '../imports/runner.js';
import { chooseMapping, episodeResolver, ImportSetupError, importPlatform } from '../imports/setup.js';
import { sniff } from '../imports/sniff.js';
import { peek } from '../imports/source.js';
import { normalizeFeedbackRow, normalizeMetricsRow, normalizeRetentionRow, UnusableFileError } from '../ingest/index.js';
import type { Storage } from '../storage/types.js';
import { ColumnMappingSchema, ImportJobSchema, PlatformSchema, RowErrorSchema } from './feedbackSchemas.js';
import { errorResponses, Id } from './schemas.js';

/** Options of the upload routes. */
export interface ImportUploadOptions {
  storage: Storage;
  runner: ImportRunner;
  /** Imports a user may start per minute [FB15]. */
  importsPerMinute: number;
}

/** How much of a file the preview reads. */
export const PREVIEW_BYTES = 256 * 1024;
const SAMPLE_ROWS = 20;
const PREVIEW_ERRORS = 100;

/** The import's settings: query parameters, or multipart fields sent before the file part. */
const ImportQuery = Type.Object(
  {
    target: Type.Optional(Type.Enum(IMPORT_TARGETS, { description: 'Default feedback.' })),
    format: Type.Optional(Type.Enum(['auto', ...IMPORT_FORMATS], { description: 'Default auto (detected from the content).' })),
    encoding: Type.Optional(Type.Enum(['auto', 'utf-8', 'gb18030'], { description: 'Default auto: UTF-8 (BOM or not), else GB18030/GBK.' })),
    delimiter: Type.Optional(Type.String({ minLength: 1, maxLength: 3, description: 'CSV delimiter (`,` `;` `|` or `tab`); detected when absent.' })),
    platform: Type.Optional(PlatformSchema),
    episodeId: Type.Optional(Id),
    kind: Type.Optional(Type.Enum(FEEDBACK_KINDS)),
    presetId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    mapping: Type.Optional(Type.String({ maxLength: 20_000, description: 'Column mapping as a JSON object: {"text":"评论内容",…}.' })),
    fileName: Type.Optional(Type.String({ maxLength: 255 })),
  },
  { additionalProperties: false },
);
type ImportSettings = Static<typeof ImportQuery>;
const SETTING_NAMES = Object.keys(ImportQuery.properties) as (keyof ImportSettings)[];

const PreviewSchema = Type.Object({
  format: Type.Enum(IMPORT_FORMATS),
  encoding: Type.Enum(['utf-8', 'gb18030']),
  delimiter: Type.Union([Type.String(), Type.Null()]),
  columns: Type.Array(Type.String()),
  sampleRows: Type.Array(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]))),
  suggestedPresetId: Type.Union([Type.String(), Type.Null()]),
  suggestedMapping: ColumnMappingSchema,
  rowErrors: Type.Array(RowErrorSchema),
});

function invalid(field: string, message: string): AppError {
  return new AppError('validation_failed', `${field}: ${message}`, [{ path: `querystring/${field}`, message }]);
}

function parseMapping(raw: string | undefined): Record<string, string> | null {
  if (raw === undefined || raw.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw invalid('mapping', 'must be a JSON object of field → column name');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw invalid('mapping', 'must be a JSON object of field → column name');
  }
  return value as Record<string, string>;
}

function delimiterOf(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  if (raw === 'tab' || raw === '\\t') return '\t';
  if (raw.length !== 1 || raw === '"' || raw === '\n' || raw === '\r') throw invalid('delimiter', 'must be one character (or `tab`)');
  return raw;
}

/** The file as a byte stream plus a way to read away what the import did not consume. */
interface Upload {
  settings: ImportSettings;
  source: AsyncIterable<Uint8Array>;
  /** Reads and discards the rest of the request, so the client gets its answer on a live connection. */
  drain(): Promise<void>;
}

function drainable(stream: Readable): { source: AsyncIterable<Uint8Array>; drain(): Promise<void> } {
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  return {
    source: { [Symbol.asyncIterator]: () => it },
    async drain() {
      try {
        while (!(await it.next()).done) {
          // discard
        }
      } catch {
        // The client went away: nothing left to drain.
      }
    },
  };
}

/**
 * Reads the request: a raw body (any content type, streamed) with settings
 * in the query, or multipart/form-data whose fields before the `file` part
 * add to (and override) the query. Nothing is buffered beyond a chunk.
 */
async function openUpload(request: FastifyRequest): Promise<Upload> {
  const query = { ...(request.query as ImportSettings) };
  if (!request.isMultipart()) {
    const body = request.body as Readable | undefined;
    if (!body || typeof (body as Readable)[Symbol.asyncIterator] !== 'function') throw invalid('file', 'the request has no file');
    return { settings: query, ...drainable(body) };
  }
  const parts = request.parts();
  for await (const part of parts) {
    if (part.type === 'field') {
      if (!(SETTING_NAMES as string[]).includes(part.fieldname)) throw invalid(part.fieldname, 'is not an import setting');
      (query as Record<string, unknown>)[part.fieldname] = String(part.value);
      continue;
    }
    if (part.fieldname !== 'file') throw invalid(part.fieldname, 'the file part must be named `file`');
    query.fileName ??= part.filename || undefined;
    const file = drainable(part.file);
    return {
      settings: query,
      source: file.source,
      async drain() {
        await file.drain();
        // Later parts are not read as settings (they arrive after the file); consume them.
        for await (const rest of parts) if (rest.type === 'file') await drainable(rest.file).drain();
      },
    };
  }
  throw invalid('file', 'the multipart body has no `file` part');
}

/** Validates settings that the query schema cannot (multipart fields arrive as plain strings). */
function checkSettings(s: ImportSettings): void {
  const enums: [keyof ImportSettings, readonly string[]][] = [
    ['target', IMPORT_TARGETS],
    ['format', ['auto', ...IMPORT_FORMATS]],
    ['encoding', ['auto', 'utf-8', 'gb18030']],
    ['kind', FEEDBACK_KINDS],
  ];
  for (const [name, allowed] of enums) {
    const v = s[name];
    if (v !== undefined && !allowed.includes(v)) throw invalid(name, `must be one of: ${allowed.join(', ')}`);
  }
  if (s.platform !== undefined && !/^[a-z0-9][a-z0-9-]{0,31}$/.test(s.platform)) throw invalid('platform', 'must be a platform slug like douyin');
}

function setupError(err: unknown): unknown {
  if (err instanceof ImportSetupError) return invalid(err.field, err.message);
  if (err instanceof UnusableFileError) return invalid('file', err.message);
  return err;
}

/**
 * The two routes that receive files [FB1][FB18]. Registered in their own
 * context: every content type is a stream parser here (application/json
 * included: a JSON array file is data, not a request body), plus streamed
 * multipart; the rest of the API keeps its 1 MiB JSON bodies.
 */
export const importUploadRoutes: FastifyPluginAsyncTypebox<ImportUploadOptions> = async (app, { storage, runner, importsPerMinute }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  await app.register(multipart, { limits: { fileSize: runner.maxBytes, files: 1, fields: 20, fieldSize: 32 * 1024, parts: 22 } });

  app.post(
    '/api/series/:seriesId/imports',
    {
      config: {
        access: { kind: 'series', action: 'feedback.import' },
        rateLimit: { max: importsPerMinute, timeWindow: 60_000, keyGenerator: (r: FastifyRequest) => r.principal?.userId ?? r.ip },
      },
      bodyLimit: runner.maxBytes,
      schema: {
        summary: 'Import a file (streamed raw body, or multipart with a `file` part): 202 with the job once the file is read',
        description:
          'Any content type streams (text/csv, application/json, application/x-ndjson, application/xml, application/octet-stream); ' +
          'multipart/form-data fields before the file part override the query. Progress: GET /api/imports/{importId}.',
        tags: ['imports'],
        params: Type.Object({ seriesId: Id }),
        querystring: ImportQuery,
        response: { 202: ImportJobSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (request, reply) => {
      const { seriesId } = request.params;
      const upload = await openUpload(request);
      let handle: Awaited<ReturnType<ImportRunner['start']>>;
      try {
        const s = upload.settings;
        checkSettings(s);
        const length = Number(request.headers['content-length']);
        handle = await runner.start({
          seriesId,
          target: s.target ?? 'feedback',
          format: s.format ?? 'auto',
          encoding: s.encoding ?? 'auto',
          delimiter: delimiterOf(s.delimiter),
          platform: s.platform ?? null,
          episodeId: s.episodeId ?? null,
          kind: s.kind,
          mapping: parseMapping(s.mapping),
          presetId: s.presetId ?? null,
          fileName: s.fileName ?? null,
          totalBytes: Number.isSafeInteger(length) && length > 0 ? length : null,
          source: upload.source,
          createdBy: request.principal?.userId ?? null,
        });
      } catch (err) {
        await upload.drain();
        throw setupError(err);
      }
      const { job } = handle;
      await app.audit(request, {
        action: 'import.started',
        seriesId,
        target: job.fileName ?? '',
        details: { importId: job.id, target: job.target, format: job.format, platform: job.platform },
      });
      await handle.sourceDone;
      await upload.drain();
      return reply.status(202).send((await runner.getJob(job.id)) ?? job);
    },
  );

  app.post(
    '/api/series/:seriesId/imports/preview',
    {
      config: { access: { kind: 'series', action: 'feedback.import' } },
      bodyLimit: runner.maxBytes,
      schema: {
        summary: 'Preview a file from its first 256 KiB: detected format, columns, sample rows, suggested mapping, row errors',
        tags: ['imports'],
        params: Type.Object({ seriesId: Id }),
        querystring: ImportQuery,
        response: { 200: PreviewSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { seriesId } = request.params;
      const upload = await openUpload(request);
      try {
        const s = upload.settings;
        checkSettings(s);
        const target = s.target ?? 'feedback';
        const { head } = await peek(upload.source, PREVIEW_BYTES);
        const ended = head.length < PREVIEW_BYTES;
        const part = head.subarray(0, PREVIEW_BYTES);
        if (part.length === 0) throw invalid('file', 'the file is empty');
        const sniffed = await sniff(part, {
          format: s.format ?? 'auto',
          encoding: s.encoding ?? 'auto',
          delimiter: delimiterOf(s.delimiter),
          fileName: s.fileName ?? null,
          ended,
        });
        const { mapping, presetId } = chooseMapping(target, sniffed.columns, { mapping: parseMapping(s.mapping), presetId: s.presetId ?? null });
        const episodes = await storage.listEpisodes(seriesId, { includeArchived: true });
        const ctx = {
          mapping,
          platform: importPlatform(s.platform, presetId),
          resolveEpisode: episodeResolver(episodes),
          defaultEpisodeId: s.episodeId ?? null,
          now: new Date(),
          kind: s.kind,
        };
        const rowErrors = [];
        for (const row of sniffed.rows) {
          const result =
            target === 'feedback' ? normalizeFeedbackRow(row, ctx) : target === 'metrics' ? normalizeMetricsRow(row, ctx) : normalizeRetentionRow(row, ctx);
          if (!result.ok) rowErrors.push(...result.errors);
          if (rowErrors.length >= PREVIEW_ERRORS) break;
        }
        return {
          format: sniffed.format,
          encoding: sniffed.encoding,
          delimiter: sniffed.delimiter,
          columns: sniffed.columns,
          sampleRows: sniffed.rows.filter((r) => r.error === undefined).slice(0, SAMPLE_ROWS).map((r) => r.fields),
          suggestedPresetId: presetId,
          suggestedMapping: mapping,
          rowErrors: rowErrors.slice(0, PREVIEW_ERRORS),
        };
      } catch (err) {
        throw setupError(err);
      } finally {
        await upload.drain();
      }
    },
  );
};
