import type {
  Episode,
  EvidenceLink,
  ItemTrace,
  Revision,
  RevisionOutcome,
  RevisionTrace,
  SceneTrace,
  TraceLink,
  TraceRevision,
} from '@loopline/shared';
import type { RevisionHead, Storage } from '../storage/types.js';
import type { SceneHeadings } from './headings.js';

/**
 * Traces [TR1]–[TR3]: comment → links → scenes → revisions → outcome and
 * back. I/O-thin: a handful of indexed storage reads (the links of an item,
 * then each distinct episode and revision once) and the heading cache; no
 * Y.Doc is loaded and no link is scanned. Outcomes are computed only when
 * asked for, by the caller's `outcomesOf` [TR5].
 */

export type TraceStorage = Pick<Storage, 'listLinksOfItem' | 'listLinks' | 'getEpisode' | 'getRevision' | 'getRevisionHead'>;

export interface TraceDeps {
  storage: TraceStorage;
  headings: SceneHeadings;
  /** Outcomes of aired revisions, in order (heavy; called only when a trace asks for outcomes). */
  outcomesOf: (revisions: readonly Revision[]) => Promise<RevisionOutcome[]>;
}

/** One request's reads of episodes and revision heads, each id read once. */
class Reads {
  private readonly episodes = new Map<string, Promise<Episode | null>>();
  private readonly revisions = new Map<string, Promise<RevisionHead | null>>();
  constructor(private readonly storage: TraceStorage) {}

  episode(id: string): Promise<Episode | null> {
    let p = this.episodes.get(id);
    if (!p) {
      p = this.storage.getEpisode(id);
      this.episodes.set(id, p);
    }
    return p;
  }

  revision(id: string): Promise<RevisionHead | null> {
    let p = this.revisions.get(id);
    if (!p) {
      p = this.storage.getRevisionHead(id);
      this.revisions.set(id, p);
    }
    return p;
  }
}

/** A revision as a trace names it. */
export function traceRevision(revision: RevisionHead, episodeNumber: number): TraceRevision {
  return {
    id: revision.id,
    episodeId: revision.episodeId,
    episodeNumber,
    colour: revision.colour,
    status: revision.status,
    airedAt: revision.release?.airedAt ?? null,
    platform: revision.release?.platform ?? null,
  };
}

/** The heading a trace shows: the scene's heading now, or the anchor's when the scene is gone [TR4]. */
export function traceHeading(link: EvidenceLink, now: ReadonlyMap<string, string>): string {
  if (link.state === 'orphaned') return link.anchor.heading;
  return now.get(link.sceneId) ?? link.anchor.heading;
}

/** A revision with an outcome to show: aired, or at least tied to a release. */
export const hasOutcome = (revision: RevisionHead): boolean => revision.status === 'aired' || revision.release !== null;

async function traceLink(deps: TraceDeps, reads: Reads, link: EvidenceLink): Promise<{ trace: TraceLink; revision: RevisionHead | null }> {
  const [episode, headings, revision] = await Promise.all([
    reads.episode(link.episodeId),
    deps.headings.of(link.episodeId),
    link.revisionId === null ? null : reads.revision(link.revisionId),
  ]);
  const episodeNumber = episode?.number ?? 0;
  return {
    trace: {
      link,
      episodeNumber,
      episodeTitle: episode?.title ?? '',
      heading: traceHeading(link, headings),
      revision: revision ? traceRevision(revision, episodeNumber) : null,
    },
    revision,
  };
}

/**
 * Trace from a feedback item [TR1]: every link holding it (chosen directly or
 * through an evidence set), oldest first, each with its episode, its scene's
 * heading and the revision it went into; with `outcomes`, the outcome of each
 * aired revision among them.
 */
export async function itemTrace(deps: TraceDeps, itemId: string, opts: { outcomes: boolean }): Promise<ItemTrace> {
  const reads = new Reads(deps.storage);
  const links = await deps.storage.listLinksOfItem(itemId);
  const traced = await Promise.all(links.map((link) => traceLink(deps, reads, link)));
  const outcomes: Record<string, RevisionOutcome> = {};
  if (opts.outcomes) {
    const aired = new Set<string>();
    for (const { revision } of traced) if (revision && hasOutcome(revision)) aired.add(revision.id);
    // Outcomes need the whole revision; only the aired ones are read in full.
    const revisions = await Promise.all([...aired].map((id) => deps.storage.getRevision(id)));
    const computed = await deps.outcomesOf(revisions.filter((r): r is Revision => r !== null));
    for (const outcome of computed) outcomes[outcome.revisionId] = outcome;
  }
  return { itemId, links: traced.map((t) => t.trace), outcomes };
}

/**
 * Trace from a scene [TR2]: every link ever made to it, grouped by revision —
 * revisions by number (oldest first), then the links in no revision yet.
 * Null when the scene is neither in the script nor named by any link.
 */
export async function sceneTrace(deps: TraceDeps, episode: Episode, sceneId: string): Promise<SceneTrace | null> {
  const reads = new Reads(deps.storage);
  const [links, headings] = await Promise.all([
    deps.storage.listLinks({ seriesId: episode.seriesId, episodeId: episode.id, sceneId }),
    deps.headings.of(episode.id),
  ]);
  if (links.length === 0 && !headings.has(sceneId) && !(await deps.headings.of(episode.id, { fresh: true })).has(sceneId)) return null;
  const byRevision = new Map<string | null, EvidenceLink[]>();
  for (const link of links) {
    const list = byRevision.get(link.revisionId);
    if (list) list.push(link);
    else byRevision.set(link.revisionId, [link]);
  }
  const groups: SceneTrace['groups'] = [];
  const revisions = await Promise.all([...byRevision.keys()].filter((id): id is string => id !== null).map((id) => reads.revision(id)));
  revisions.sort((a, b) => (a?.number ?? 0) - (b?.number ?? 0));
  for (const revision of revisions) {
    if (revision) groups.push({ revision: traceRevision(revision, episode.number), links: byRevision.get(revision.id) ?? [] });
  }
  const unproposed = byRevision.get(null);
  if (unproposed) groups.push({ revision: null, links: unproposed });
  return { episodeId: episode.id, sceneId, groups };
}

/** Trace from a revision [TR3]: its links (oldest first) and, with `outcome`, its outcome when it aired. */
export async function revisionTrace(deps: TraceDeps, revision: Revision, opts: { outcome: boolean }): Promise<RevisionTrace> {
  const [links, outcome] = await Promise.all([
    deps.storage.listLinks({ seriesId: revision.seriesId, episodeId: revision.episodeId, revisionId: revision.id }),
    opts.outcome && hasOutcome(revision) ? deps.outcomesOf([revision]).then(([outcome]) => outcome ?? null) : null,
  ]);
  return { revision, links, outcome };
}
