import {
  type EpisodeMetrics,
  FEEDBACK_KINDS,
  type FeedbackItem,
  IMPORT_FORMATS,
  IMPORT_STATUSES,
  IMPORT_TARGETS,
  type ImportJob,
  REDACTION_KINDS,
  type Release,
  type RetentionCurve,
  type RowError,
} from '@loopline/shared';
import Type, { type Static } from 'typebox';

/**
 * TypeBox schemas of the feedback, import, metrics, release and privacy
 * routes (issue 4): the single source of validation, handler types and the
 * OpenAPI document. Checked against shared's domain types at compile time below.
 */

const Timestamp = Type.String({ description: 'ISO-8601 timestamp' });
const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const NullableInteger = Type.Union([Type.Integer(), Type.Null()]);

/** A platform slug as stored (douyin, kuaishou, …). */
export const PlatformSchema = Type.String({ minLength: 1, maxLength: 32, pattern: '^[a-z0-9][a-z0-9-]*$', description: 'Platform slug, e.g. douyin' });

export const FeedbackKindSchema = Type.Enum(FEEDBACK_KINDS);

export const FeedbackItemSchema = Type.Object({
  id: Type.String(),
  seriesId: Type.String(),
  episodeId: NullableString,
  kind: FeedbackKindSchema,
  platform: Type.String(),
  externalId: NullableString,
  parentExternalId: NullableString,
  postedAt: Timestamp,
  language: NullableString,
  text: Type.String({ description: 'Redacted text: render as text only.' }),
  quote: NullableString,
  author: Type.String({ description: 'Keyed pseudonym of the author (never the handle); empty when the export had none.' }),
  likes: NullableInteger,
  replyCount: NullableInteger,
  timecodeMs: NullableInteger,
  segments: Type.Record(Type.String(), Type.String()),
  redactions: Type.Array(Type.Enum(REDACTION_KINDS)),
  importId: NullableString,
  coordinated: Type.Optional(Type.Boolean({ description: 'Flagged as coordinated (fake) traffic, by detection or by hand.' })),
});

export const FeedbackPageSchema = Type.Object({
  items: Type.Array(FeedbackItemSchema),
  total: Type.Integer({ minimum: 0, description: 'Every match of the filters, not just this page.' }),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as `cursor` for the next page; null on the last.' }),
});

export const FeedbackDetailSchema = Type.Object({
  item: FeedbackItemSchema,
  parent: Type.Union([FeedbackItemSchema, Type.Null()]),
  replies: Type.Array(FeedbackItemSchema),
  authorItemCount: Type.Integer({ minimum: 0, description: 'Items of the same pseudonymous author in the series, this one included.' }),
});

export const EpisodeMetricsSchema = Type.Object({
  seriesId: Type.String(),
  episodeId: Type.String(),
  platform: Type.String(),
  date: Type.String({ description: 'YYYY-MM-DD' }),
  views: NullableNumber,
  uniqueViewers: NullableNumber,
  completionRate: NullableNumber,
  fiveSecondCompletion: NullableNumber,
  avgWatchSeconds: NullableNumber,
  likes: NullableNumber,
  shares: NullableNumber,
  follows: NullableNumber,
  comments: NullableNumber,
  paywallUnlocks: NullableNumber,
  paywallConversion: NullableNumber,
});

export const RetentionCurveSchema = Type.Object({
  seriesId: Type.String(),
  episodeId: Type.String(),
  platform: Type.String(),
  points: Type.Array(Type.Number(), { description: 'Share of viewers still watching at each second (index = second).' }),
  updatedAt: Timestamp,
});

export const DensityPointSchema = Type.Object({ second: Type.Integer({ minimum: 0 }), count: Type.Integer({ minimum: 0 }) });

export const ReleaseSchema = Type.Object({
  id: Type.String(),
  seriesId: Type.String(),
  episodeId: Type.String(),
  platform: Type.String(),
  airedAt: Timestamp,
  revisionId: NullableString,
  createdAt: Timestamp,
});

export const ImportJobSchema = Type.Object({
  id: Type.String(),
  seriesId: Type.String(),
  episodeId: NullableString,
  target: Type.Enum(IMPORT_TARGETS),
  format: Type.Enum(IMPORT_FORMATS),
  platform: NullableString,
  fileName: NullableString,
  status: Type.Enum(IMPORT_STATUSES),
  rowsRead: Type.Integer({ minimum: 0 }),
  accepted: Type.Integer({ minimum: 0 }),
  rejected: Type.Integer({ minimum: 0 }),
  duplicates: Type.Integer({ minimum: 0, description: 'Accepted rows that were stored before: added 0 times.' }),
  bytesRead: Type.Integer({ minimum: 0 }),
  totalBytes: NullableInteger,
  rowsPerSecond: Type.Number({ minimum: 0 }),
  secondsLeft: NullableNumber,
  error: NullableString,
  startedAt: Timestamp,
  finishedAt: Type.Union([Timestamp, Type.Null()]),
});

export const RowErrorSchema = Type.Object({
  line: Type.Integer({ minimum: 0, description: 'Physical line in the file (1-based).' }),
  column: NullableString,
  reason: Type.String(),
});

export const ColumnMappingSchema = Type.Record(Type.String({ maxLength: 200 }), Type.String({ maxLength: 500 }), {
  description: 'Target field (text, postedAt, segment.<name>…) → column name in the file.',
});

export const SavedMappingSchema = Type.Object({
  seriesId: Type.String(),
  name: Type.String(),
  target: Type.Enum(IMPORT_TARGETS),
  mapping: ColumnMappingSchema,
  updatedAt: Timestamp,
});

// --- compile-time agreement with shared's domain types [API9]

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

/** Fails to compile when shared's FeedbackItem and the schema differ. */
export type FeedbackItemSchemaMatches = Assert<Equal<Static<typeof FeedbackItemSchema>, FeedbackItem>>;
/** Fails to compile when shared's EpisodeMetrics and the schema differ. */
export type MetricsSchemaMatches = Assert<Equal<Static<typeof EpisodeMetricsSchema>, EpisodeMetrics>>;
/** Fails to compile when shared's RetentionCurve and the schema differ. */
export type CurveSchemaMatches = Assert<Equal<Static<typeof RetentionCurveSchema>, RetentionCurve>>;
/** Fails to compile when shared's Release and the schema differ. */
export type ReleaseSchemaMatches = Assert<Equal<Static<typeof ReleaseSchema>, Release>>;
/** Fails to compile when shared's ImportJob and the schema differ. */
export type ImportJobSchemaMatches = Assert<Equal<Static<typeof ImportJobSchema>, ImportJob>>;
/** Fails to compile when shared's RowError and the schema differ. */
export type RowErrorSchemaMatches = Assert<Equal<Static<typeof RowErrorSchema>, RowError>>;
