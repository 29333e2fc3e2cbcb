import type {
  Bible,
  BibleCharacter,
  BibleLocation,
  Episode,
  EpisodeMetrics,
  EpisodeStatus,
  FeedbackItem,
  Language,
  Release,
  RetentionCurve,
  Role,
  RowError,
  Series
} from '@loopline/shared';
import type { EvidenceMethods } from './evidenceMethods.js';
import type {
  DensityPoint,
  FeedbackBatchResult,
  FeedbackDetail,
  FeedbackFilter,
  FeedbackPage,
  ImportErrorPage,
  ImportProgress,
  NewFeedbackItem,
  NewImportJob,
  NewRelease,
  NewRetentionCurve,
  SavedMapping,
  StoredImportJob,
} from './feedbackTypes.js';

export type * from './evidenceTypes.js';
export type * from './feedbackTypes.js';

/** Fields a caller may set when creating a series. */
export interface NewSeries {
  title: string;
  language: Language;
}

export interface SeriesPatch {
  title?: string;
  language?: Language;
  archived?: boolean;
}

export interface NewEpisode {
  seriesId: string;
  title: string;
  language?: Language;
  assignee?: string | null;
  /** Position; appended at the end when omitted. */
  number?: number;
}

export interface EpisodePatch {
  title?: string;
  status?: EpisodeStatus;
  assignee?: string | null;
  archived?: boolean;
  number?: number;
}

export type NewBibleCharacter = Omit<BibleCharacter, 'id'>;
export type NewBibleLocation = Omit<BibleLocation, 'id'>;
export type BibleCharacterPatch = Partial<Omit<BibleCharacter, 'id' | 'seriesId'>>;
export type BibleLocationPatch = Partial<Omit<BibleLocation, 'id' | 'seriesId'>>;

/** What is stored of an episode's Yjs document: the last snapshot plus the log after it. */
export interface StoredDocument {
  /** Full state as one Yjs update (Y.encodeStateAsUpdate), or null before the first compaction. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, in append order. */
  updates: StoredUpdate[];
}

export interface StoredUpdate {
  seq: number;
  data: Uint8Array;
}

/** Derived, canonical reading of an episode for outline, search, reports and export. */
export interface CanonicalSnapshot {
  episodeId: string;
  /** ProseMirror JSON of the document under the shared schema. */
  doc: unknown;
  runtimeSeconds: number;
  sceneCount: number;
  updatedAt: string;
}

export interface QuarantinedUpdate {
  episodeId: string;
  seq: number;
  reason: string;
  quarantinedAt: string;
  /** The update's bytes as they were stored, for inspection (every built-in backend fills it). */
  data?: Uint8Array;
}

/** An account (issue 3). E-mails are stored trimmed and lower-cased; unique case-insensitively. */
export interface User {
  id: string;
  email: string;
  displayName: string;
  /** Site admin: manages accounts, acts as `admin` in every series. */
  isAdmin: boolean;
  /** A disabled account cannot sign in and has no sessions. */
  disabled: boolean;
  createdAt: string;
}

/** A user with the password hash, for sign-in only; never sent to a client. */
export interface UserRecord extends User {
  /** argon2id PHC string. */
  passwordHash: string;
}

export interface NewUser {
  email: string;
  displayName: string;
  passwordHash: string;
  isAdmin?: boolean;
}

export interface UserPatch {
  displayName?: string;
  isAdmin?: boolean;
  disabled?: boolean;
  passwordHash?: string;
}

/**
 * A server-side session. The cookie holds a random token; only its SHA-256
 * is stored, so a leaked database does not hand out live sessions.
 * Timestamps come from the caller's clock (tests inject one).
 */
export interface SessionRecord {
  id: string;
  /** Hex SHA-256 of the cookie token. */
  tokenHash: string;
  userId: string;
  /** Sent back by the client in `x-csrf-token` on state-changing requests. */
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  /** Absolute end of the session, whatever the activity. */
  expiresAt: string;
}

export type NewSession = Omit<SessionRecord, 'id' | 'lastSeenAt'>;

/** A member of a series with the account fields a member list shows. */
export interface MemberInfo {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
}

/** One line of the audit log. `id` grows with every append, so it orders and pages the log. */
export interface AuditRecord {
  id: number;
  at: string;
  actorUserId: string | null;
  /** The actor's account at read time (null when there is no actor). */
  actor: { id: string; email: string; displayName: string } | null;
  seriesId: string | null;
  /** Stable machine name, e.g. `auth.login` or `member.role_changed`. */
  action: string;
  /** What it was done to: an e-mail, an id, a title ('' when nothing). */
  target: string;
  details: Record<string, unknown>;
}

