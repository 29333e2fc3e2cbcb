import {
  type AuditEpisodeInput,
  type AuditFinding,
  type AuditThresholds,
  auditSeries,
  DEFAULT_AUDIT_THRESHOLDS,
  diffEpisodes,
  type Episode,
  type EvidenceLink,
  type Revision,
  scriptSchema,
  unionSampleLookup,
  unionSampleRequests,
} from '@loopline/shared';
import type { Storage } from '../storage/types.js';
import { type RevisionDiffs, slimDiff } from './diffs.js';

/**
 * Gathers what the showrunner's audit needs from storage [AU10] — each
 * episode's revisions (oldest first) with their diffs against the revision
 * before, the links proposed with each, the working script (the canonical
 * snapshot) against the latest revision with the links in no revision, the
 * union samples the audit will ask for and the series' thresholds — and hands
 * it to the pure `auditSeries`.
 */

export type AuditStorage = Pick<
  Storage,
  | 'listRevisions'
  | 'listSeriesRevisions'
  | 'listLinks'
  | 'getCanonical'
  | 'sampleOfLinks'
  | 'getAuditThresholds'
  | 'listEpisodes'
>;

export interface AuditDeps {
  storage: AuditStorage;
  diffs: RevisionDiffs;
}

/** The series' thresholds, or the defaults. */
export async function thresholdsOf(storage: Pick<Storage, 'getAuditThresholds'>, seriesId: string): Promise<AuditThresholds> {
  return (await storage.getAuditThresholds(seriesId)) ?? DEFAULT_AUDIT_THRESHOLDS;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string | null, T[]> {
  const out = new Map<string | null, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** One episode's audit input (without samples): revisions by number with their diffs and links, then the working script. */
async function episodeInput(
  deps: AuditDeps,
  episodeId: string,
  revisions: readonly Revision[],
  links: readonly EvidenceLink[],
): Promise<Omit<AuditEpisodeInput, 'sampleOf' | 'thresholds'>> {
  const ordered = [...revisions].sort((a, b) => a.number - b.number);
  const byRevision = groupBy(links, (l) => l.revisionId);
  const diffs = await Promise.all(ordered.map((r, i) => (i === 0 ? null : deps.diffs.between(ordered[i - 1]!, r))));
  const latest = ordered.at(-1);
  let working: AuditEpisodeInput['working'] = null;
  if (latest) {
    const [doc, canonical] = await Promise.all([deps.diffs.doc(latest.id), deps.storage.getCanonical(episodeId)]);
    if (doc && canonical) working = { diff: slimDiff(diffEpisodes(doc, scriptSchema.nodeFromJSON(canonical.doc))), links: byRevision.get(null) ?? [] };
  }
  return {
    episodeId,
    revisions: ordered.map((r, i) => ({ revisionId: r.id, diff: diffs[i] ?? null, links: byRevision.get(r.id) ?? [] })),
    working,
  };
}

/**
 * Runs the pure audit over gathered inputs, fetching every union of links it
 * will judge first. Samples come from storage, whose distinct viewers leave
 * coordinated items out [EV17], so a coordinated burst never lifts evidence
 * over the viewer minimum [AU14].
 */
async function runAudit(
  storage: Pick<Storage, 'sampleOfLinks'>,
  inputs: Omit<AuditEpisodeInput, 'sampleOf' | 'thresholds'>[],
  thresholds: AuditThresholds,
): Promise<AuditFinding[]> {
  const requests = unionSampleRequests(inputs);
  const samples = await Promise.all(requests.map((ids) => storage.sampleOfLinks(ids)));
  const sampleOf = unionSampleLookup(requests, samples);
  return auditSeries(
    inputs.map((input) => ({ ...input, sampleOf })),
    thresholds,
  );
}

/** The audit of one episode [AU10]. */
export async function auditOfEpisode(deps: AuditDeps, episode: Episode): Promise<{ findings: AuditFinding[]; thresholds: AuditThresholds }> {
  const [revisions, links, thresholds] = await Promise.all([
    deps.storage.listRevisions(episode.id),
    deps.storage.listLinks({ seriesId: episode.seriesId, episodeId: episode.id }),
    thresholdsOf(deps.storage, episode.seriesId),
  ]);
  const input = await episodeInput(deps, episode.id, revisions, links);
  return { findings: await runAudit(deps.storage, [input], thresholds), thresholds };
}

/**
 * The audit of a series [AU11]: its episodes by number, archived ones left
 * out (or the one episode `episodeId` names), with their revisions and links read once for the
 * whole series.
 */
export async function auditOfSeries(
  deps: AuditDeps,
  seriesId: string,
  opts: { episodeId?: string } = {},
): Promise<{ findings: AuditFinding[]; thresholds: AuditThresholds; episodes: Episode[]; revisions: Revision[] }> {
  const [episodes, revisions, links, thresholds] = await Promise.all([
    deps.storage.listEpisodes(seriesId, { includeArchived: true }),
    deps.storage.listSeriesRevisions(seriesId),
    deps.storage.listLinks({ seriesId, episodeId: opts.episodeId }),
    thresholdsOf(deps.storage, seriesId),
  ]);
  const revisionsOf = groupBy(revisions, (r) => r.episodeId);
  const linksOf = groupBy(links, (l) => l.episodeId);
  // Archived episodes are audited only when asked for by id.
  const audited = episodes.filter((e) => (opts.episodeId === undefined ? !e.archived : e.id === opts.episodeId));
  const inputs = await Promise.all(audited.map((e) => episodeInput(deps, e.id, revisionsOf.get(e.id) ?? [], linksOf.get(e.id) ?? [])));
  return { findings: await runAudit(deps.storage, inputs, thresholds), thresholds, episodes, revisions };
}
