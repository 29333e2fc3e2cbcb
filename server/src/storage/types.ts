import type { Bible, BibleCharacter, BibleLocation, Episode, EpisodeStatus, Language, Series } from '@loopline/shared';

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
}
