import type {
  EvidenceAnchor,
  EvidenceFilter,
  EvidenceLink,
  EvidenceSet,
  LinkStance,
  LinkState,
  LinkWeight,
  Revision,
  RevisionEvent,
  RevisionStatus,
} from '@loopline/shared';

/**
 * Storage types of evidence links, evidence sets and revisions (issue 5).
 * Kept apart from types.ts so this part of the Storage interface reads as
 * one unit; types.ts re-exports everything here.
 */

/** A new evidence set; its items are stored with it (the filter's matches now). */
export interface NewEvidenceSet {
  seriesId: string;
  name: string;
  filter: EvidenceFilter;
  createdBy: string;
  /** Ids of the items the filter matched, in any order (deduplicated by storage). */
  itemIds: string[];
  createdAt?: string;
}

/** A new link. Items = `itemIds` ∪ the set's items; storage checks they belong to the series. */
export interface NewEvidenceLink {
  seriesId: string;
  episodeId: string;
  anchor: EvidenceAnchor;
  evidenceSetId: string | null;
  itemIds: string[];
  authorId: string;
  rationale: string;
  stance: LinkStance;
  weight: LinkWeight;
  /** The state when made (normally `anchored`). */
  state: LinkState;
  createdAt?: string;
}

export interface EvidenceLinkPatch {
  rationale?: string;
  stance?: LinkStance;
  weight?: LinkWeight;
}

/** Which links to list; filters combine with AND. */
export interface LinkQuery {
  seriesId: string;
  episodeId?: string;
  sceneId?: string;
  revisionId?: string | null;
  state?: LinkState;
}

/** A new revision with the Yjs state of the episode as taken [RV1]. */
export interface NewRevision {
  seriesId: string;
  episodeId: string;
  colour: string;
  summary: string;
  authorIds: string[];
  createdBy: string;
  /** Y.encodeStateAsUpdate of the episode at the moment it was taken. */
  state: Uint8Array;
  /** The canonical ProseMirror JSON of that state (diffs and reports read it). */
  doc: unknown;
  sceneCount: number;
  runtimeSeconds: number;
  /** Links to attach (they must be of this episode and in no other revision). */
  linkIds: string[];
  createdAt?: string;
}

/** A workflow step; storage refuses a transition not in REVISION_TRANSITIONS with StorageConflictError. */
export interface RevisionTransition {
  revisionId: string;
  to: RevisionStatus;
  event: Omit<RevisionEvent, 'status' | 'byName'>;
  /** For `aired`: the release it aired with. */
  releaseId?: string;
}

/** The immutable content of a revision. */
export interface RevisionContent {
  state: Uint8Array;
  doc: unknown;
}

/**
 * What a trace shows of a revision [TR5]: no authors, events or link ids, so
 * reading it is one indexed row (with its release) however many links the
 * revision carries.
 */
export type RevisionHead = Pick<Revision, 'id' | 'seriesId' | 'episodeId' | 'number' | 'colour' | 'status' | 'release'>;

/** A feedback item as statistics need it (sample, audit, outcome). */
export interface ItemFacts {
  id: string;
  author: string;
  postedAt: string;
  coordinated: boolean;
  segments: Record<string, string>;
}

export type { EvidenceLink, EvidenceSet, Revision };
