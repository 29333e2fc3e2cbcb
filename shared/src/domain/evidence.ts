import type { EvidenceAnchor, LinkState } from '../evidence/types.js';
import type { FeedbackKind, Release } from './feedback.js';

/**
 * Evidence-linked revisions (issue 5): links from viewer feedback to scenes,
 * revisions that record the links behind them, their audit, trace and
 * outcome. Plain JSON shared by server, client and reports.
 */

/** What a link says about the scene: it motivates a change, supports keeping it, or contradicts the change. */
export const LINK_STANCES = ['motivates', 'supports', 'contradicts'] as const;
export type LinkStance = (typeof LINK_STANCES)[number];

/** 0 (context) … 3 (decisive). */
export const LINK_WEIGHTS = [0, 1, 2, 3] as const;
export type LinkWeight = (typeof LINK_WEIGHTS)[number];

/**
 * A saved inbox filter: the same fields as the feedback search (`GET
 * /api/series/:seriesId/feedback`), as JSON. Timecodes in seconds, as in the inbox.
 */
export interface EvidenceFilter {
  q?: string;
  episodeId?: string;
  kind?: FeedbackKind;
  platform?: string;
  /** Posted at or after (ISO-8601). */
  from?: string;
  /** Posted before (ISO-8601). */
  to?: string;
  minLikes?: number;
  timecodeFrom?: number;
  timecodeTo?: number;
  /** Segment attributes that must match, e.g. `{ paying: 'yes' }`. */
  segments?: Record<string, string>;
  /** false: leave out items flagged as coordinated traffic; true: only those. */
  coordinated?: boolean;
}

/**
 * An evidence set: a named, saved filter of the inbox. A link to a set holds
 * the items the filter matched when it was evaluated; re-evaluating refreshes
 * them (new items that match join, erased ones are gone).
 */
export interface EvidenceSet {
  id: string;
  seriesId: string;
  name: string;
  filter: EvidenceFilter;
  createdBy: string;
  createdAt: string;
  /** When the filter last ran, and how many items it matched then. */
  evaluatedAt: string;
  matched: number;
}

/** The sample behind evidence: never a raw count alone [EV3]. */
export interface EvidenceSample {
  /** Items (comments, danmaku, reposts, mentions). */
  mentions: number;
  /** Distinct pseudonymous authors among them. */
  distinctViewers: number;
  /** Items flagged as coordinated traffic. */
  coordinated: number;
  /** The largest share (0..1) of distinct viewers in one value of one segment attribute, e.g. paying=yes; null when no segment data. */
  topSegment: { name: string; value: string; share: number } | null;
}

/** A link from evidence to a scene (optionally a span of it) [EV1]. */
export interface EvidenceLink {
  id: string;
  seriesId: string;
  episodeId: string;
  sceneId: string;
  anchor: EvidenceAnchor;
  /** The evidence set it was made from, if any (its items are the set's at the last evaluation). */
  evidenceSetId: string | null;
  /** Explicitly selected items plus, for a set, the set's items; at most `MAX_LINK_ITEMS`. */
  itemCount: number;
  authorId: string;
  authorName: string;
  rationale: string;
  stance: LinkStance;
  weight: LinkWeight;
  createdAt: string;
  /** The revision the link was proposed with; null until then. */
  revisionId: string | null;
  /** Recomputed from the live script as it changes [EV4]. */
  state: LinkState;
  stateCheckedAt: string;
  sample: EvidenceSample;
}

/** Items of one link; above this a link is refused with a readable error. */
export const MAX_LINK_ITEMS = 100_000;

export const REVISION_STATUSES = ['draft', 'proposed', 'approved', 'rejected', 'aired'] as const;
export type RevisionStatus = (typeof REVISION_STATUSES)[number];

/** One step of a revision's workflow: who did it, when, with what comment. */
export interface RevisionEvent {
  status: RevisionStatus;
  byId: string;
  byName: string;
  at: string;
  comment: string;
}

/** A named, immutable checkpoint of an episode's script [RV1]. */
export interface Revision {
  id: string;
  seriesId: string;
  episodeId: string;
  /** 1, 2, … within the episode, in creation order. */
  number: number;
  /** Revision-set colour in industry order: White, Blue, Pink, … then Double White … */
  colour: string;
  summary: string;
  authors: { id: string; name: string }[];
  status: RevisionStatus;
  events: RevisionEvent[];
  /** The release it aired with (status `aired`). */
  release: Release | null;
  /** Links that motivated it. */
  linkIds: string[];
  sceneCount: number;
  runtimeSeconds: number;
  createdAt: string;
}

