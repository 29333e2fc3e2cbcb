import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import fp from 'fastify-plugin';
import Type from 'typebox';
import { notFound } from '../errors.js';
import type { Storage } from '../storage/types.js';
import { DensityPointSchema, EpisodeMetricsSchema, PlatformSchema, RetentionCurveSchema } from './feedbackSchemas.js';
import { errorResponses, Id } from './schemas.js';

/** Options of the metrics plugin. */
export interface MetricsOptions {
  storage: Storage;
}

/**
 * What the silent majority did [FB11]: per-episode, per-platform, per-day
 * numbers of a series, and an episode's retention curves with the danmaku
 * density over the same seconds (one chart, one axis).
 */
const metrics: FastifyPluginAsyncTypebox<MetricsOptions> = async (app, { storage }) => {
  app.get(
    '/api/series/:seriesId/metrics',
    {
      config: { access: { kind: 'series', action: 'series.read' } },
      schema: {
        summary: "A series' episode metrics per platform and day, by episode number then date",
        tags: ['metrics'],
        params: Type.Object({ seriesId: Id }),
        querystring: Type.Object({ episodeId: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: Type.Object({ metrics: Type.Array(EpisodeMetricsSchema) }), ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { seriesId } = request.params;
      if (!(await storage.getSeries(seriesId))) throw notFound('series', seriesId);
      return { metrics: await storage.listEpisodeMetrics(seriesId, { episodeId: request.query.episodeId }) };
    },
  );

  app.get(
    '/api/episodes/:episodeId/retention',
    {
      config: { access: { kind: 'series', action: 'series.read' } },
      schema: {
        summary: "An episode's retention curves and danmaku per second (all platforms, or one)",
        tags: ['metrics'],
        params: Type.Object({ episodeId: Id }),
        querystring: Type.Object({ platform: Type.Optional(PlatformSchema) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ curves: Type.Array(RetentionCurveSchema), danmakuDensity: Type.Array(DensityPointSchema) }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      const { episodeId } = request.params;
      if (!(await storage.getEpisode(episodeId))) throw notFound('episode', episodeId);
      const { platform } = request.query;
      const [curves, danmakuDensity] = await Promise.all([
        storage.listRetentionCurves(episodeId, platform),
        storage.danmakuDensity(episodeId, platform),
      ]);
      return { curves, danmakuDensity };
    },
  );
};

/** The metrics plugin. */
export const metricsPlugin = fp(metrics, {
  name: 'loopline-metrics',
  fastify: '5.x',
  encapsulate: true,
  dependencies: ['loopline-errors', 'loopline-openapi', 'loopline-access'],
});
