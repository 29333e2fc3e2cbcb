import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import fp from 'fastify-plugin';
import Type from 'typebox';
import { AppError, notFound } from '../errors.js';
import type { Storage } from '../storage/types.js';
import { PlatformSchema, ReleaseSchema } from './feedbackSchemas.js';
import { Body, errorResponses, Id } from './schemas.js';

/** Options of the releases plugin. */
export interface ReleasesOptions {
  storage: Storage;
}

const SeriesParams = Type.Object({ seriesId: Id });

/**
 * Releases [FB16]: an episode aired on a platform at a time. Operations mark
 * them; the outcome loop (issue 5+) compares what came after with what came before.
 */
const releases: FastifyPluginAsyncTypebox<ReleasesOptions> = async (app, { storage }) => {
  app.get(
    '/api/series/:seriesId/releases',
    {
      config: { access: { kind: 'series', action: 'series.read' } },
      schema: {
        summary: "A series' releases, newest aired first",
        tags: ['releases'],
        params: SeriesParams,
        response: { 200: Type.Object({ releases: Type.Array(ReleaseSchema) }), ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { seriesId } = request.params;
      if (!(await storage.getSeries(seriesId))) throw notFound('series', seriesId);
      return { releases: await storage.listReleases(seriesId) };
    },
  );

  app.post(
    '/api/series/:seriesId/releases',
    {
      config: { access: { kind: 'series', action: 'release.mark' } },
      schema: {
        summary: 'Mark an episode as aired on a platform at a time',
        tags: ['releases'],
        params: SeriesParams,
        body: Body({
          episodeId: Id,
          platform: PlatformSchema,
          airedAt: Type.String({ minLength: 1, maxLength: 40, description: 'ISO-8601 date-time the episode aired.' }),
        }),
        response: { 201: ReleaseSchema, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { seriesId } = request.params;
      const { episodeId, platform, airedAt } = request.body;
      const ms = Date.parse(airedAt);
      if (!Number.isFinite(ms)) {
        throw new AppError('validation_failed', 'body/airedAt is not a date-time', [{ path: 'body/airedAt', message: 'must be an ISO-8601 date-time' }]);
      }
      const episode = await storage.getEpisode(episodeId);
      if (!episode || episode.seriesId !== seriesId) {
        throw new AppError('validation_failed', `body/episodeId: no episode ${episodeId} in this series`, [
          { path: 'body/episodeId', message: 'is not an episode of this series' },
        ]);
      }
      const release = await storage.createRelease({ seriesId, episodeId, platform, airedAt: new Date(ms).toISOString() });
      await app.audit(request, {
        action: 'release.marked',
        seriesId,
        target: episode.title,
        details: { episodeId, platform, airedAt: release.airedAt },
      });
      return reply.status(201).send(release);
    },
  );
};

/** The releases plugin. */
export const releasesPlugin = fp(releases, {
  name: 'loopline-releases',
  fastify: '5.x',
  encapsulate: true,
  dependencies: ['loopline-errors', 'loopline-openapi', 'loopline-access', 'loopline-audit'],
});