export interface NewAuditEntry {
  /** Defaults to now. */
  at?: string;
  actorUserId: string | null;
  seriesId?: string | null;
  action: string;
  target?: string;
  details?: Record<string, unknown>;
}

export interface AuditQuery {
  /** Only entries of this series. */
  seriesId?: string;
  /** At most this many (default 50, capped at 500). */
  limit?: number;
  /** Only entries with id < before (the next page of a newest-first listing). */
  before?: number;
}

/**
 * The one storage interface of Loopline (STYLE.md habit 11). Every backend
 * (SQLite, PostgreSQL) passes the same contract suite in server/test/storage.
 * All methods are async so a network database fits the same shape.
 */
export interface Storage extends EvidenceMethods {
  /** Creates tables or runs pending migrations; idempotent. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  createSeries(input: NewSeries): Promise<Series>;
  getSeries(id: string): Promise<Series | null>;
  listSeries(opts?: { includeArchived?: boolean }): Promise<Series[]>;
  updateSeries(id: string, patch: SeriesPatch): Promise<Series | null>;

  createEpisode(input: NewEpisode): Promise<Episode>;
  getEpisode(id: string): Promise<Episode | null>;
  /** Ordered by number. */
  listEpisodes(seriesId: string, opts?: { includeArchived?: boolean }): Promise<Episode[]>;
  updateEpisode(id: string, patch: EpisodePatch): Promise<Episode | null>;

  getBible(seriesId: string): Promise<Bible>;
  createCharacter(input: NewBibleCharacter): Promise<BibleCharacter>;
  updateCharacter(id: string, patch: BibleCharacterPatch): Promise<BibleCharacter | null>;
  deleteCharacter(id: string): Promise<boolean>;
  createLocation(input: NewBibleLocation): Promise<BibleLocation>;
  updateLocation(id: string, patch: BibleLocationPatch): Promise<BibleLocation | null>;
  deleteLocation(id: string): Promise<boolean>;

  /** Appends one update durably; resolves only after it is committed. Returns its sequence number. */
  appendUpdate(episodeId: string, update: Uint8Array): Promise<number>;
  loadDocument(episodeId: string): Promise<StoredDocument>;
  /**
   * Replaces the snapshot and deletes the updates with seq ≤ upToSeq, in one
   * transaction: a crash leaves either the old or the new state, never a gap.
   */
  compactDocument(episodeId: string, snapshot: Uint8Array, upToSeq: number): Promise<void>;
  /** Moves an update that failed to apply out of the log, keeping its bytes for inspection. */
  quarantineUpdate(episodeId: string, seq: number, reason: string): Promise<void>;
  listQuarantined(episodeId: string): Promise<QuarantinedUpdate[]>;

  saveCanonical(snapshot: CanonicalSnapshot): Promise<void>;
  getCanonical(episodeId: string): Promise<CanonicalSnapshot | null>;

  // --- accounts, sessions, memberships, audit (issue 3)

  /** Throws StorageConflictError when the e-mail is taken (case-insensitively). */
  createUser(input: NewUser): Promise<User>;
  getUser(id: string): Promise<UserRecord | null>;
  /** Case-insensitive. */
  getUserByEmail(email: string): Promise<UserRecord | null>;
  /** In creation order. */
  listUsers(): Promise<User[]>;
  updateUser(id: string, patch: UserPatch): Promise<User | null>;
  countUsers(): Promise<number>;

  /** Throws StorageNotFoundError('user') for an unknown user. */
  createSession(input: NewSession): Promise<SessionRecord>;
  getSessionByTokenHash(tokenHash: string): Promise<SessionRecord | null>;
  touchSession(id: string, lastSeenAt: string): Promise<void>;
  deleteSession(id: string): Promise<boolean>;
  /** Deletes the user's sessions (but `except`); returns the ids deleted. */
  deleteSessionsOfUser(userId: string, opts?: { except?: string }): Promise<string[]>;
  /** Deletes sessions idle since before `lastSeenBefore` or past `expiresBefore`; returns the ids deleted. */
  deleteExpiredSessions(opts: { lastSeenBefore: string; expiresBefore: string }): Promise<string[]>;

  /** Adds or changes a membership. Throws StorageNotFoundError for an unknown series or user. */
  setMembership(seriesId: string, userId: string, role: Role): Promise<void>;
  getMembership(seriesId: string, userId: string): Promise<Role | null>;
  /** In the order members were added. */
  listMembers(seriesId: string): Promise<MemberInfo[]>;
  removeMembership(seriesId: string, userId: string): Promise<boolean>;
  /** The series a user is a member of, in series creation order, with the role. */
  listSeriesOfUser(userId: string, opts?: { includeArchived?: boolean }): Promise<{ series: Series; role: Role }[]>;

