import {
  type Bible,
  type BibleCharacter,
  type BibleLocation,
  EPISODE_STATUSES,
  type Episode,
  LANGUAGES,
  type OutlineScene,
  ROLES,
  type Series,
} from '@loopline/shared';
import Type, { type Static, type TSchema } from 'typebox';
import { ErrorResponseSchema, NON_BLANK_PATTERN } from '../errors.js';

/**
 * TypeBox schemas of the REST API: the single source of request validation,
 * handler types and the OpenAPI document (STYLE.md habit 9). The domain types
 * in shared/src/domain/types.ts are checked against them at compile time
 * below, so the client's types cannot drift from what the server sends.
 */

/** ISO-8601 timestamps as stored. */
const Timestamp = Type.String({ description: 'ISO-8601 timestamp' });

/** A server-generated id in a path. */
export const Id = Type.String({ minLength: 1, maxLength: 100 });

/** A title: 1..200 characters, not blank; handlers store it trimmed [API5]. */
export const Title = Type.String({ minLength: 1, maxLength: 200, pattern: NON_BLANK_PATTERN });

/** A name in the bible: 1..200 characters, not blank; trimmed. */
export const Name = Type.String({ minLength: 1, maxLength: 200, pattern: NON_BLANK_PATTERN });

/** A person's name or handle (accounts arrive in issue 3); null means unassigned. */
export const Assignee = Type.Union([Type.String({ minLength: 1, maxLength: 200, pattern: NON_BLANK_PATTERN }), Type.Null()]);

export const LanguageSchema = Type.Enum(LANGUAGES, { description: 'Script language: zh or en' });
export const EpisodeStatusSchema = Type.Enum(EPISODE_STATUSES);

export const Aliases = Type.Array(Type.String({ minLength: 1, maxLength: 200, pattern: NON_BLANK_PATTERN }), {
  maxItems: 50,
  description: 'Other names, in Chinese and English; feed cue autocomplete.',
});
export const Description = Type.String({ maxLength: 10_000 });

export const SeriesSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  language: LanguageSchema,
  archived: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  myRole: Type.Optional(Type.Enum(ROLES, { description: "The signed-in user's effective role (site admins: admin)" })),
});

export const EpisodeSchema = Type.Object({
  id: Type.String(),
  seriesId: Type.String(),
  number: Type.Integer({ minimum: 1 }),
  title: Type.String(),
  language: LanguageSchema,
  status: EpisodeStatusSchema,
  assignee: Type.Union([Type.String(), Type.Null()]),
  archived: Type.Boolean(),
  runtimeSeconds: Type.Number({ minimum: 0 }),
  sceneCount: Type.Integer({ minimum: 0 }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const BibleCharacterSchema = Type.Object({
  id: Type.String(),
  seriesId: Type.String(),
  name: Type.String(),
  aliases: Type.Array(Type.String()),
  description: Type.String(),
});

export const BibleLocationSchema = Type.Object({
  id: Type.String(),
  seriesId: Type.String(),
  name: Type.String(),
  aliases: Type.Array(Type.String()),
  description: Type.String(),
});

export const BibleSchema = Type.Object({
  characters: Type.Array(BibleCharacterSchema),
  locations: Type.Array(BibleLocationSchema),
});

/** Interior/exterior as written in a heading (shared's SceneSetting; checked below). */
const SceneSettingSchema = Type.Union([Type.Enum(['INT', 'EXT', 'INT/EXT', '内', '外', '内外']), Type.Null()]);

/** One scene of an episode outline, read from the canonical snapshot (shared's OutlineScene). */
export const OutlineSceneSchema = Type.Object({
  sceneId: Type.Union([Type.String(), Type.Null()]),
  /** 0-based position in the episode. */
  index: Type.Integer({ minimum: 0 }),
  /** Scene number in 集-场 form, e.g. `12-3`. */
  number: Type.String(),
  heading: Type.String(),
  setting: SceneSettingSchema,
  location: Type.String(),
  time: Type.Union([Type.String(), Type.Null()]),
  runtimeSeconds: Type.Number({ minimum: 0 }),
  characters: Type.Array(Type.String()),
});

export const OutlineSchema = Type.Object({
  episodeId: Type.String(),
  runtimeSeconds: Type.Number({ minimum: 0 }),
  sceneCount: Type.Integer({ minimum: 0 }),
  scenes: Type.Array(OutlineSceneSchema),
});

/** `?includeArchived=true` on list routes. */
export const IncludeArchivedQuery = Type.Object(
  { includeArchived: Type.Optional(Type.Boolean({ description: 'Include archived items (default false).' })) },
  { additionalProperties: false },
);

/** Error responses of a route, for its schema (and so for the OpenAPI document). */
export function errorResponses(...codes: (400 | 401 | 403 | 404 | 409 | 413 | 429 | 503)[]): Record<number, typeof ErrorResponseSchema> {
  return Object.fromEntries(codes.map((code) => [code, ErrorResponseSchema]));
}

/** A 204 response with no body. */
export const NoContent = Type.Null({ description: 'No content' });

/** Request bodies reject unknown fields [API6]: a typo is an error, not a silently ignored field. */
export function Body<T extends Record<string, TSchema>>(properties: T) {
  return Type.Object(properties, { additionalProperties: false });
}

// --- compile-time agreement of the shared domain types with the response schemas [API9]

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

/** Fails to compile when shared's Series and the response schema differ. */
export type SeriesSchemaMatches = Assert<Equal<Static<typeof SeriesSchema>, Series>>;
/** Fails to compile when shared's Episode and the response schema differ. */
export type EpisodeSchemaMatches = Assert<Equal<Static<typeof EpisodeSchema>, Episode>>;
/** Fails to compile when shared's BibleCharacter and the response schema differ. */
export type CharacterSchemaMatches = Assert<Equal<Static<typeof BibleCharacterSchema>, BibleCharacter>>;
/** Fails to compile when shared's BibleLocation and the response schema differ. */
export type LocationSchemaMatches = Assert<Equal<Static<typeof BibleLocationSchema>, BibleLocation>>;
/** Fails to compile when shared's OutlineScene and the outline schema differ. */
export type OutlineSceneSchemaMatches = Assert<Equal<Static<typeof OutlineSceneSchema>, OutlineScene>>;
/** Fails to compile when shared's Bible and the response schema differ. */
export type BibleSchemaMatches = Assert<Equal<Static<typeof BibleSchema>, Bible>>;
