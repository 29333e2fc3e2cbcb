import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import fp from 'fastify-plugin';
import Type from 'typebox';
import { notFound } from '../errors.js';
import { detectAndFlag } from '../evidence/index.js';
import type { Storage } from '../storage/types.js';
import { CoordinatedBody } from './evidenceSchemas.js';
import { errorResponses, Id } from './schemas.js';

/** Options of the coordination plugin. */
export interface CoordinationOptions {
  storage: Storage;
}

const SeriesParams = Type.Object({ seriesId: Id });
const IMPORT = { access: { kind: 'series', action: 'feedback.import' } } as const;

/**
 * Coordinated-traffic flags [CO13]–[CO15]: people who import feedback mark
 * or clear items by hand, or run the burst detector (it also runs after
 * every feedback import). Flagged items stay in the inbox and in links;
 * samples count them apart and the audit weighs them ([EV17], [AU6]).
 */
const coordination: FastifyPluginAsyncTypebox<CoordinationOptions> = async (app, { storage }) => {
  app.post(
    '/api/series/:seriesId/feedback/coordinated',
    {
      config: IMPORT,
      schema: {
        summary: 'Flag feedback items as coordinated traffic, or clear the flag',
        tags: ['feedback'],
        params: SeriesParams,
        body: CoordinatedBody,
        response: { 200: Type.Object({ changed: Type.Integer({ minimum: 0, description: 'Items whose flag changed.' }) }), ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { seriesId } = request.params;
      const { itemIds, coordinated } = request.body;
      if (!(await storage.getSeries(seriesId))) throw notFound('series', seriesId);
      const changed = await storage.setCoordinated(seriesId, itemIds, coordinated);
      await app.audit(request, {
        action: coordinated ? 'feedback.flagged_coordinated' : 'feedback.unflagged_coordinated',
        seriesId,
        target: `${itemIds.length} items`,
        details: { items: itemIds.length, changed },
      });
      return { changed };
    },
  );

  app.post(
    '/api/series/:seriesId/feedback/detect-coordinated',
    {
      config: IMPORT,
      schema: {
        summary: "Run coordinated-burst detection over the series' feedback and flag what it finds",
        tags: ['feedback'],
        params: SeriesParams,
        response: {
          200: Type.Object({
            flagged: Type.Integer({ minimum: 0, description: 'Items the detector finds coordinated.' }),
            changed: Type.Integer({ minimum: 0, description: 'Of those, items not flagged before.' }),
          }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      const { seriesId } = request.params;
      if (!(await storage.getSeries(seriesId))) throw notFound('series', seriesId);
      const result = await detectAndFlag(storage, seriesId);
      await app.audit(request, { action: 'feedback.coordination_detected', seriesId, target: `${result.flagged} items`, details: { ...result } });
      return result;
    },
  );
};

/** The coordination-flags plugin. */
export const coordinationPlugin = fp(coordination, {
  name: 'loopline-coordination',
  fastify: '5.x',
  encapsulate: true,
  dependencies: ['loopline-errors', 'loopline-openapi', 'loopline-access', 'loopline-audit'],
});
