import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { EvidenceAnchor, EvidenceLink, FeedbackItem, LinkState, SpanAnchor } from '@loopline/shared';
import { createSceneAnchor, resolveSpanRange } from '@loopline/shared/collab';
import fp from 'fastify-plugin';
import Type from 'typebox';
import type { SeriesResolver } from '../auth/guard.js';
import { notFound } from '../errors.js';
import { evidenceWriteError, invalid } from '../evidence/http.js';
import { type EvidenceServices, LinkStates } from '../evidence/index.js';
import type { Storage } from '../storage/types.js';
import { EvidenceLinkSchema, LinkItemsQuery, LinkItemsSchema, LinkListQuery, LinkListSchema, LinkPatchBody, NewLinkBody } from './evidenceSchemas.js';
import { errorResponses, Id, NoContent } from './schemas.js';

/** Options of the links plugin. */
export interface LinksOptions {
  storage: Storage;
  evidence: EvidenceServices;
  /** How long a span link waits for the keystrokes it quotes to reach the room (default 3 s) [EV9]. */
  anchorWaitMs?: number;
}

/** A link and an evidence set belong to their series (for the route guard). */
export function evidenceSeriesResolvers(storage: Storage): SeriesResolver[] {
  return [
    { param: 'linkId', entity: 'link', seriesOf: async (id) => (await storage.getLink(id))?.seriesId ?? null },
    { param: 'setId', entity: 'evidence set', seriesOf: async (id) => (await storage.getEvidenceSet(id))?.seriesId ?? null },
  ];
}

const LINK = { access: { kind: 'series', action: 'evidence.link' } } as const;
const READ = { access: { kind: 'series', action: 'series.read' } } as const;
const LinkParams = Type.Object({ linkId: Id });
const EpisodeParams = Type.Object({ episodeId: Id });

type Built = { anchor: EvidenceAnchor; state: LinkState } | { error: 'scene' | 'span' };

/**
 * Evidence links [LK1]–[LK8]: from feedback items (or an evidence set) to a
 * scene of an episode, optionally a span of its text. The server builds the
 * scene anchor from the live script and checks a span against it; states
 * follow the script as the room saves it ([LK5], see evidence/linkStates.ts).
 */
