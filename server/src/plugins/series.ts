import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Series } from '@loopline/shared';
import type { FastifyRequest } from 'fastify';
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

/** A series as answered to the request's user: with their role from the guard [AC24]. */
function withRole(series: Series, request: FastifyRequest): Series {
  const role = request.seriesAccess?.role;
  return role ? { ...series, myRole: role } : series;
}

/**
 * Series routes: list, create, read, rename/relanguage/archive. The list
 * holds only the user's series (a site admin's: all) [AC24]; whoever creates
 * a series becomes its showrunner.
 */
const series: FastifyPluginAsyncTypebox<SeriesOptions> = async (app, { storage }) => {
  app.get(
    '/api/series',
    {
      config: { access: { kind: 'session' } },
      schema: {
        summary: "List the signed-in user's series (a site admin's: all), each with myRole",
        tags: ['series'],
        querystring: IncludeArchivedQuery,
        response: { 200: Type.Object({ series: Type.Array(SeriesSchema) }), ...errorResponses(400) },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const includeArchived = request.query.includeArchived ?? false;
      if (principal.isAdmin) {
        return { series: (await storage.listSeries({ includeArchived })).map((s) => ({ ...s, myRole: 'admin' as const })) };
      }
      const mine = await storage.listSeriesOfUser(principal.userId, { includeArchived });
      return { series: mine.map(({ series: s, role }) => ({ ...s, myRole: role })) };
    },
  );

  app.post(
    '/api/series',
    {
      config: { access: { kind: 'session' } },
      schema: {
        summary: 'Create a series; the creator becomes its showrunner',
        tags: ['series'],
        body: Body({ title: Title, language: LanguageSchema }),
        response: { 201: SeriesSchema, ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const created = await storage.createSeries({ title: request.body.title.trim(), language: request.body.language });
      await storage.setMembership(created.id, principal.userId, 'showrunner');
      await app.audit(request, { action: 'series.created', seriesId: created.id, target: created.title });
      return reply.status(201).send({ ...created, myRole: principal.isAdmin ? 'admin' : 'showrunner' });
    },
  );

  app.get(
    '/api/series/:seriesId',
    {
      config: { access: { kind: 'series', action: 'series.read' } },
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
      return withRole(found, request);
    },
  );

  app.patch(
    '/api/series/:seriesId',
    {
      config: { access: { kind: 'series', action: 'series.update' } },
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
      return withRole(updated, request);
    },
  );
};

/** The series plugin. */
export const seriesPlugin = fp(series, {
  name: 'loopline-series',
  fastify: '5.x',
  encapsulate: true,
  dependencies: ['loopline-errors', 'loopline-openapi', 'loopline-access', 'loopline-audit'],
});
