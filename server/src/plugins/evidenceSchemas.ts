import {
  type EpisodeDiff,
  type EvidenceFilter,
  type EvidenceSet,
  LINK_STANCES,
  LINK_STATES,
  MAX_LINK_ITEMS,
  type RelativePositionJSON,
} from '@loopline/shared';
import Type, { type Static } from 'typebox';
import { NON_BLANK_PATTERN } from '../errors.js';
import { EvidenceLinkSchema } from '../trace/schemas.js';
import { FeedbackItemSchema, FeedbackKindSchema, PlatformSchema } from './feedbackSchemas.js';
import { Body, Id } from './schemas.js';

/**
 * Request and response schemas of the evidence-set, link, revision and
 * coordination routes (issue 5). The link and revision response schemas are
 * the trace plugin's (one definition, checked against shared's types there);
 * the rest are checked against shared's types at the bottom of this file.
 */

export { EvidenceLinkSchema, RevisionSchema } from '../trace/schemas.js';

const Timestamp = Type.String({ description: 'ISO-8601 timestamp' });
const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableIndex = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]);

/** A saved inbox filter: the fields of the feedback search, as JSON (timecodes in seconds). */
export const EvidenceFilterSchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 500, description: 'Words to find; every word must match.' })),
    episodeId: Type.Optional(Id),
    kind: Type.Optional(FeedbackKindSchema),
    platform: Type.Optional(PlatformSchema),
    from: Type.Optional(Type.String({ maxLength: 40, description: 'Posted at or after (ISO-8601).' })),
    to: Type.Optional(Type.String({ maxLength: 40, description: 'Posted before (ISO-8601).' })),
    minLikes: Type.Optional(Type.Integer({ minimum: 0 })),
    timecodeFrom: Type.Optional(Type.Number({ minimum: 0 })),
    timecodeTo: Type.Optional(Type.Number({ minimum: 0 })),
    segments: Type.Optional(
      Type.Record(Type.String({ minLength: 1, maxLength: 200 }), Type.String({ maxLength: 200 }), {
        maxProperties: 20,
        description: 'Segment attributes that must match, e.g. { "paying": "yes" }.',
      }),
    ),
    coordinated: Type.Optional(Type.Boolean({ description: 'false: leave out items flagged as coordinated traffic; true: only those.' })),
  },
  { additionalProperties: false },
);

export const EvidenceSetSchema = Type.Object({
  id: Type.String(),
  seriesId: Type.String(),
  name: Type.String(),
  filter: EvidenceFilterSchema,
  createdBy: Type.String(),
  createdAt: Timestamp,
  evaluatedAt: Timestamp,
  matched: Type.Integer({ minimum: 0, description: 'Items the filter matched when it last ran.' }),
});

export const NewEvidenceSetBody = Body({
  name: Type.String({ minLength: 1, maxLength: 200, pattern: NON_BLANK_PATTERN }),
  filter: EvidenceFilterSchema,
});

const ItemIdJSONSchema = Type.Object(
  { client: Type.Integer({ minimum: 0 }), clock: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);

/** `Y.relativePositionToJSON` output with plain ids (as shared's `relativePositionJSON` writes it). */
export const RelativePositionBody = Type.Object(
  {
    type: Type.Optional(ItemIdJSONSchema),
    tname: Type.Optional(Type.String({ maxLength: 200 })),
    item: Type.Optional(ItemIdJSONSchema),
    assoc: Type.Optional(Type.Integer({ minimum: -1, maximum: 0 })),
  },
  { additionalProperties: false },
);

export const StanceSchema = Type.Enum(LINK_STANCES);
export const WeightSchema = Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal(2), Type.Literal(3)], {
  description: '0 (context) … 3 (decisive).',
});
const Rationale = Type.String({ maxLength: 2000 });

export const NewLinkBody = Body({
  sceneId: Type.String({ minLength: 1, maxLength: 100 }),
  span: Type.Optional(
    Type.Object(
      {
        blockIndex: Type.Integer({ minimum: 0, description: 'Informational: the server records the line the span is on now.' }),
        start: RelativePositionBody,
        end: RelativePositionBody,
        quote: Type.String({ minLength: 1, maxLength: 2000 }),
      },
      { additionalProperties: false },
    ),
  ),
  itemIds: Type.Optional(Type.Array(Id, { maxItems: MAX_LINK_ITEMS })),
  evidenceSetId: Type.Optional(Id),
  rationale: Rationale,
  stance: StanceSchema,
  weight: WeightSchema,
});

export const LinkPatchBody = Body({
  rationale: Type.Optional(Rationale),
  stance: Type.Optional(StanceSchema),
  weight: Type.Optional(WeightSchema),
});

