import type { AuditThresholds, EvidenceLink, EvidenceSample, EvidenceSet, LinkState, Revision } from '@loopline/shared';
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

/**
 * The part of the Storage interface (types.ts) about evidence links, evidence
 * sets, revisions and coordination flags (issue 5); Storage extends it, so
 * every backend implements it and passes the same contract suite.
 */
export interface EvidenceMethods {
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
