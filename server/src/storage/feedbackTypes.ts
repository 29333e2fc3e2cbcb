import type {
  ColumnMapping,
  EpisodeMetrics,
  FeedbackItem,
  FeedbackKind,
  ImportJob,
  ImportTarget,
  Release,
  RetentionCurve,
  RowError,
} from '@loopline/shared';
import type { Storage } from './types.js';

/**
 * Storage types of audience feedback, metrics, releases, imports and privacy
 * settings (issue #4). Kept apart from types.ts so the feedback part of the
 * Storage interface reads as one unit; types.ts re-exports everything here.
 */

/**
 * A feedback item ready to store: text and quote already redacted, author
 * already pseudonymized (the raw handle never reaches storage) [FB6].
 */
export interface NewFeedbackItem extends Omit<FeedbackItem, 'id'> {
  /** Hash of the normalized content: the dedup key when `externalId` is null [FB3]. */
  contentHash: string;
  /** The search tokens of text and quote (ingest's `searchTokens`), space-separated. */
  searchText: string;
}

/** What one batch insert did: new rows, and rows that were stored before (added 0 times) [FB3]. */
export interface FeedbackBatchResult {
  inserted: number;
  duplicates: number;
}

export type FeedbackSort = 'time' | 'likes';
export type SortOrder = 'asc' | 'desc';

/** A search of one series' feedback. Every filter is optional and they combine with AND. */
export interface FeedbackFilter {
  seriesId: string;
  /** Search tokens (ingest's `searchQuery` output), ANDed; an item matches when it holds every token. */
  terms?: string[];
  episodeId?: string;
  kind?: FeedbackKind;
  platform?: string;
  /** Posted at or after (ISO-8601). */
  postedFrom?: string;
  /** Posted before (ISO-8601, exclusive). */
  postedTo?: string;
  /** Segment attributes that must equal the given values, e.g. `{ paying: 'true' }`. */
  segments?: Record<string, string>;
  /** Likes at least this many (items without a like count never match). */
  minLikes?: number;
  /** Danmaku timecode at or after (ms). Items without a timecode never match a timecode range. */
  timecodeFromMs?: number;
  /** Danmaku timecode at or before (ms, inclusive). */
  timecodeToMs?: number;
  /** Only items of this pseudonymous author. */
  author?: string;
  /** false: leave out items flagged as coordinated traffic; true: only those (issue 5). */
  coordinated?: boolean;
  /** Default `time`. */
  sort?: FeedbackSort;
  /** Default `desc` (newest or most liked first). */
  order?: SortOrder;
  /** `nextCursor` of the previous page. */
  cursor?: string | null;
  /** Default 50, at most 500. */
  limit?: number;
}

/** One page of a feedback search. `total` counts every match, not just this page. */
export interface FeedbackPage {
  items: FeedbackItem[];
  total: number;
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** An item with its thread and its author's activity in the series [FB10]. */
export interface FeedbackDetail {
  item: FeedbackItem;
  /** The item `parentExternalId` names, when it is stored. */
  parent: FeedbackItem | null;
  /** Items naming this one as parent, oldest first (at most 200). */
  replies: FeedbackItem[];
  /** How many items of the series this pseudonymous author wrote, this one included. */
  authorItemCount: number;
}

/** Danmaku per second of an episode's video. */
export interface DensityPoint {
  second: number;
  count: number;
}

/** A new import job, before any row is read. */
export interface NewImportJob {
  seriesId: string;
  episodeId: string | null;
  target: ImportTarget;
  format: ImportJob['format'];
  platform: string | null;
  fileName: string | null;
  totalBytes: number | null;
  mapping: ColumnMapping | null;
  presetId: string | null;
  /** The user who started it (null from the data-directory CLI). */
  createdBy: string | null;
  /** Defaults to now. */
  startedAt?: string;
}

/** An import job as stored: the API shape plus how it was configured. */
export interface StoredImportJob extends ImportJob {
  mapping: ColumnMapping | null;
  presetId: string | null;
  createdBy: string | null;
}

/** The fields of a job that change while it runs. */
export type ImportProgress = Partial<
  Pick<
    ImportJob,
    | 'status'
    | 'format'
    | 'rowsRead'
    | 'accepted'
    | 'rejected'
    | 'duplicates'
    | 'bytesRead'
    | 'totalBytes'
    | 'rowsPerSecond'
    | 'secondsLeft'
    | 'error'
    | 'finishedAt'
  >
>;

/** One page of an import's stored row errors, in file order. */
export interface ImportErrorPage {
  errors: RowError[];
  /** Pass as `after` for the next page; null at the end. */
  next: number | null;
}

/** A column mapping saved under a name for a series, to reuse on the next export of the same kind. */
export interface SavedMapping {
  seriesId: string;
  name: string;
  target: ImportTarget;
  mapping: ColumnMapping;
  updatedAt: string;
}

export type NewRelease = Pick<Release, 'seriesId' | 'episodeId' | 'platform' | 'airedAt'>;
export type NewRetentionCurve = Omit<RetentionCurve, 'updatedAt'>;

/** The part of Storage about audience feedback (issue 4). */
export type FeedbackStorage = Pick<
  Storage,
  | 'insertFeedbackBatch'
  | 'searchFeedback'
  | 'getFeedbackItem'
  | 'seriesOfFeedbackItem'
  | 'getFeedbackDetail'
  | 'countFeedback'
  | 'danmakuDensity'
  | 'deleteFeedbackByAuthor'
  | 'deleteFeedbackOlderThan'
>;

/** The part of Storage about import jobs, their row errors and saved mappings (issue 4). */
export type ImportStorage = Pick<
  Storage,
  | 'createImportJob'
  | 'getImportJob'
  | 'listImportJobs'
  | 'updateImportJob'
  | 'failInterruptedImports'
  | 'appendImportErrors'
  | 'listImportErrors'
  | 'saveMapping'
  | 'getMapping'
  | 'listMappings'
  | 'deleteMapping'
>;

/** The part of Storage about metrics, retention curves, releases and privacy settings (issue 4). */
export type AudienceStorage = Pick<
  Storage,
  | 'upsertEpisodeMetrics'
  | 'listEpisodeMetrics'
  | 'upsertRetentionCurves'
  | 'listRetentionCurves'
  | 'createRelease'
  | 'listReleases'
  | 'ensureSeriesSecret'
  | 'getRetentionDays'
  | 'setRetentionDays'
  | 'listRetentionPolicies'
>;

/** Re-exported domain types the feedback storage methods speak in. */
export type { EpisodeMetrics, FeedbackItem, Release, RetentionCurve, RowError };