const links: FastifyPluginAsyncTypebox<LinksOptions> = async (app, { storage, evidence, anchorWaitMs = 3_000 }) => {
  const { live, linkStates } = evidence;
  if (app.hasDecorator('collabRooms')) {
    const detach = linkStates.attach(app.collabRooms);
    app.addHook('onClose', async () => detach());
  }

  async function requireLink(id: string): Promise<EvidenceLink> {
    const link = await storage.getLink(id);
    if (!link) throw notFound('link', id);
    return link;
  }

  app.get(
    '/api/episodes/:episodeId/links',
    {
      config: READ,
      schema: {
        summary: "An episode's evidence links, oldest first, filtered by scene, state and revision (`none`: not yet proposed)",
        tags: ['evidence'],
        params: EpisodeParams,
        querystring: LinkListQuery,
        response: { 200: LinkListSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { episodeId } = request.params;
      const { sceneId, state, revisionId } = request.query;
      const episode = await storage.getEpisode(episodeId);
      if (!episode) throw notFound('episode', episodeId);
      const revision = revisionId === undefined ? undefined : revisionId === 'none' ? null : revisionId;
      return { links: await storage.listLinks({ seriesId: episode.seriesId, episodeId, sceneId, state, revisionId: revision }) };
    },
  );

  app.post(
    '/api/episodes/:episodeId/links',
    {
      config: LINK,
      schema: {
        summary: 'Link feedback items (or an evidence set) to a scene, or a span of its text, with a rationale, stance and weight',
        tags: ['evidence'],
        params: EpisodeParams,
        body: NewLinkBody,
        response: { 201: EvidenceLinkSchema, ...errorResponses(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const { episodeId } = request.params;
      const body = request.body;
      const episode = await storage.getEpisode(episodeId);
      if (!episode) throw notFound('episode', episodeId);
      const itemIds = body.itemIds ?? [];
      if (itemIds.length === 0 && body.evidenceSetId === undefined) {
        throw invalid('body/itemIds', 'must name at least one feedback item (or give an evidenceSetId)');
      }
      if (body.evidenceSetId !== undefined) {
        const set = await storage.getEvidenceSet(body.evidenceSetId);
        if (!set || set.seriesId !== episode.seriesId) throw invalid('body/evidenceSetId', 'is not an evidence set of this series');
      }
      const { sceneId, span } = body;
      const draft: SpanAnchor | null = span ? { kind: 'span', sceneId, heading: '', ...span } : null;
      if (draft && !(await live.whenKnown(episodeId, draft, anchorWaitMs))) {
        throw invalid('body/span', 'points at text the server has not received yet; link again once the edit is saved');
      }
      const built = await live.read(episodeId, (doc): Built => {
        const scene = createSceneAnchor(doc, sceneId);
        if (!scene) return { error: 'scene' };
        if (!draft) return { anchor: scene, state: 'anchored' };
        const anchor: SpanAnchor = { ...draft, heading: scene.heading };
        const range = resolveSpanRange(doc, anchor);
        if (!range) return { error: 'span' };
        // The line is recorded as the server finds it; the state says whether it still reads as quoted.
        const placed: SpanAnchor = { ...anchor, blockIndex: range.blockIndex };
        return { anchor: placed, state: LinkStates.evaluate(doc, [{ anchor: placed, state: 'anchored' }])[0]! };
      });
      if ('error' in built) {
        throw built.error === 'scene'
          ? invalid('body/sceneId', `is not a scene of this episode's script (no scene ${sceneId})`)
          : invalid('body/span', `does not resolve to text of scene ${sceneId}`);
      }
      let link: EvidenceLink;
      try {
        link = await storage.createLink({
          seriesId: episode.seriesId,
          episodeId,
          anchor: built.anchor,
          evidenceSetId: body.evidenceSetId ?? null,
          itemIds,
          authorId: request.principal!.userId,
          rationale: body.rationale.trim(),
          stance: body.stance,
          weight: body.weight,
          state: built.state,
          createdAt: new Date(evidence.now()).toISOString(),
        });
      } catch (err) {
        throw evidenceWriteError(err, { itemsPath: 'body/itemIds', itemIds, setPath: 'body/evidenceSetId', sizePath: 'body/itemIds' });
      }
      await app.audit(request, {
        action: 'evidence.linked',
        seriesId: episode.seriesId,
        target: built.anchor.heading || sceneId,
        details: { linkId: link.id, episodeId, sceneId, kind: built.anchor.kind, items: link.itemCount, stance: link.stance, weight: link.weight },
      });
      return reply.status(201).send(link);
    },
  );

  app.get(
    '/api/links/:linkId',
    {
      config: READ,
      schema: {
        summary: 'One evidence link with its sample (mentions, distinct viewers) and state',
        tags: ['evidence'],
        params: LinkParams,
        response: { 200: EvidenceLinkSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => requireLink(request.params.linkId),
  );

  app.get(
    '/api/links/:linkId/items',
    {
      config: READ,
      schema: {
        summary: "A page of a link's feedback items, in posting order",
        tags: ['evidence'],
        params: LinkParams,
        querystring: LinkItemsQuery,
        response: { 200: LinkItemsSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const link = await requireLink(request.params.linkId);
      const { offset = 0, limit = 50 } = request.query;
      const ids = await storage.listLinkItemIds(link.id, { offset, limit });
      const items = (await Promise.all(ids.map((id) => storage.getFeedbackItem(id)))).filter((i): i is FeedbackItem => i !== null);
      return { items, total: link.itemCount };
    },
  );

  app.patch(
    '/api/links/:linkId',
    {
      config: LINK,
      schema: {
        summary: "Change a link's rationale, stance or weight (not once its revision is past draft)",
        tags: ['evidence'],
        params: LinkParams,
        body: LinkPatchBody,
        response: { 200: EvidenceLinkSchema, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) => {
      const { linkId } = request.params;
      const { rationale, stance, weight } = request.body;
      const link = await storage.updateLink(linkId, { rationale: rationale?.trim(), stance, weight });
      if (!link) throw notFound('link', linkId);
      await app.audit(request, {
        action: 'evidence.link_updated',
        seriesId: link.seriesId,
        target: link.anchor.heading || link.sceneId,
        details: { linkId, changed: Object.keys(request.body) },
      });
      return link;
    },
  );

  app.delete(
    '/api/links/:linkId',
    {
      config: LINK,
      schema: {
        summary: 'Delete a link (not once its revision is past draft)',
        tags: ['evidence'],
        params: LinkParams,
        response: { 204: NoContent, ...errorResponses(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const link = await requireLink(request.params.linkId);
      if (!(await storage.deleteLink(link.id))) throw notFound('link', link.id);
      await app.audit(request, {
        action: 'evidence.link_deleted',
        seriesId: link.seriesId,
        target: link.anchor.heading || link.sceneId,
        details: { linkId: link.id, episodeId: link.episodeId, sceneId: link.sceneId, items: link.itemCount },
      });
      return reply.status(204).send(null);
    },
  );
};

/** The evidence-links plugin. */
export const linksPlugin = fp(links, {
  name: 'loopline-links',
  fastify: '5.x',
  encapsulate: true,
  dependencies: ['loopline-errors', 'loopline-openapi', 'loopline-access', 'loopline-audit'],
});
