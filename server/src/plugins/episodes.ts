import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Episode, sceneOutline, scriptSchema } from '@loopline/shared';
import fp from 'fastify-plugin';
import Type, { type Static } from 'typebox';
import { newEpisodeDocJSON, storeInitialDocument } from '../documents/initial.js';
import { notFound } from '../errors.js';
import type { EpisodePatch, Storage } from '../storage/types.js';
import {
  Assignee,
  Body,
  EpisodeSchema,
  EpisodeStatusSchema,
  errorResponses,
  Id,
  IncludeArchivedQuery,
  LanguageSchema,
  OutlineSchema,
  Title,
} from './schemas.js';

/** Options of the episodes plugin. */
export interface EpisodesOptions {
  storage: Storage;
}

const SeriesParams = Type.Object({ seriesId: Id });
const EpisodeParams = Type.Object({ episodeId: Id });

/** `"  Lin  "` → `"Lin"`; null and undefined pass through. */
function trimAssignee<T extends string | null | undefined>(value: T): T {
  return (typeof value === 'string' ? value.trim() : value) as T;
}

/** Episode routes: list and create within a series; read, update, reorder and outline one episode. */
const episodes: FastifyPluginAsyncTypebox<EpisodesOptions> = async (app, { storage }) => {
  async function requireEpisode(id: string): Promise<Episode> {
    const episode = await storage.getEpisode(id);
    if (!episode) throw notFound('episode', id);
    return episode;
  }

  app.get(
    '/api/series/:seriesId/episodes',
    {
      config: { access: { kind: 'series', action: 'series.read' } },
      schema: {
        summary: "List a series' episodes in order, with runtime and status",
        tags: ['episodes'],
        params: SeriesParams,
        querystring: IncludeArchivedQuery,
        response: { 200: Type.Object({ episodes: Type.Array(EpisodeSchema) }), ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { seriesId } = request.params;
      if (!(await storage.getSeries(seriesId))) throw notFound('series', seriesId);
      const includeArchived = request.query.includeArchived ?? false;
      return { episodes: await storage.listEpisodes(seriesId, { includeArchived }) };
    },
  );

  app.post(
    '/api/series/:seriesId/episodes',
    {
      config: { access: { kind: 'series', action: 'episode.write' } },
      schema: {
        summary: 'Create an episode at the end of a series, with its first scene written on the server',
        tags: ['episodes'],
        params: SeriesParams,
        body: Body({
          title: Title,
          language: Type.Optional(LanguageSchema),
          assignee: Type.Optional(Assignee),
        }),
        response: { 201: EpisodeSchema, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { seriesId } = request.params;
      const series = await storage.getSeries(seriesId);
      if (!series) throw notFound('series', seriesId);
      const language = request.body.language ?? series.language;
      const created = await storage.createEpisode({
        seriesId,
        title: request.body.title.trim(),
        language,
        assignee: trimAssignee(request.body.assignee) ?? null,
      });
      // [API10] The first scene is written here, before anyone can open the
      // episode, so no client ever seeds content.
      await storeInitialDocument(storage, created.id, language, newEpisodeDocJSON(), {
        kind: 'seed',
        reason: 'new-episode',
      });
      return reply.status(201).send(await requireEpisode(created.id));
    },
  );

  app.get(
    '/api/episodes/:episodeId',
    {
      config: { access: { kind: 'series', action: 'series.read' } },
      schema: {
        summary: 'Read an episode',
        tags: ['episodes'],
        params: EpisodeParams,
        response: { 200: EpisodeSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => requireEpisode(request.params.episodeId),
  );

  app.patch(
    '/api/episodes/:episodeId',
    {
      config: { access: { kind: 'series', action: 'episode.write' } },
      schema: {
        summary: 'Rename, set status or assignee, archive, or move an episode (number reorders)',
        tags: ['episodes'],
        params: EpisodeParams,
        body: Body({
          title: Type.Optional(Title),
          status: Type.Optional(EpisodeStatusSchema),
          assignee: Type.Optional(Assignee),
          archived: Type.Optional(Type.Boolean()),
          number: Type.Optional(
            Type.Integer({ minimum: 1, description: '1-based position; past the end means last' }),
          ),
        }),
        response: { 200: EpisodeSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const body = request.body;
      const patch: EpisodePatch = {};
      if (body.title !== undefined) patch.title = body.title.trim();
      if (body.status !== undefined) patch.status = body.status;
      if (body.assignee !== undefined) patch.assignee = trimAssignee(body.assignee);
      if (body.archived !== undefined) patch.archived = body.archived;
      if (body.number !== undefined) patch.number = body.number;
      const updated = await storage.updateEpisode(request.params.episodeId, patch);
      if (!updated) throw notFound('episode', request.params.episodeId);
      return updated;
    },
  );

  app.get(
    '/api/episodes/:episodeId/outline',
    {
      config: { access: { kind: 'series', action: 'series.read' } },
      schema: {
        summary: "An episode's scenes (number, heading, runtime, characters) from its canonical snapshot",
        tags: ['episodes'],
        params: EpisodeParams,
        response: { 200: OutlineSchema, ...errorResponses(400, 404) },
      },
    },
    async (request): Promise<Static<typeof OutlineSchema>> => {
      const episode = await requireEpisode(request.params.episodeId);
      const canonical = await storage.getCanonical(episode.id);
      if (!canonical) return { episodeId: episode.id, runtimeSeconds: 0, sceneCount: 0, scenes: [] };
      const doc = scriptSchema.nodeFromJSON(canonical.doc);
      const scenes = sceneOutline(doc, { episodeNumber: episode.number, language: episode.language });
      return {
        episodeId: episode.id,
        runtimeSeconds: canonical.runtimeSeconds,
        sceneCount: scenes.length,
        scenes,
      };
    },
  );
};

/** The episodes plugin. */
export const episodesPlugin = fp(episodes, {
  name: 'loopline-episodes',
  fastify: '5.x',
  encapsulate: true,
  dependencies: ['loopline-errors', 'loopline-openapi', 'loopline-access', 'loopline-series'],
});
