import {
  AUDIT_FINDING_KINDS,
  type AuditFinding,
  type AuditThresholds,
  type EvidenceLink,
  type EvidenceSample,
  type ItemTrace,
  LINK_STANCES,
  LINK_STATES,
  REVISION_STATUSES,
  type Revision,
  type RevisionOutcome,
  type RevisionTrace,
  type SceneTrace,
  type TraceRevision,
  WEAKNESS_REASONS,
} from '@loopline/shared';
import Type, { type Static } from 'typebox';
import { ReleaseSchema } from '../plugins/feedbackSchemas.js';

/**
 * Response schemas of the audit and trace routes (issue 5): validation of
 * what the server sends, the serializer, and the OpenAPI document. Checked
 * against shared's domain types at compile time below [API9].
 */

const Timestamp = Type.String({ description: 'ISO-8601 timestamp' });
const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const Share = Type.Number({ minimum: 0, maximum: 1 });

export const EvidenceSampleSchema = Type.Object(
  {
    mentions: Type.Integer({ minimum: 0 }),
    distinctViewers: Type.Integer({ minimum: 0, description: 'Distinct pseudonymous authors, coordinated items left out.' }),
    coordinated: Type.Integer({ minimum: 0, description: 'Items flagged as coordinated traffic.' }),
    topSegment: Type.Union([Type.Object({ name: Type.String(), value: Type.String(), share: Share }), Type.Null()]),
  },
  { description: 'The sample behind evidence: mentions, distinct viewers, coordinated items, the largest segment.' },
);

const ItemIdSchema = Type.Object({ client: Type.Number(), clock: Type.Number() });
const RelativePositionSchema = Type.Object({
  type: Type.Optional(ItemIdSchema),
  tname: Type.Optional(Type.String()),
  item: Type.Optional(ItemIdSchema),
  assoc: Type.Optional(Type.Number()),
});

export const EvidenceAnchorSchema = Type.Union([
  Type.Object({ kind: Type.Literal('scene'), sceneId: Type.String(), heading: Type.String() }),
  Type.Object({
    kind: Type.Literal('span'),
    sceneId: Type.String(),
    heading: Type.String(),
    blockIndex: Type.Integer({ minimum: 0 }),
    start: RelativePositionSchema,
    end: RelativePositionSchema,
    quote: Type.String(),
  }),
]);

export const EvidenceLinkSchema = Type.Object({
  id: Type.String(),
  seriesId: Type.String(),
  episodeId: Type.String(),
  sceneId: Type.String(),
  anchor: EvidenceAnchorSchema,
  evidenceSetId: NullableString,
  itemCount: Type.Integer({ minimum: 0 }),
  authorId: Type.String(),
  authorName: Type.String(),
  rationale: Type.String(),
  stance: Type.Enum(LINK_STANCES),
  weight: Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal(2), Type.Literal(3)]),
  createdAt: Timestamp,
  revisionId: NullableString,
  state: Type.Enum(LINK_STATES),
  stateCheckedAt: Timestamp,
  sample: EvidenceSampleSchema,
});

const RevisionStatusSchema = Type.Enum(REVISION_STATUSES);

export const RevisionSchema = Type.Object({
  id: Type.String(),
  seriesId: Type.String(),
  episodeId: Type.String(),
  number: Type.Integer({ minimum: 1 }),
  colour: Type.String(),
  summary: Type.String(),
  authors: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  status: RevisionStatusSchema,
  events: Type.Array(Type.Object({ status: RevisionStatusSchema, byId: Type.String(), byName: Type.String(), at: Timestamp, comment: Type.String() })),
  release: Type.Union([ReleaseSchema, Type.Null()]),
  linkIds: Type.Array(Type.String()),
  sceneCount: Type.Integer({ minimum: 0 }),
  runtimeSeconds: Type.Number({ minimum: 0 }),
  createdAt: Timestamp,
});

export const TraceRevisionSchema = Type.Object({
  id: Type.String(),
  episodeId: Type.String(),
  episodeNumber: Type.Integer({ minimum: 0 }),
  colour: Type.String(),
  status: RevisionStatusSchema,
  airedAt: NullableString,
  platform: NullableString,
});

export const OutcomeRowSchema = Type.Object({
  metric: Type.Enum(['completionRate', 'fiveSecondCompletion', 'retentionOverChangedScenes', 'paywallUnlocks', 'evidenceComments']),
  before: NullableNumber,
  after: NullableNumber,
  baseline: NullableNumber,
});

