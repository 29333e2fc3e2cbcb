import type {AuditThresholds, 
  Bible,
  BibleCharacter,
  BibleLocation,
  Episode,
  EpisodeMetrics,
  EpisodeStatus,EvidenceLink, EvidenceSample, EvidenceSet, 
  FeedbackItem,
  Language,LinkState, 
  Release,
  RetentionCurve,Revision, 
  Role,
  RowError,
  Series
} from '@loopline/shared';
import type {
  EvidenceLinkPatch,
  ItemFacts,
  LinkQuery,
  NewEvidenceLink,
  NewEvidenceSet,
  NewRevision,
  RevisionContent,
  RevisionHead,
  RevisionTransition,
} from './evidenceTypes.js';
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
export interface Storage {
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

  // --- evidence links, evidence sets, revisions, coordination flags (issue 5)

  /** Throws StorageNotFoundError('feedback item') when an item is not of the series. */
  createEvidenceSet(input: NewEvidenceSet): Promise<EvidenceSet>;
  getEvidenceSet(id: string): Promise<EvidenceSet | null>;
  /** Newest first. */
  listEvidenceSets(seriesId: string): Promise<EvidenceSet[]>;
  /**
   * Replaces the set's items with a fresh evaluation of its filter; links to it follow (explicit items ∪ the new
   * set items), except links in a revision past draft, which keep what they were proposed with [EV11]. Null for
   * an unknown set; StorageNotFoundError for an item not of the series; RangeError above MAX_LINK_ITEMS.
   */
  reevaluateEvidenceSet(id: string, itemIds: string[], evaluatedAt: string): Promise<EvidenceSet | null>;

  /**
   * Throws StorageNotFoundError for an unknown episode, set or item of another series, RangeError for a link
   * with no item or more than MAX_LINK_ITEMS [EV12]. The sample is computed and cached with the link [EV17].
   */
  createLink(input: NewEvidenceLink): Promise<EvidenceLink>;
  getLink(id: string): Promise<EvidenceLink | null>;
  /** Oldest first. */
  listLinks(query: LinkQuery): Promise<EvidenceLink[]>;
  /** Throws StorageConflictError when the link is in a revision that is no longer a draft. */
  updateLink(id: string, patch: EvidenceLinkPatch): Promise<EvidenceLink | null>;
  /** Only a link in no revision (or a draft one) can be deleted; throws StorageConflictError otherwise. */
  deleteLink(id: string): Promise<boolean>;
  /** Stores recomputed states [EV4]; returns how many changed. */
  setLinkStates(states: { id: string; state: LinkState }[], checkedAt: string): Promise<number>;
  /** Ids of the items of one link, in posting order, `limit` (default 200) after `offset`. */
  listLinkItemIds(linkId: string, opts?: { offset?: number; limit?: number }): Promise<string[]>;
  /** Links holding this item (explicitly or through a set), oldest first — the index trace reads [TR10]. */
  listLinksOfItem(itemId: string): Promise<EvidenceLink[]>;
  /** The sample of a union of links' items (items and distinct viewers counted once across them; authors of coordinated items are not viewers [AU6][EV17]). */
  sampleOfLinks(linkIds: string[]): Promise<EvidenceSample>;
  /** Facts of the items of the given links, once each, in posting order (outcome windows, audit), at most `limit` (default 100000) [TR11]. */
  itemFactsOfLinks(linkIds: string[], opts?: { limit?: number }): Promise<ItemFacts[]>;

  /** Marks (or clears) items of the series as coordinated traffic; returns how many changed (others ignored); samples follow [CO10]. */
  setCoordinated(seriesId: string, itemIds: string[], coordinated: boolean): Promise<number>;
  /**
   * Every item of the series with its facts, oldest first (posting time, then id), for coordination detection, in
   * keyset pages read off an index (no sort): `after` is an opaque cursor, `itemFactsCursor(last item of the previous
   * page)` from storage/evidenceCommon.ts, encoding that item's posting time and id — the walk goes on past it even if
   * it was erased meanwhile; null or absent: from the start; malformed: RangeError. `limit` default 10,000, at most
   * 100,000. Items stored behind the cursor during a walk are not seen by it [CO12].
   */
  listItemFacts(seriesId: string, opts?: { after?: string | null; limit?: number; withText?: boolean }): Promise<(ItemFacts & { text?: string })[]>;

  /**
   * The caller picks the colour (nextRevisionColour); storage assigns the number (max + 1 per episode), records a
   * `draft` event by the creator and attaches the links: StorageNotFoundError for an unknown link or episode,
   * StorageConflictError for a link of another episode or already in another revision [RV12].
   */
  createRevision(input: NewRevision): Promise<Revision>;
  getRevision(id: string): Promise<Revision | null>;
  /** The revision's head (as getRevision, without authors, events and link ids) [TR5]. */
  getRevisionHead(id: string): Promise<RevisionHead | null>;
  /** By number, oldest first. */
  listRevisions(episodeId: string): Promise<Revision[]>;
  /** Every revision of a series, newest first (audit). */
  listSeriesRevisions(seriesId: string): Promise<Revision[]>;
  getRevisionContent(id: string): Promise<RevisionContent | null>;
  /** Draft only: summary and the attached links. Throws StorageConflictError past draft. */
  updateRevisionDraft(id: string, patch: { summary?: string; linkIds?: string[] }): Promise<Revision | null>;
  /**
   * Applies one workflow step atomically (checks the current status) and appends its event [RV16][RV17]. `aired`
   * needs `releaseId` (RangeError), a release of the same episode (StorageNotFoundError / StorageConflictError)
   * not tied to another revision; it sets the release's revisionId [RV18]. The episode's own status is the caller's.
   */
  transitionRevision(t: RevisionTransition): Promise<Revision | null>;
  /** Series audit settings (null: defaults). */
  getAuditThresholds(seriesId: string): Promise<AuditThresholds | null>;
  setAuditThresholds(seriesId: string, t: AuditThresholds): Promise<void>;
}