/** Transitions of the workflow; anything else is refused [RV9]. */
export const REVISION_TRANSITIONS: Readonly<Record<RevisionStatus, readonly RevisionStatus[]>> = {
  draft: ['proposed'],
  proposed: ['approved', 'rejected'],
  approved: ['aired'],
  rejected: [],
  aired: [],
};

/** Audit findings [AU1]. */
export const AUDIT_FINDING_KINDS = ['change-without-evidence', 'evidence-without-change', 'weak-evidence'] as const;
export type AuditFindingKind = (typeof AUDIT_FINDING_KINDS)[number];

/** Why evidence counts as weak [AU2]. */
export const WEAKNESS_REASONS = ['few-viewers', 'one-segment', 'coordinated'] as const;
export type WeaknessReason = (typeof WEAKNESS_REASONS)[number];

/** Thresholds of the audit; a series may override the defaults. */
export interface AuditThresholds {
  /** Fewer distinct viewers than this is weak. */
  minDistinctViewers: number;
  /** One segment value holding more than this share of the viewers is weak (0..1). */
  maxSegmentShare: number;
  /** More than this share of the items flagged coordinated is weak (0..1). */
  maxCoordinatedShare: number;
}

export const DEFAULT_AUDIT_THRESHOLDS: AuditThresholds = { minDistinctViewers: 30, maxSegmentShare: 0.8, maxCoordinatedShare: 0.5 };

/** One finding of the audit, about one scene of one revision (or the working script when revisionId is null). */
export interface AuditFinding {
  kind: AuditFindingKind;
  episodeId: string;
  revisionId: string | null;
  sceneId: string;
  heading: string;
  /** Links involved (none for change-without-evidence). */
  linkIds: string[];
  reasons: WeaknessReason[];
  sample: EvidenceSample | null;
}

/** A before/after/baseline row of an outcome [OC1]. */
export interface OutcomeRow {
  metric: 'completionRate' | 'fiveSecondCompletion' | 'retentionOverChangedScenes' | 'paywallUnlocks' | 'evidenceComments';
  before: number | null;
  after: number | null;
  baseline: number | null;
}

/** What happened after an aired revision [OC1]. */
export interface RevisionOutcome {
  revisionId: string;
  release: Release | null;
  /** The episode "before" numbers come from: the same episode before the release, else the previous episode. */
  before: { episodeId: string; label: 'same-episode' | 'previous-episode' } | null;
  /** Seconds of the video the changed scenes cover (from runtime estimates), when any scene changed. */
  changedRange: { fromSecond: number; toSecond: number } | null;
  rows: OutcomeRow[];
  /** Retention curves for the chart (share per second). */
  retentionBefore: number[];
  retentionAfter: number[];
}

/** A revision as a trace shows it: enough to name it and follow it. */
export interface TraceRevision {
  id: string;
  episodeId: string;
  episodeNumber: number;
  colour: string;
  status: RevisionStatus;
  /** When it aired, and where (status `aired`). */
  airedAt: string | null;
  platform: string | null;
}

/** One link in a trace, with the scene it points at and the revision it went into [TR1]. */
export interface TraceLink {
  link: EvidenceLink;
  episodeNumber: number;
  episodeTitle: string;
  /** The scene's heading now, or the heading it had when linked (orphaned links). */
  heading: string;
  revision: TraceRevision | null;
}

/** Trace from one feedback item: comment → links → scenes → revisions → outcome [TR1]. */
export interface ItemTrace {
  itemId: string;
  links: TraceLink[];
  /** Outcomes of the aired revisions among them, by revision id. */
  outcomes: Record<string, RevisionOutcome>;
}

/** Trace from a scene: every link ever made to it, grouped by revision (null: not yet in a revision) [TR2]. */
export interface SceneTrace {
  episodeId: string;
  sceneId: string;
  groups: { revision: TraceRevision | null; links: EvidenceLink[] }[];
}

/** Trace from a revision: its evidence and outcome [TR3]. */
export interface RevisionTrace {
  revision: Revision;
  links: EvidenceLink[];
  outcome: RevisionOutcome | null;
}