export const RevisionOutcomeSchema = Type.Object({
  revisionId: Type.String(),
  release: Type.Union([ReleaseSchema, Type.Null()]),
  before: Type.Union([Type.Object({ episodeId: Type.String(), label: Type.Enum(['same-episode', 'previous-episode']) }), Type.Null()], {
    description: 'The episode the "before" numbers come from.',
  }),
  changedRange: Type.Union([Type.Object({ fromSecond: Type.Number(), toSecond: Type.Number() }), Type.Null()], {
    description: 'Seconds of the video the changed scenes cover (runtime estimate).',
  }),
  rows: Type.Array(OutcomeRowSchema),
  retentionBefore: Type.Array(Type.Number()),
  retentionAfter: Type.Array(Type.Number()),
});

export const TraceLinkSchema = Type.Object({
  link: EvidenceLinkSchema,
  episodeNumber: Type.Integer({ minimum: 0 }),
  episodeTitle: Type.String(),
  heading: Type.String({ description: "The scene's heading now; the heading it had when linked if the scene is gone." }),
  revision: Type.Union([TraceRevisionSchema, Type.Null()]),
});

export const ItemTraceSchema = Type.Object({
  itemId: Type.String(),
  links: Type.Array(TraceLinkSchema),
  outcomes: Type.Record(Type.String(), RevisionOutcomeSchema, { description: 'By revision id; only with `outcomes=true`.' }),
});

export const SceneTraceSchema = Type.Object({
  episodeId: Type.String(),
  sceneId: Type.String(),
  groups: Type.Array(Type.Object({ revision: Type.Union([TraceRevisionSchema, Type.Null()]), links: Type.Array(EvidenceLinkSchema) })),
});

export const RevisionTraceSchema = Type.Object({
  revision: RevisionSchema,
  links: Type.Array(EvidenceLinkSchema),
  outcome: Type.Union([RevisionOutcomeSchema, Type.Null()]),
});

export const AuditThresholdsSchema = Type.Object(
  {
    minDistinctViewers: Type.Integer({ minimum: 1, maximum: 1_000_000_000, description: 'Fewer distinct viewers than this is weak.' }),
    maxSegmentShare: Type.Number({ minimum: 0, maximum: 1, description: 'One segment value holding more than this share of the viewers is weak.' }),
    maxCoordinatedShare: Type.Number({ minimum: 0, maximum: 1, description: 'More than this share of the items flagged coordinated is weak.' }),
  },
  { additionalProperties: false },
);

export const AuditFindingSchema = Type.Object({
  kind: Type.Enum(AUDIT_FINDING_KINDS),
  episodeId: Type.String(),
  revisionId: Type.Union([Type.String(), Type.Null()], { description: 'null: the working script.' }),
  sceneId: Type.String(),
  heading: Type.String(),
  linkIds: Type.Array(Type.String()),
  reasons: Type.Array(Type.Enum(WEAKNESS_REASONS)),
  sample: Type.Union([EvidenceSampleSchema, Type.Null()]),
});

// --- compile-time agreement with shared's domain types [API9]

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

export type SampleSchemaMatches = Assert<Equal<Static<typeof EvidenceSampleSchema>, EvidenceSample>>;
export type LinkSchemaMatches = Assert<Equal<Static<typeof EvidenceLinkSchema>, EvidenceLink>>;
export type RevisionSchemaMatches = Assert<Equal<Static<typeof RevisionSchema>, Revision>>;
export type TraceRevisionSchemaMatches = Assert<Equal<Static<typeof TraceRevisionSchema>, TraceRevision>>;
export type OutcomeSchemaMatches = Assert<Equal<Static<typeof RevisionOutcomeSchema>, RevisionOutcome>>;
export type ItemTraceSchemaMatches = Assert<Equal<Static<typeof ItemTraceSchema>, ItemTrace>>;
export type SceneTraceSchemaMatches = Assert<Equal<Static<typeof SceneTraceSchema>, SceneTrace>>;
export type RevisionTraceSchemaMatches = Assert<Equal<Static<typeof RevisionTraceSchema>, RevisionTrace>>;
export type ThresholdsSchemaMatches = Assert<Equal<Static<typeof AuditThresholdsSchema>, AuditThresholds>>;
export type FindingSchemaMatches = Assert<Equal<Static<typeof AuditFindingSchema>, AuditFinding>>;
