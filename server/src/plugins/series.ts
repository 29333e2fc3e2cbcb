import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import fp from 'fastify-plugin';
import Type from 'typebox';
import { notFound } from '../errors.js';
import type { SeriesPatch, Storage } from '../storage/types.js';
import { Body, errorResponses, Id, IncludeArchivedQuery, LanguageSchema, SeriesSchema, Title } from './schemas.js';

/** Options of the series plugin. */
export interface SeriesOptions {
  storage: Storage;
}

const SeriesParams = Type.Object({ seriesId: Id });

/** Series routes: list, create, read, rename/relanguage/archive. */
const series: FastifyPluginAsyncTypebox<SeriesOptions> = async (app, { storage }) => {
  app.get(
    '/api/series',
    {
      schema: {
        summary: 'List series',
        tags: ['series'],
        querystring: IncludeArchivedQuery,
        response: { 200: Type.Object({ series: Type.Array(SeriesSchema) }), ...errorResponses(400) },
      },
    },
    async (request) => ({
      series: await storage.listSeries({ includeArchived: request.query.includeArchived ?? false }),
    }),
  );

  app.post(
    '/api/series',
    {
      schema: {
        summary: 'Create a series',
        tags: ['series'],
        body: Body({ title: Title, language: LanguageSchema }),
        response: { 201: SeriesSchema, ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const created = await storage.createSeries({ title: request.body.title.trim(), language: request.body.language });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/series/:seriesId',
    {
      schema: {
        summary: 'Read a series',
        tags: ['series'],
        params: SeriesParams,
        response: { 200: SeriesSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const found = await storage.getSeries(request.params.seriesId);
      if (!found) throw notFound('series', request.params.seriesId);
      return found;
    },
  );

  app.patch(
    '/api/series/:seriesId',
    {
      schema: {
        summary: 'Rename, change language, archive or restore a series',
        tags: ['series'],
        params: SeriesParams,
        body: Body({
          title: Type.Optional(Title),
          language: Type.Optional(LanguageSchema),
          archived: Type.Optional(Type.Boolean()),
        }),
        response: { 200: SeriesSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { title, language, archived } = request.body;
      const patch: SeriesPatch = {};
      if (title !== undefined) patch.title = title.trim();
      if (language !== undefined) patch.language = language;
      if (archived !== undefined) patch.archived = archived;
      const updated = await storage.updateSeries(request.params.seriesId, patch);
      if (!updated) throw notFound('series', request.params.seriesId);
      return updated;
    },
  );
};

/** The series plugin. */
export const seriesPlugin = fp(series, {
  name: 'loopline-series',
  fastify: '5.x',
  encapsulate: true,
  dependencies: ['loopline-errors', 'loopline-openapi'],
});
