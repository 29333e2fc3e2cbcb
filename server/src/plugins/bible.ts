import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Bible } from '@loopline/shared';
import fp from 'fastify-plugin';
import Type from 'typebox';
import { notFound } from '../errors.js';
import type { Storage } from '../storage/types.js';
import {
  Aliases,
  BibleCharacterSchema,
  BibleLocationSchema,
  BibleSchema,
  Body,
  Description,
  errorResponses,
  Id,
  Name,
  NoContent,
} from './schemas.js';

/** Options of the bible plugin. */
export interface BibleOptions {
  storage: Storage;
}

const SeriesParams = Type.Object({ seriesId: Id });
const CharacterParams = Type.Object({ seriesId: Id, characterId: Id });
const LocationParams = Type.Object({ seriesId: Id, locationId: Id });

const EntryCreate = Body({ name: Name, aliases: Type.Optional(Aliases), description: Type.Optional(Description) });
const EntryPatch = Body({
  name: Type.Optional(Name),
  aliases: Type.Optional(Aliases),
  description: Type.Optional(Description),
});

interface EntryInput {
  name?: string;
  aliases?: string[];
  description?: string;
}

/** Trims names and aliases and drops repeated aliases, keeping the first spelling. */
function cleanEntry(input: EntryInput): EntryInput {
  const out: EntryInput = {};
  if (input.name !== undefined) out.name = input.name.trim();
  if (input.aliases !== undefined) out.aliases = [...new Set(input.aliases.map((a) => a.trim()))];
  if (input.description !== undefined) out.description = input.description.trim();
  return out;
}

/**
 * Bible routes: the series' characters (with Chinese and English aliases)
 * and locations. An item addressed under the wrong series is a 404 [API11],
 * so ids cannot be used to reach into another series.
 */
const bible: FastifyPluginAsyncTypebox<BibleOptions> = async (app, { storage }) => {
  async function requireBible(seriesId: string): Promise<Bible> {
    if (!(await storage.getSeries(seriesId))) throw notFound('series', seriesId);
    return storage.getBible(seriesId);
  }
  async function requireCharacter(seriesId: string, id: string): Promise<void> {
    const { characters } = await requireBible(seriesId);
    if (!characters.some((c) => c.id === id)) throw notFound('character', id);
  }
  async function requireLocation(seriesId: string, id: string): Promise<void> {
    const { locations } = await requireBible(seriesId);
    if (!locations.some((l) => l.id === id)) throw notFound('location', id);
  }

  app.get(
    '/api/series/:seriesId/bible',
    {
      config: { access: { kind: 'series', action: 'series.read' } },
      schema: {
        summary: "A series' bible: characters and locations",
        tags: ['bible'],
        params: SeriesParams,
        response: { 200: BibleSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => requireBible(request.params.seriesId),
  );

  app.post(
    '/api/series/:seriesId/bible/characters',
    {
      config: { access: { kind: 'series', action: 'bible.edit' } },
      schema: {
        summary: 'Add a character',
        tags: ['bible'],
        params: SeriesParams,
        body: EntryCreate,
        response: { 201: BibleCharacterSchema, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { seriesId } = request.params;
      await requireBible(seriesId);
      const entry = cleanEntry(request.body);
      const created = await storage.createCharacter({
        seriesId,
        name: entry.name ?? '',
        aliases: entry.aliases ?? [],
        description: entry.description ?? '',
      });
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/series/:seriesId/bible/characters/:characterId',
    {
      config: { access: { kind: 'series', action: 'bible.edit' } },
      schema: {
        summary: 'Change a character',
        tags: ['bible'],
        params: CharacterParams,
        body: EntryPatch,
        response: { 200: BibleCharacterSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { seriesId, characterId } = request.params;
      await requireCharacter(seriesId, characterId);
      const updated = await storage.updateCharacter(characterId, cleanEntry(request.body));
      if (!updated) throw notFound('character', characterId);
      return updated;
    },
  );

  app.delete(
    '/api/series/:seriesId/bible/characters/:characterId',
    {
      config: { access: { kind: 'series', action: 'bible.edit' } },
      schema: {
        summary: 'Remove a character',
        tags: ['bible'],
        params: CharacterParams,
        response: { 204: NoContent, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { seriesId, characterId } = request.params;
      await requireCharacter(seriesId, characterId);
      if (!(await storage.deleteCharacter(characterId))) throw notFound('character', characterId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/series/:seriesId/bible/locations',
    {
      config: { access: { kind: 'series', action: 'bible.edit' } },
      schema: {
        summary: 'Add a location',
        tags: ['bible'],
        params: SeriesParams,
        body: EntryCreate,
        response: { 201: BibleLocationSchema, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { seriesId } = request.params;
      await requireBible(seriesId);
      const entry = cleanEntry(request.body);
      const created = await storage.createLocation({
        seriesId,
        name: entry.name ?? '',
        aliases: entry.aliases ?? [],
        description: entry.description ?? '',
      });
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/series/:seriesId/bible/locations/:locationId',
    {
      config: { access: { kind: 'series', action: 'bible.edit' } },
      schema: {
        summary: 'Change a location',
        tags: ['bible'],
        params: LocationParams,
        body: EntryPatch,
        response: { 200: BibleLocationSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { seriesId, locationId } = request.params;
      await requireLocation(seriesId, locationId);
      const updated = await storage.updateLocation(locationId, cleanEntry(request.body));
      if (!updated) throw notFound('location', locationId);
      return updated;
    },
  );

  app.delete(
    '/api/series/:seriesId/bible/locations/:locationId',
    {
      config: { access: { kind: 'series', action: 'bible.edit' } },
      schema: {
        summary: 'Remove a location',
        tags: ['bible'],
        params: LocationParams,
        response: { 204: NoContent, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { seriesId, locationId } = request.params;
      await requireLocation(seriesId, locationId);
      if (!(await storage.deleteLocation(locationId))) throw notFound('location', locationId);
      return reply.status(204).send(null);
    },
  );
};

/** The bible plugin. */
export const biblePlugin = fp(bible, {
  name: 'loopline-bible',
  fastify: '5.x',
  encapsulate: true,
  dependencies: ['loopline-errors', 'loopline-openapi', 'loopline-access', 'loopline-series'],
});
