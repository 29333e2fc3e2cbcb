/**
 * Audience feedback, metrics and releases (issue #4). Viewer handles never
 * appear here: only keyed pseudonyms; text is stored redacted.
 */
export const FEEDBACK_KINDS = ['comment', 'danmaku', 'repost', 'mention'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** Platforms with presets; any other lowercase slug is accepted too. */
export const KNOWN_PLATFORMS = ['douyin', 'kuaishou', 'tiktok', 'youtube', 'bilibili', 'wechat', 'reelshort', 'other'] as const;

/** Kinds of personal data the redactor removes; the marker left in the text names the kind. */
export const REDACTION_KINDS = ['phone', 'email', 'qq', 'wechat', 'idcard', 'url-token'] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

/** Well-known segment attributes; exports may carry any custom column too. */
export const KNOWN_SEGMENTS = ['region', 'locale', 'paying', 'viewerType'] as const;

/** One viewer reaction as stored: redacted text, pseudonymous author. */
export interface FeedbackItem {
  id: string;
  seriesId: string;
  episodeId: string | null;
  kind: FeedbackKind;
  platform: string;
  /** The platform's id, when the export has one; dedup key with platform. */
  externalId: string | null;
  /** Parent comment's external id (threads). */
  parentExternalId: string | null;
  postedAt: string;
  language: string | null;
  /** Text after redaction. */
  text: string;
  /** Repost quote text (redacted). */
  quote: string | null;
  /** HMAC pseudonym of the author handle, keyed per series. */
  author: string;
  likes: number | null;
  replyCount: number | null;
  /** Danmaku position in the video, milliseconds. */
  timecodeMs: number | null;
  /** Segment attributes (region, paying, viewerType, custom columns). */
  segments: Record<string, string>;
  /** Kinds of personal data removed from this item. */
  redactions: RedactionKind[];
  importId: string | null;
  /** Flagged as coordinated (fake) traffic, by detection after import or by hand (issue 5). */
  coordinated?: boolean;
}

/** One platform's numbers for one episode on one day. Rates are 0..1. */
export interface EpisodeMetrics {
  seriesId: string;
  episodeId: string;
  platform: string;
  date: string;
  views: number | null;
  uniqueViewers: number | null;
  completionRate: number | null;
  fiveSecondCompletion: number | null;
  avgWatchSeconds: number | null;
  likes: number | null;
  shares: number | null;
  follows: number | null;
  comments: number | null;
  paywallUnlocks: number | null;
  paywallConversion: number | null;
}

/** Share of viewers still watching at each whole second (index = second). */
export interface RetentionCurve {
  seriesId: string;
  episodeId: string;
  platform: string;
  points: number[];
  updatedAt: string;
}

/** An episode aired on a platform at a time; linked later to the revision that aired. */
export interface Release {
  id: string;
  seriesId: string;
  episodeId: string;
  platform: string;
  airedAt: string;
  revisionId: string | null;
  createdAt: string;
}

export const IMPORT_TARGETS = ['feedback', 'metrics', 'retention'] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];
export const IMPORT_FORMATS = ['csv', 'json', 'ndjson', 'danmaku-xml'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const IMPORT_STATUSES = ['running', 'done', 'failed', 'cancelled'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** A rejected row: where and why. `line` is the physical line in the file (1-based). */
export interface RowError {
  line: number;
  column: string | null;
  reason: string;
}

/** Maps target fields (e.g. `text`, `author`, `postedAt`) to the file's column names. */
export type ColumnMapping = Record<string, string>;

/** An import run with its live progress. Invariant: accepted + rejected = rowsRead. */
export interface ImportJob {
  id: string;
  seriesId: string;
  episodeId: string | null;
  target: ImportTarget;
  format: ImportFormat;
  platform: string | null;
  fileName: string | null;
  status: ImportStatus;
  rowsRead: number;
  accepted: number;
  rejected: number;
  /** Accepted rows already stored before (same platform + external id or content hash): added 0 times. */
  duplicates: number;
  bytesRead: number;
  totalBytes: number | null;
  rowsPerSecond: number;
  /** Seconds left at the current rate, when the total size is known. */
  secondsLeft: number | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}