export const LinkListQuery = Type.Object(
  {
    sceneId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    state: Type.Optional(Type.Enum(LINK_STATES)),
    revisionId: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: '`none`: links in no revision yet.' })),
  },
  { additionalProperties: false },
);

export const LinkListSchema = Type.Object({ links: Type.Array(EvidenceLinkSchema) });

export const LinkItemsQuery = Type.Object(
  {
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'Default 50.' })),
  },
  { additionalProperties: false },
);

export const LinkItemsSchema = Type.Object({
  items: Type.Array(FeedbackItemSchema),
  total: Type.Integer({ minimum: 0, description: "The link's item count." }),
});

const Summary = Type.String({ maxLength: 2000 });
const LinkIds = Type.Array(Id, { maxItems: 10_000 });
const Comment = Type.String({ maxLength: 2000 });

export const NewRevisionBody = Body({
  summary: Summary,
  linkIds: LinkIds,
  colour: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'Default: the colour after the episode’s latest.' })),
  authorIds: Type.Optional(Type.Array(Id, { maxItems: 50, description: 'Members of the series; default the creator.' })),
});

export const RevisionPatchBody = Body({ summary: Type.Optional(Summary), linkIds: Type.Optional(LinkIds) });
export const ProposeBody = Body({ comment: Type.Optional(Comment) });
export const ApproveBody = Body({ comment: Comment });
export const RejectBody = Body({ comment: Type.String({ minLength: 1, maxLength: 2000, pattern: NON_BLANK_PATTERN }) });
export const AirBody = Body({
  platform: PlatformSchema,
  airedAt: Type.String({ minLength: 1, maxLength: 40, description: 'ISO-8601 date-time the episode aired.' }),
});

export const RevisionDocSchema = Type.Object({ doc: Type.Unknown({ description: 'ProseMirror JSON under the shared script schema.' }) });

const TextRunSchema = Type.Object({ op: Type.Enum(['equal', 'insert', 'delete']), text: Type.String() });

const BlockDiffSchema = Type.Object({
  op: Type.Enum(['equal', 'changed', 'added', 'removed']),
  beforeIndex: NullableIndex,
  afterIndex: NullableIndex,
  typeBefore: NullableString,
  typeAfter: NullableString,
  typeChanged: Type.Boolean(),
  formatChanged: Type.Boolean(),
  runs: Type.Array(TextRunSchema),
});

const SceneDiffSchema = Type.Object({
  sceneId: NullableString,
  status: Type.Enum(['added', 'removed', 'changed', 'unchanged']),
  moved: Type.Boolean(),
  beforeIndex: NullableIndex,
  afterIndex: NullableIndex,
  headingBefore: NullableString,
  headingAfter: NullableString,
  headingChanged: Type.Boolean(),
  blocks: Type.Array(BlockDiffSchema),
});

export const EpisodeDiffSchema = Type.Object({
  scenes: Type.Array(SceneDiffSchema),
  added: Type.Array(Type.String()),
  removed: Type.Array(Type.String()),
  moved: Type.Array(Type.String()),
  changed: Type.Array(Type.String()),
  unchanged: Type.Array(Type.String()),
});

export const DiffQuery = Type.Object(
  {
    from: Id,
    to: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'A revision id, or `current` (default): the live script.' })),
  },
  { additionalProperties: false },
);

export const DiffResponseSchema = Type.Object({
  diff: EpisodeDiffSchema,
  from: Type.Object({ revisionId: Type.String(), colour: Type.String() }),
  to: Type.Object({ revisionId: NullableString, colour: NullableString }, { description: 'null: the live script.' }),
  evidence: Type.Record(Type.String(), Type.Array(EvidenceLinkSchema), {
    description: 'Per changed scene: the links of the `to` revision, or for the live script the links in no revision and those of `from`.',
  }),
});

export const CoordinatedBody = Body({
  itemIds: Type.Array(Id, { minItems: 1, maxItems: 10_000 }),
  coordinated: Type.Boolean(),
});

// --- compile-time agreement with shared's domain types [API9]

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

export type FilterSchemaMatches = Assert<Equal<Static<typeof EvidenceFilterSchema>, EvidenceFilter>>;
export type SetSchemaMatches = Assert<Equal<Static<typeof EvidenceSetSchema>, EvidenceSet>>;
export type DiffSchemaMatches = Assert<Equal<Static<typeof EpisodeDiffSchema>, EpisodeDiff>>;
export type PositionBodyMatches = Assert<Equal<Static<typeof RelativePositionBody>, RelativePositionJSON>>;
