import { diffEpisodes, type EpisodeDiff, type Revision, scriptSchema } from '@loopline/shared';
import type { Node } from 'prosemirror-model';
import type { Storage } from '../storage/types.js';

/**
 * Revision documents and the diffs between consecutive revisions, for the
 * audit and the outcome's changed range. A revision's content never changes
 * [RV1], so its diff against the revision before it is computed once and kept
 * (without the per-block text runs, which neither reader needs); parsed
 * documents are kept for the latest few revisions asked for.
 */

export type DiffStorage = Pick<Storage, 'getRevisionContent'>;

/** A small least-recently-used map. */
class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  delete(key: K): void {
    this.map.delete(key);
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    for (const k of this.map.keys()) {
      if (this.map.size <= this.max) break;
      this.map.delete(k);
    }
  }
}

/** The diff with the scenes' block diffs dropped: what changed, not how (the audit and outcome read only that). */
export function slimDiff(diff: EpisodeDiff): EpisodeDiff {
  return { ...diff, scenes: diff.scenes.map((s) => (s.blocks.length === 0 ? s : { ...s, blocks: [] })) };
}

/** The revision before `revision` among its episode's revisions (by number), or null for the first. */
export function previousRevision(revisions: readonly Revision[], revision: Revision): Revision | null {
  let best: Revision | null = null;
  for (const r of revisions) if (r.number < revision.number && (best === null || r.number > best.number)) best = r;
  return best;
}

export interface RevisionDiffsOptions {
  /** Parsed revision documents kept (default 64). */
  maxDocs?: number;
  /** Diffs kept (default 5,000; each without block diffs). */
  maxDiffs?: number;
}

/** Parsed revision documents and cached consecutive-revision diffs. */
export class RevisionDiffs {
  private readonly docs: Lru<string, Promise<Node | null>>;
  private readonly diffs: Lru<string, Promise<EpisodeDiff | null>>;

  constructor(
    private readonly storage: DiffStorage,
    opts: RevisionDiffsOptions = {},
  ) {
    this.docs = new Lru(opts.maxDocs ?? 64);
    this.diffs = new Lru(opts.maxDiffs ?? 5_000);
  }

  /** A revision's document as taken, parsed under the shared schema (null: no such revision). */
  doc(revisionId: string): Promise<Node | null> {
    let p = this.docs.get(revisionId);
    if (!p) {
      p = this.storage.getRevisionContent(revisionId).then((content) => (content ? scriptSchema.nodeFromJSON(content.doc) : null));
      this.docs.set(revisionId, p);
      // A failed read is not remembered.
      p.catch(() => this.docs.delete(revisionId));
    }
    return p;
  }

  /** What `after` changed against `before` (slim), computed once per pair of revisions. */
  between(before: Revision, after: Revision): Promise<EpisodeDiff | null> {
    const key = `${before.id}>${after.id}`;
    let p = this.diffs.get(key);
    if (!p) {
      p = Promise.all([this.doc(before.id), this.doc(after.id)]).then(([a, b]) => (a && b ? slimDiff(diffEpisodes(a, b)) : null));
      this.diffs.set(key, p);
      p.catch(() => this.diffs.delete(key));
    }
    return p;
  }
}
