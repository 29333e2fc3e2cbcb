import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type EvidenceFilter, type EvidenceSet, MAX_LINK_ITEMS } from '@loopline/shared';
import fp from 'fastify-plugin';
import Type from 'typebox';
import { notFound } from '../errors.js';
import { evidenceWriteError, invalid } from '../evidence/http.js';
import { type EvidenceServices, matchingItemIds, TooManyMatchesError } from '../evidence/index.js';
import type { Storage } from '../storage/types.js';
import { EvidenceSetSchema, NewEvidenceSetBody } from './evidenceSchemas.js';
import { errorResponses, Id } from './schemas.js';

/** Options of the evidence-sets plugin. */
export interface EvidenceSetsOptions {
  storage: Storage;
  evidence: EvidenceServices;
}

/** A filter's dates must be dates, and its episode one of the series: a 400 naming the field otherwise. */
async function checkFilter(storage: Storage, seriesId: string, filter: EvidenceFilter): Promise<void> {
  for (const field of ['from', 'to'] as const) {
    const value = filter[field];
    if (value !== undefined && !Number.isFinite(Date.parse(value))) throw invalid(`body/filter/${field}`, 'must be an ISO-8601 date-time');
  }
  if (filter.episodeId !== undefined && (await storage.getEpisode(filter.episodeId))?.seriesId !== seriesId) {
    throw invalid('body/filter/episodeId', 'is not an episode of this series');
  }
}

/**
 * Evidence sets [LK9]–[LK11]: a named, saved inbox filter. The server runs
 * the filter through the inbox search page by page and stores what it
 * matched; re-evaluating runs it again, and the links made from the set
 * follow (storage [EV11]).
 */
const evidenceSets: FastifyPluginAsyncTypebox<EvidenceSetsOptions> = async (app, { storage, evidence }) => {
  /** The filter's matches now; more than a link may hold is a 400 naming the count. */
  async function evaluate(seriesId: string, filter: EvidenceFilter): Promise<string[]> {
    try {
      return await matchingItemIds(storage, seriesId, filter);
    } catch (err) {
      if (err instanceof TooManyMatchesError) {
        throw invalid('body/filter', `matches ${err.matched} feedback items; an evidence set holds at most ${MAX_LINK_ITEMS} (narrow the filter)`);
      }
      throw err;
    }
  }

  app.get(
    '/api/series/:seriesId/evidence-sets',
    {
      config: { access: { kind: 'series', action: 'series.read' } },
      schema: {
        summary: "A series' evidence sets (saved inbox filters), newest first",
        tags: ['evidence'],
        params: Type.Object({ seriesId: Id }),
        response: { 200: Type.Object({ sets: Type.Array(EvidenceSetSchema) }), ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { seriesId } = request.params;
      if (!(await storage.getSeries(seriesId))) throw notFound('series', seriesId);
      return { sets: await storage.listEvidenceSets(seriesId) };
    },
  );

  app.post(
    '/api/series/:seriesId/evidence-sets',
    {
      config: { access: { kind: 'series', action: 'evidence.link' } },
      schema: {
        summary: 'Save an inbox filter as an evidence set; its current matches are stored with it',
        tags: ['evidence'],
        params: Type.Object({ seriesId: Id }),
        body: NewEvidenceSetBody,
        response: { 201: EvidenceSetSchema, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { seriesId } = request.params;
      const { name, filter } = request.body;
      if (!(await storage.getSeries(seriesId))) throw notFound('series', seriesId);
      await checkFilter(storage, seriesId, filter);
      const itemIds = await evaluate(seriesId, filter);
      let set: EvidenceSet;
      try {
        set = await storage.createEvidenceSet({
          seriesId,
          name: name.trim(),
          filter,
          createdBy: request.principal!.userId,
          itemIds,
          createdAt: new Date(evidence.now()).toISOString(),
        });
      } catch (err) {
        throw evidenceWriteError(err, { sizePath: 'body/filter' });
      }
      await app.audit(request, { action: 'evidence_set.created', seriesId, target: set.name, details: { setId: set.id, matched: set.matched, filter } });
      return reply.status(201).send(set);
    },
  );

  app.post(
    '/api/evidence-sets/:setId/reevaluate',
    {
      config: { access: { kind: 'series', action: 'evidence.link' } },
      schema: {
        summary: "Run an evidence set's filter again: new matches join, erased items leave; links made from it follow",
        tags: ['evidence'],
        params: Type.Object({ setId: Id }),
        response: { 200: EvidenceSetSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { setId } = request.params;
      const before = await storage.getEvidenceSet(setId);
      if (!before) throw notFound('evidence set', setId);
      const itemIds = await evaluate(before.seriesId, before.filter);
      let set: EvidenceSet | null;
      try {
        set = await storage.reevaluateEvidenceSet(setId, itemIds, new Date(evidence.now()).toISOString());
      } catch (err) {
        // A link holding the set plus its own items could grow past MAX_LINK_ITEMS.
        throw evidenceWriteError(err, { sizePath: 'params/setId' });
      }
      if (!set) throw notFound('evidence set', setId);
      await app.audit(request, {
        action: 'evidence_set.reevaluated',
        seriesId: set.seriesId,
        target: set.name,
        details: { setId, before: before.matched, after: set.matched },
      });
      return set;
    },
  );
};

/** The evidence-sets plugin. */
export const evidenceSetsPlugin = fp(evidenceSets, {
  name: 'loopline-evidence-sets',
  fastify: '5.x',
  encapsulate: true,
  dependencies: ['loopline-errors', 'loopline-openapi', 'loopline-access', 'loopline-audit'],
});
