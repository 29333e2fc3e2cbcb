import {
  type EvidenceAnchor,
  type EvidenceLink,
  type EvidenceSample,
  type EvidenceSet,
  type LinkStance,
  type LinkState,
  type LinkWeight,
  MAX_LINK_ITEMS,
  REVISION_TRANSITIONS,
  type Release,
  type Revision,
  type RevisionEvent,
  type RevisionStatus,
} from '@loopline/shared';
import { StorageConflictError } from './common.js';
import { feedbackRowId } from './feedbackCommon.js';
import type { RevisionHead, Storage } from './types.js';

/**
 * Rules the SQLite and PostgreSQL evidence storage share (issue 5): how rows
 * become links, sets and revisions, which workflow steps are legal, and the
 * limits on a link's items. Each backend reads its rows into the normalized
 * records below (ISO strings, parsed JSON, numbers) and maps them here, so
 * both return the same JSON for the same data.
 */

/** The part of Storage about evidence sets, links, samples and coordination flags (issue 5). */
export type EvidenceStorage = Pick<
  Storage,
  | 'createEvidenceSet'
  | 'getEvidenceSet'
  | 'listEvidenceSets'
  | 'reevaluateEvidenceSet'
  | 'createLink'
  | 'getLink'
  | 'listLinks'
  | 'updateLink'
  | 'deleteLink'
  | 'setLinkStates'
  | 'listLinkItemIds'
  | 'listLinksOfItem'
  | 'sampleOfLinks'
  | 'itemFactsOfLinks'
  | 'setCoordinated'
  | 'listItemFacts'
>;

/** The part of Storage about revisions and audit settings (issue 5). */
export type RevisionStorage = Pick<
  Storage,
  | 'createRevision'
  | 'getRevision'
  | 'getRevisionHead'
  | 'listRevisions'
  | 'listSeriesRevisions'
  | 'getRevisionContent'
  | 'updateRevisionDraft'
  | 'transitionRevision'
  | 'getAuditThresholds'
  | 'setAuditThresholds'
>;

/** Default and largest page of listLinkItemIds. */
export const LINK_ITEM_PAGE = { default: 200, max: 10_000 } as const;
/** Default and largest number of facts itemFactsOfLinks returns. */
export const LINK_FACTS = { default: MAX_LINK_ITEMS, max: 1_000_000 } as const;
/** Default and largest page of listItemFacts. */
export const ITEM_FACTS_PAGE = { default: 10_000, max: 100_000 } as const;
/** Links whose cached sample is refreshed per transaction after an erasure or a flag change. */
export const SAMPLE_REFRESH_CHUNK = 100;

/** Item ids as row ids, deduplicated; throws `notFound` for an id that cannot name a feedback row. */
export function itemRowIds(ids: readonly string[], notFound: (id: string) => Error): number[] {
  const out = new Set<number>();
  for (const id of ids) {
    const rowId = feedbackRowId(id);
    if (rowId === null) throw notFound(id);
    out.add(rowId);
  }
  return [...out];
}

/** Where a page of listItemFacts continues: after this posting time (epoch ms) and, among items of that time, this row id. */
export interface ItemFactsCursor {
  postedMs: number;
  id: number;
}

/**
 * The `after` cursor of listItemFacts that continues past this item (the last
 * of a page). Opaque to callers; it names the item's place in (posted-at, id)
 * order rather than the item, so the walk goes on even if that item is erased.
 */
export function itemFactsCursor(item: { id: string; postedAt: string }): string {
  const postedMs = Date.parse(item.postedAt);
  const id = feedbackRowId(item.id);
  if (!Number.isFinite(postedMs) || id === null) throw new RangeError(`listItemFacts: no cursor for item ${JSON.stringify(item.id)}`);
  return Buffer.from(`${postedMs}/${id}`).toString('base64url');
}

/** Decodes an `after` cursor made by itemFactsCursor (null: from the start); a malformed one is refused rather than restarting the walk. */
export function decodeItemFactsCursor(after: string | null | undefined): ItemFactsCursor | null {
  if (after === undefined || after === null) return null;
  const m = /^(-?\d{1,16})\/(\d{1,15})$/.exec(Buffer.from(after, 'base64url').toString('latin1'));
  const postedMs = m ? Number(m[1]) : Number.NaN;
  const id = m ? feedbackRowId(m[2]!) : null;
  // Valid Date times only: the cursor is compared with stored times.
  if (id === null || !Number.isSafeInteger(postedMs) || Math.abs(postedMs) > 8.64e15) {
    throw new RangeError(`listItemFacts: malformed after ${JSON.stringify(after)}`);
  }
  return { postedMs, id };
}

/** A link holds at least one item and at most MAX_LINK_ITEMS [EV12]. */
export function checkLinkSize(count: number): void {
  if (count === 0) throw new RangeError('a link needs at least one feedback item');
  if (count > MAX_LINK_ITEMS) throw new RangeError(`a link holds at most ${MAX_LINK_ITEMS} feedback items, this one would hold ${count}`);
}

/** An evidence set holds at most MAX_LINK_ITEMS items (more could never be linked). */
export function checkSetSize(count: number): void {
  if (count > MAX_LINK_ITEMS) throw new RangeError(`an evidence set holds at most ${MAX_LINK_ITEMS} feedback items, this filter matched ${count}`);
}

/**
 * Refuses a workflow step that REVISION_TRANSITIONS does not allow [RV16],
 * naming the current status and the steps that are allowed from it.
 */
export function checkTransition(from: RevisionStatus, to: RevisionStatus): void {
  const allowed = REVISION_TRANSITIONS[from];
  if (!allowed.includes(to)) {
    const next = allowed.length === 0 ? 'none (final)' : allowed.join(', ');
    throw new StorageConflictError(`revision is ${from}; cannot move to ${to} (allowed next: ${next})`);
  }
}

