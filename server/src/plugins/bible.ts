import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Bible, BibleCharacter, BibleLocation } from '@loopline/shared';
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

type Entry = BibleCharacter | BibleLocation;

/** One kind of bible entry: its path, names and storage calls. Characters and locations share every rule. */
interface EntryKind {
  path: 'characters' | 'locations';
  noun: 'character' | 'location';
  /** The id's path parameter: named per kind, so the OpenAPI document and the access matrix read naturally. */
  param: 'characterId' | 'locationId';
  schema: typeof BibleCharacterSchema | typeof BibleLocationSchema;
  list(bible: Bible): Entry[];
  create(storage: Storage, input: Omit<Entry, 'id'>): Promise<Entry>;
  update(storage: Storage, id: string, patch: EntryInput): Promise<Entry | null>;
  remove(storage: Storage, id: string): Promise<boolean>;
}

const ENTRY_KINDS: readonly EntryKind[] = [
  {
    path: 'characters',
    noun: 'character',
    param: 'characterId',
    schema: BibleCharacterSchema,
    list: (b) => b.characters,
    create: (s, input) => s.createCharacter(input),
    update: (s, id, patch) => s.updateCharacter(id, patch),
    remove: (s, id) => s.deleteCharacter(id),
  },
  {
    path: 'locations',
    noun: 'location',
    param: 'locationId',
    schema: BibleLocationSchema,
    list: (b) => b.locations,
    create: (s, input) => s.createLocation(input),
    update: (s, id, patch) => s.updateLocation(id, patch),
    remove: (s, id) => s.deleteLocation(id),
  },
];

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

  for (const kind of ENTRY_KINDS) {
    const EntryParams = Type.Object({ seriesId: Id, [kind.param]: Id });
    // The schema has validated both parameters; the entry's name varies by kind, so it is read by name.
    const idsOf = (params: Record<string, string>) => ({ seriesId: params.seriesId!, entryId: params[kind.param]! });
    const requireEntry = async (seriesId: string, id: string): Promise<void> => {
      if (!kind.list(await requireBible(seriesId)).some((e) => e.id === id)) throw notFound(kind.noun, id);
    };

    app.post(
      `/api/series/:seriesId/bible/${kind.path}`,
      {
        config: { access: { kind: 'series', action: 'bible.edit' } },
        schema: {
          summary: `Add a ${kind.noun}`,
          tags: ['bible'],
          params: SeriesParams,
          body: EntryCreate,
          response: { 201: kind.schema, ...errorResponses(400, 404) },
        },
      },
      async (request, reply) => {
        const { seriesId } = request.params;
        await requireBible(seriesId);
        const entry = cleanEntry(request.body);
        const created = await kind.create(storage, {
          seriesId,
          name: entry.name ?? '',
          aliases: entry.aliases ?? [],
          description: entry.description ?? '',
        });
        return reply.status(201).send(created);
      },
    );

    app.patch(
      `/api/series/:seriesId/bible/${kind.path}/:${kind.param}`,
      {
        config: { access: { kind: 'series', action: 'bible.edit' } },
        schema: {
          summary: `Change a ${kind.noun}`,
          tags: ['bible'],
          params: EntryParams,
          body: EntryPatch,
          response: { 200: kind.schema, ...errorResponses(400, 404) },
        },
      },
      async (request) => {
        const { seriesId, entryId } = idsOf(request.params);
        await requireEntry(seriesId, entryId);
        const updated = await kind.update(storage, entryId, cleanEntry(request.body));
        if (!updated) throw notFound(kind.noun, entryId);
        return updated;
      },
    );

    app.delete(
      `/api/series/:seriesId/bible/${kind.path}/:${kind.param}`,
      {
        config: { access: { kind: 'series', action: 'bible.edit' } },
        schema: {
          summary: `Remove a ${kind.noun}`,
          tags: ['bible'],
          params: EntryParams,
          response: { 204: NoContent, ...errorResponses(400, 404) },
        },
      },
      async (request, reply) => {
        const { seriesId, entryId } = idsOf(request.params);
        await requireEntry(seriesId, entryId);
        if (!(await kind.remove(storage, entryId))) throw notFound(kind.noun, entryId);
        return reply.status(204).send(null);
      },
    );
  }
};

/** The bible plugin. */
export const biblePlugin = fp(bible, {
  name: 'loopline-bible',
  fastify: '5.x',
  encapsulate: true,
  dependencies: ['loopline-errors', 'loopline-openapi', 'loopline-access', 'loopline-series'],
});
