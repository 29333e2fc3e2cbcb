import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Revision } from '@loopline/shared';
import fp from 'fastify-plugin';
import Type from 'typebox';
import type { SeriesResolver } from '../auth/guard.js';
import { AppError, notFound } from '../errors.js';
import type { Storage } from '../storage/types.js';
import { createTraceServices, itemTrace, revisionTrace, sceneTrace, type TraceDeps, type TraceServices } from '../trace/index.js';
import { ItemTraceSchema, RevisionOutcomeSchema, RevisionTraceSchema, SceneTraceSchema } from '../trace/schemas.js';
import { errorResponses, Id } from './schemas.js';

/** Options of the trace plugin. */
export interface TraceOptions {
  storage: Storage;
  /** Caches shared with the audit plugin; made here when absent. */
  services?: TraceServices;
}

/** A revision belongs to its series (for the route guard of `/api/revisions/:revisionId/...`). */
export function revisionSeriesResolvers(storage: Storage): SeriesResolver[] {
  return [{ param: 'revisionId', entity: 'revision', seriesOf: async (id) => (await storage.getRevisionHead(id))?.seriesId ?? null }];
}

const READ = { access: { kind: 'series', action: 'series.read' } } as const;
const RevisionParams = Type.Object({ revisionId: Id });

/**
 * The reviewer's trace [TR1]–[TR6]: from a feedback item to the links,
 * scenes and revisions it contributed to and their outcome; from a scene to
 * all evidence ever linked to it; from a revision to its evidence and
 * outcome. Everyone in the series may read it (`series.read`).
 */
const trace: FastifyPluginAsyncTypebox<TraceOptions> = async (app, { storage, services }) => {
  const { headings, outcomes } = services ?? createTraceServices(storage);
  const deps: TraceDeps = { storage, headings, outcomesOf: (revisions) => outcomes.many(revisions) };

  async function requireRevision(id: string): Promise<Revision> {
    const revision = await storage.getRevision(id);
    if (!revision) throw notFound('revision', id);
    return revision;
  }

  app.get(
    '/api/feedback/:itemId/trace',
    {
      config: READ,
      schema: {
        summary: 'Trace a feedback item: the links holding it, their scenes and revisions (status, release), and outcomes',
        tags: ['trace'],
        params: Type.Object({ itemId: Id }),
        querystring: Type.Object(
          {
            outcomes: Type.Optional(
              Type.Boolean({ description: 'Also compute the outcome of each aired revision reached (default false: the trace stays a few indexed reads).' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: ItemTraceSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => itemTrace(deps, request.params.itemId, { outcomes: request.query.outcomes ?? false }),
  );

  app.get(
    '/api/episodes/:episodeId/scenes/:sceneId/trace',
    {
      config: READ,
      schema: {
        summary: 'Trace a scene: every link ever made to it, grouped by revision (links in no revision last)',
        tags: ['trace'],
        params: Type.Object({ episodeId: Id, sceneId: Id }),
        response: { 200: SceneTraceSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { episodeId, sceneId } = request.params;
      const episode = await storage.getEpisode(episodeId);
      if (!episode) throw notFound('episode', episodeId);
      const result = await sceneTrace(deps, episode, sceneId);
      if (!result) throw notFound('scene', sceneId);
      return result;
    },
  );

  app.get(
    '/api/revisions/:revisionId/trace',
    {
      config: READ,
      schema: {
        summary: 'Trace a revision: its evidence links and, once it aired, its outcome',
        tags: ['trace'],
        params: RevisionParams,
        querystring: Type.Object(
          { outcome: Type.Optional(Type.Boolean({ description: 'Compute the outcome of an aired revision (default true).' })) },
          { additionalProperties: false },
        ),
        response: { 200: RevisionTraceSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => revisionTrace(deps, await requireRevision(request.params.revisionId), { outcome: request.query.outcome ?? true }),
  );

  app.get(
    '/api/revisions/:revisionId/outcome',
    {
      config: READ,
      schema: {
        summary: "A revision's outcome: the episode's numbers after its release against before and the series baseline",
        tags: ['trace'],
        params: RevisionParams,
        querystring: Type.Object(
          {
            compareTo: Type.Optional(
              Type.String({
                minLength: 1,
                maxLength: 100,
                description: 'Compare with this episode of the series (default: the same episode before the release, else the previous episode).',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: RevisionOutcomeSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const revision = await requireRevision(request.params.revisionId);
      const { compareTo } = request.query;
      if (compareTo !== undefined) {
        const other = await storage.getEpisode(compareTo);
        if (!other || other.seriesId !== revision.seriesId) {
          throw new AppError('validation_failed', `querystring/compareTo: no episode ${compareTo} in this series`, [
            { path: 'querystring/compareTo', message: 'is not an episode of this series' },
          ]);
        }
      }
      return outcomes.of(revision, { compareTo: compareTo ?? null });
    },
  );
};

/** The trace plugin. */
export const tracePlugin = fp(trace, {
  name: 'loopline-trace',
  fastify: '5.x',
  encapsulate: true,
  dependencies: ['loopline-errors', 'loopline-openapi', 'loopline-access'],
});