/** Links of a revision past draft are part of an immutable record [EV15]. */
export function checkLinkEditable(revisionStatus: RevisionStatus | null, linkId: string): void {
  if (revisionStatus !== null && revisionStatus !== 'draft') {
    throw new StorageConflictError(`link ${linkId} belongs to a ${revisionStatus} revision and can no longer change`);
  }
}

/** An evidence_sets row, normalized. */
export interface SetRecord {
  id: string;
  series_id: string;
  name: string;
  filter: unknown;
  created_by: string;
  created_at: string;
  evaluated_at: string;
  matched: number;
}

export function toEvidenceSet(r: SetRecord): EvidenceSet {
  return {
    id: r.id,
    seriesId: r.series_id,
    name: r.name,
    filter: (r.filter ?? {}) as EvidenceSet['filter'],
    createdBy: r.created_by,
    createdAt: r.created_at,
    evaluatedAt: r.evaluated_at,
    matched: r.matched,
  };
}

/** The cached sample columns of a link (or a computed sample), normalized. */
export interface SampleRecord {
  mentions: number;
  viewers: number;
  coordinated: number;
  top_name: string | null;
  top_value: string | null;
  /** Viewers holding the top value (the share is computed from it). */
  top_viewers: number | null;
}

/** The sample of a set of items: the top segment's share is of distinct viewers [EV17]. */
export function toSample(r: SampleRecord): EvidenceSample {
  const top =
    r.top_name !== null && r.top_value !== null && r.top_viewers !== null && r.viewers > 0
      ? { name: r.top_name, value: r.top_value, share: r.top_viewers / r.viewers }
      : null;
  return { mentions: r.mentions, distinctViewers: r.viewers, coordinated: r.coordinated, topSegment: top };
}

/** An evidence_links row with its author's name and the set's id, normalized. */
export interface LinkRecord extends SampleRecord {
  id: string;
  series_id: string;
  episode_id: string;
  scene_id: string;
  anchor: unknown;
  set_id: string | null;
  item_count: number;
  author_id: string;
  author_name: string | null;
  rationale: string;
  stance: string;
  weight: number;
  created_at: string;
  revision_id: string | null;
  state: string;
  state_checked_at: string;
}

export function toEvidenceLink(r: LinkRecord): EvidenceLink {
  return {
    id: r.id,
    seriesId: r.series_id,
    episodeId: r.episode_id,
    sceneId: r.scene_id,
    anchor: r.anchor as EvidenceAnchor,
    evidenceSetId: r.set_id,
    itemCount: r.item_count,
    authorId: r.author_id,
    authorName: r.author_name ?? '',
    rationale: r.rationale,
    stance: r.stance as LinkStance,
    weight: r.weight as LinkWeight,
    createdAt: r.created_at,
    revisionId: r.revision_id,
    state: r.state as LinkState,
    stateCheckedAt: r.state_checked_at,
    sample: toSample(r),
  };
}

/** A revisions row, normalized (the release is joined by the backend). */
export interface RevisionRecord {
  id: string;
  series_id: string;
  episode_id: string;
  number: number;
  colour: string;
  summary: string;
  status: string;
  scene_count: number;
  runtime_seconds: number;
  created_at: string;
  release: Release | null;
}

/**
 * A revision row with its authors, events and link ids aggregated as JSON
 * by the database (one statement per read, whatever the number of revisions
 * or links), each list already in order: authors as given, events and links oldest first.
 */
export interface AggregatedRevision extends RevisionRecord {
  authors: { user_id: string; name: string | null }[];
  events: { status: string; by_id: string; by_name: string | null; at: string; comment: string }[];
  link_ids: string[];
}

/** A revision row's release columns, joined with the prefix `rel_` (all null when it has none); times as ISO text. */
export interface JoinedRelease {
  series_id: string;
  episode_id: string;
  rel_id: string | null;
  rel_platform: string | null;
  rel_aired_at: string | null;
  rel_revision_id: string | null;
  rel_created_at: string | null;
}

/** The release a revision row joined, or null. */
export function joinedRelease(r: JoinedRelease): Release | null {
  if (r.rel_id === null) return null;
  return {
    id: r.rel_id,
    seriesId: r.series_id,
    episodeId: r.episode_id,
    platform: r.rel_platform!,
    airedAt: r.rel_aired_at!,
    revisionId: r.rel_revision_id,
    createdAt: r.rel_created_at!,
  };
}

export function toRevisionHead(r: RevisionRecord): RevisionHead {
  return { id: r.id, seriesId: r.series_id, episodeId: r.episode_id, number: r.number, colour: r.colour, status: r.status as RevisionStatus, release: r.release };
}

export function toRevision(r: AggregatedRevision): Revision {
  return {
    id: r.id,
    seriesId: r.series_id,
    episodeId: r.episode_id,
    number: r.number,
    colour: r.colour,
    summary: r.summary,
    authors: r.authors.map((a) => ({ id: a.user_id, name: a.name ?? '' })),
    status: r.status as RevisionStatus,
    events: r.events.map(
      (e): RevisionEvent => ({ status: e.status as RevisionStatus, byId: e.by_id, byName: e.by_name ?? '', at: e.at, comment: e.comment }),
    ),
    release: r.release,
    linkIds: r.link_ids,
    sceneCount: r.scene_count,
    runtimeSeconds: r.runtime_seconds,
    createdAt: r.created_at,
  };
}

/** Authors of a new revision: the given ones once each, in order; the creator when none is given. */
export function revisionAuthors(authorIds: readonly string[], createdBy: string): string[] {
  const unique = [...new Set(authorIds)];
  return unique.length > 0 ? unique : [createdBy];
}
