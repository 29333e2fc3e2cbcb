import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import fp from 'fastify-plugin';
import Type from 'typebox';
import type { SeriesResolver } from '../auth/guard.js';
import { AppError, notFound } from '../errors.js';
import { feedbackFilterOf } from '../evidence/filter.js';
import { FEEDBACK_PAGE } from '../storage/feedbackCommon.js';
import type { FeedbackFilter, Storage } from '../storage/types.js';
import { FeedbackDetailSchema, FeedbackKindSchema, FeedbackPageSchema, PlatformSchema } from './feedbackSchemas.js';
import { errorResponses, Id } from './schemas.js';

/** Options of the feedback plugin. */
export interface FeedbackOptions {
  storage: Storage;
}

/** The series an import job or a feedback item belongs to, for the access guard [FB14]. */
export function feedbackSeriesResolvers(storage: Storage): SeriesResolver[] {
  return [
    { param: 'importId', entity: 'import', seriesOf: async (id) => (await storage.getImportJob(id))?.seriesId ?? null },
    { param: 'itemId', entity: 'feedback item', seriesOf: (id) => storage.seriesOfFeedbackItem(id) },
  ];
}

const SEGMENT_PREFIX = 'segment.';

const FeedbackQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 500, description: 'Words to find (Chinese or English); every word must match.' })),
    episodeId: Type.Optional(Id),
    kind: Type.Optional(FeedbackKindSchema),
    platform: Type.Optional(PlatformSchema),
    from: Type.Optional(Type.String({ maxLength: 40, description: 'Posted at or after (ISO-8601).' })),
    to: Type.Optional(Type.String({ maxLength: 40, description: 'Posted before (ISO-8601).' })),
    minLikes: Type.Optional(Type.Integer({ minimum: 0 })),
    timecodeFrom: Type.Optional(Type.Number({ minimum: 0, description: 'Danmaku at or after this second of the video.' })),
    timecodeTo: Type.Optional(Type.Number({ minimum: 0, description: 'Danmaku at or before this second of the video.' })),
    coordinated: Type.Optional(Type.Boolean({ description: 'false: leave out items flagged as coordinated traffic; true: only those.' })),
    sort: Type.Optional(Type.Enum(['time', 'likes'])),
    order: Type.Optional(Type.Enum(['desc', 'asc'])),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: FEEDBACK_PAGE.max, description: `Default ${FEEDBACK_PAGE.default}.` })),
  },
  {
    // `segment.<name>=<value>` filters have open names; the handler refuses any other unknown key.
    // (`true`, not a string schema: TypeBox 1.4 then skips converting the typed keys, e.g. limit.)
    additionalProperties: true,
    description: 'Filters combine with AND. Segment attributes filter as `segment.<name>=<value>` (e.g. segment.paying=true).',
  },
);

/** A timestamp parameter, or a 400 naming it. */
function instant(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new AppError('validation_failed', `querystring/${name} is not a date-time`, [
      { path: `querystring/${name}`, message: 'must be an ISO-8601 date-time' },
    ]);
  }
  return new Date(ms).toISOString();
}

/**
 * Feedback reading routes [FB9][FB10]: the searchable, filterable inbox of a
 * series, and one item with its thread and author activity. Text is stored
 * redacted and goes out as data; rendering it inert is the client's job [FB8].
 */
const feedback: FastifyPluginAsyncTypebox<FeedbackOptions> = async (app, { storage }) => {
  app.get(
    '/api/series/:seriesId/feedback',
    {
      config: { access: { kind: 'series', action: 'series.read' } },
      schema: {
        summary: "Search and filter a series' feedback: one page (keyset cursor) and the exact total",
        tags: ['feedback'],
        params: Type.Object({ seriesId: Id }),
        querystring: FeedbackQuery,
        response: { 200: FeedbackPageSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { seriesId } = request.params;
      const query = request.query as Record<string, unknown> & typeof request.query;
      const segments: Record<string, string> = {};
      for (const [key, value] of Object.entries(query)) {
        if (key in FeedbackQuery.properties) continue;
        if (!key.startsWith(SEGMENT_PREFIX) || key.length === SEGMENT_PREFIX.length || typeof value !== 'string' || value.length > 200) {
          throw new AppError('validation_failed', `querystring/${key} is not a filter`, [
            { path: `querystring/${key}`, message: 'is not an allowed field' },
          ]);
        }
        segments[key.slice(SEGMENT_PREFIX.length)] = value;
      }
      if (!(await storage.getSeries(seriesId))) throw notFound('series', seriesId);
      const filter: FeedbackFilter = {
        ...feedbackFilterOf(seriesId, {
          q: query.q,
          episodeId: query.episodeId,
          kind: query.kind,
          platform: query.platform,
          from: instant('from', query.from),
          to: instant('to', query.to),
          segments,
          minLikes: query.minLikes,
          timecodeFrom: query.timecodeFrom,
          timecodeTo: query.timecodeTo,
          coordinated: query.coordinated,
        }),
        sort: query.sort,
        order: query.order,
        cursor: query.cursor,
        limit: query.limit,
      };
      try {
        return await storage.searchFeedback(filter);
      } catch (err) {
        if (err instanceof RangeError) {
          throw new AppError('validation_failed', `querystring/cursor: ${err.message}`, [
            { path: 'querystring/cursor', message: 'is not a cursor of this listing' },
          ]);
        }
        throw err;
      }
    },
  );

  app.get(
    '/api/feedback/:itemId',
    {
      config: { access: { kind: 'series', action: 'series.read' } },
      schema: {
        summary: 'One feedback item with its parent, replies and how many items its pseudonymous author wrote',
        tags: ['feedback'],
        params: Type.Object({ itemId: Id }),
        response: { 200: FeedbackDetailSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const detail = await storage.getFeedbackDetail(request.params.itemId);
      if (!detail) throw notFound('feedback item', request.params.itemId);
      return detail;
    },
  );
};

/** The feedback plugin. */
export const feedbackPlugin = fp(feedback, {
  name: 'loopline-feedback',
  fastify: '5.x',
  encapsulate: true,
  dependencies: ['loopline-errors', 'loopline-openapi', 'loopline-access'],
});