  appendAudit(entry: NewAuditEntry): Promise<AuditRecord>;
  /** Newest first. */
  listAudit(query?: AuditQuery): Promise<AuditRecord[]>;

  // --- audience feedback, metrics, releases, imports, privacy (issue 4)

  /**
   * Stores a batch in one transaction, each item at most once per series:
   * an item whose (platform, externalId) — or, without an external id, whose
   * contentHash — is already stored is skipped and counted as a duplicate [FB3].
   * The search index and the cached counts change in the same transaction.
   */
  insertFeedbackBatch(items: NewFeedbackItem[]): Promise<FeedbackBatchResult>;
  /** One page of a series' feedback with the exact number of matches [FB9]. Throws RangeError for a malformed cursor. */
  searchFeedback(filter: FeedbackFilter): Promise<FeedbackPage>;
  getFeedbackItem(id: string): Promise<FeedbackItem | null>;
  /** The series of an item, read alone (the route guard's question; null when unknown or malformed) [TR5]. */
  seriesOfFeedbackItem(id: string): Promise<string | null>;
  /** The item with its parent, replies and the author's item count [FB10]. */
  getFeedbackDetail(id: string): Promise<FeedbackDetail | null>;
  /** How many items a series holds (a cached count, exact). */
  countFeedback(seriesId: string): Promise<number>;
  /** Danmaku per second of an episode (all platforms, or one), seconds ascending; kept when raw items expire [FB12]. */
  danmakuDensity(episodeId: string, platform?: string): Promise<DensityPoint[]>;
  /**
   * Erasure [FB13]: deletes every item of the pseudonymous author in the
   * series (on one platform, when given), with its search-index entries, and
   * takes it out of the counts and the danmaku density. Returns how many items were deleted.
   */
  deleteFeedbackByAuthor(seriesId: string, author: string, opts?: { platform?: string }): Promise<number>;
  /**
   * Retention [FB12]: deletes the items posted before `cutoff` (ISO) with their
   * search-index entries; metrics, retention curves and danmaku density stay.
   */
  deleteFeedbackOlderThan(seriesId: string, cutoff: string): Promise<number>;

  /** Upserts per (series, episode, platform, date); returns how many rows were written. */
  upsertEpisodeMetrics(rows: EpisodeMetrics[]): Promise<number>;
  /** Ordered by episode number, then date, then platform. */
  listEpisodeMetrics(seriesId: string, opts?: { episodeId?: string }): Promise<EpisodeMetrics[]>;
  /** Upserts per (episode, platform); returns how many curves were written. */
  upsertRetentionCurves(curves: NewRetentionCurve[]): Promise<number>;
  /** Ordered by platform. */
  listRetentionCurves(episodeId: string, platform?: string): Promise<RetentionCurve[]>;
  createRelease(input: NewRelease): Promise<Release>;
  /** Newest aired first. */
  listReleases(seriesId: string): Promise<Release[]>;

  /**
   * The series' pseudonym key [FB6]: the stored one, or `candidate` stored
   * now if there is none yet (first caller wins; every caller gets the same key).
   */
  ensureSeriesSecret(seriesId: string, candidate: Uint8Array): Promise<Uint8Array>;
  getRetentionDays(seriesId: string): Promise<number | null>;
  setRetentionDays(seriesId: string, days: number | null): Promise<void>;
  /** Every series with a retention period. */
  listRetentionPolicies(): Promise<{ seriesId: string; retentionDays: number }[]>;

  createImportJob(input: NewImportJob): Promise<StoredImportJob>;
  getImportJob(id: string): Promise<StoredImportJob | null>;
  /** Newest first. */
  listImportJobs(seriesId: string, opts?: { limit?: number }): Promise<StoredImportJob[]>;
  updateImportJob(id: string, progress: ImportProgress): Promise<StoredImportJob | null>;
  /** Marks jobs still `running` (their process died) as failed with `reason`; returns how many. */
  failInterruptedImports(reason: string): Promise<number>;
  /** Appends row errors in file order. */
  appendImportErrors(importId: string, errors: RowError[]): Promise<void>;
  /** Stored row errors in file order, `limit` (default 1000, at most 10000) after `after`. */
  listImportErrors(importId: string, opts?: { after?: number | null; limit?: number }): Promise<ImportErrorPage>;
  /** Creates or replaces the mapping of that name. */
  saveMapping(input: Omit<SavedMapping, 'updatedAt'>): Promise<SavedMapping>;
  getMapping(seriesId: string, name: string): Promise<SavedMapping | null>;
  /** Ordered by name. */
  listMappings(seriesId: string): Promise<SavedMapping[]>;
  deleteMapping(seriesId: string, name: string): Promise<boolean>;
}
