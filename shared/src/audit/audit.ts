import type { Node } from 'prosemirror-model';
import {
  type AuditFinding,
  type AuditThresholds,
  DEFAULT_AUDIT_THRESHOLDS,
  type EvidenceLink,
  type EvidenceSample,
  type WeaknessReason,
} from '../domain/evidence.js';
import { diffEpisodes } from '../revisions/diff.js';
import { changedSceneIds } from '../revisions/query.js';
import type { EpisodeDiff, SceneDiff } from '../revisions/types.js';

/**
 * The showrunner's audit (issue 5, BRIEF §3.2 and §4): changed scenes that no
 * evidence explains, evidence nobody acted on, and changes resting on weak
 * evidence. Pure: the server gathers revisions, diffs, links and samples and
 * hands them in; nothing here reads storage or the clock.
 */

/** One revision of an episode as the audit reads it. */
export interface AuditRevisionInput {
  revisionId: string;
  /**
   * Diff against the previous revision of the episode. For the first
   * revision: against the episode's initial state, or null when it has none —
   * then every scene its links point at counts as added, and no scene is
   * reported for missing evidence (the original script is not a change) [AU3].
   */
  diff: EpisodeDiff | null;
  /** The links proposed with the revision (its `linkIds`, resolved). */
  links: readonly EvidenceLink[];
}

/** The script as it is now, against the episode's latest revision. */
export interface AuditWorkingInput {
  /** Diff from the latest revision to the working (live) script. */
  diff: EpisodeDiff;
  /** Links of the episode in no revision yet. */
  links: readonly EvidenceLink[];
}

/**
 * The sample of the UNION of some links' items, distinct viewers counted once
 * across them (the server answers it with `storage.sampleOfLinks`, which
 * leaves coordinated items out of the distinct viewers [AU6]). Called with the
 * link ids sorted; `unionSampleRequests` lists every union an audit asks for,
 * so an async source can be fetched up front and looked up here. Returning
 * null (unknown) falls back to the link's own sample when the union is one
 * link; a union of several links with no sample is reported without one.
 */
export type UnionSampleOf = (linkIds: readonly string[]) => EvidenceSample | null | undefined;

/** Everything the audit of one episode needs. */
export interface AuditEpisodeInput {
  episodeId: string;
  /** The episode's revisions, oldest first. */
  revisions: readonly AuditRevisionInput[];
  /** The working script against the latest revision; null/absent when the episode has no revision yet. */
  working?: AuditWorkingInput | null;
  /** The series' thresholds (default `DEFAULT_AUDIT_THRESHOLDS`). */
  thresholds?: AuditThresholds;
  sampleOf?: UnionSampleOf;
}

/**
 * The diff of a first revision against an episode that had no script yet:
 * every scene added [AU3]. (A document with no scene is not valid in the
 * schema, so it is made unchecked here.)
 */
export function diffFromEmpty(doc: Node): EpisodeDiff {
  return diffEpisodes(doc.type.create(), doc);
}

/** Links that explain a change: `motivates` and `supports`; a `contradicts` link never does [AU2]. */
export function isEvidenceForChange(link: Pick<EvidenceLink, 'stance'>): boolean {
  return link.stance !== 'contradicts';
}

/**
 * Why a sample is weak under the thresholds, in `WEAKNESS_REASONS` order
 * [AU5]: fewer distinct viewers than the minimum; one segment value holding
 * more than the maximum share of the viewers; more than the maximum share of
 * the items flagged coordinated. Empty: not weak.
 */
export function weaknessReasons(sample: EvidenceSample, thresholds: AuditThresholds = DEFAULT_AUDIT_THRESHOLDS): WeaknessReason[] {
  const out: WeaknessReason[] = [];
  if (sample.distinctViewers < thresholds.minDistinctViewers) out.push('few-viewers');
  if (sample.topSegment !== null && sample.topSegment.share > thresholds.maxSegmentShare) out.push('one-segment');
  if (sample.mentions > 0 && sample.coordinated / sample.mentions > thresholds.maxCoordinatedShare) out.push('coordinated');
  return out;
}

/** Groups links by scene, keeping first-appearance order. */
function byScene(links: readonly EvidenceLink[]): Map<string, EvidenceLink[]> {
  const out = new Map<string, EvidenceLink[]>();
  for (const link of links) {
    const list = out.get(link.sceneId);
    if (list) list.push(link);
    else out.set(link.sceneId, [link]);
  }
  return out;
}

const sortedIds = (links: readonly EvidenceLink[]): string[] => links.map((l) => l.id).sort();

/** The union sample of links: asked of `sampleOf`, else a lone link's own sample, else null. */
function unionSample(links: readonly EvidenceLink[], sampleOf: UnionSampleOf | undefined): EvidenceSample | null {
  if (links.length === 0) return null;
  const known = sampleOf?.(sortedIds(links));
  if (known) return known;
  return links.length === 1 ? links[0]!.sample : null;
}

const headingOf = (scene: SceneDiff | undefined, links: readonly EvidenceLink[]): string =>
  scene?.headingAfter ?? scene?.headingBefore ?? links[0]?.anchor.heading ?? '';

/** Scenes of a revision in diff order, then scenes only its links name. */
function sceneOrder(diff: EpisodeDiff | null, links: Map<string, EvidenceLink[]>): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const s of diff?.scenes ?? []) {
    if (s.sceneId !== null && !seen.has(s.sceneId)) {
      seen.add(s.sceneId);
      ids.push(s.sceneId);
    }
  }
  for (const id of links.keys()) if (!seen.has(id)) ids.push(id);
  return ids;
}

function auditRevision(episodeId: string, rev: AuditRevisionInput, thresholds: AuditThresholds, sampleOf: UnionSampleOf | undefined): AuditFinding[] {
  const out: AuditFinding[] = [];
  const links = byScene(rev.links);
  const changed = rev.diff ? new Set(changedSceneIds(rev.diff)) : new Set(links.keys());
  const sceneDiffs = new Map<string, SceneDiff>();
  for (const s of rev.diff?.scenes ?? []) if (s.sceneId !== null && !sceneDiffs.has(s.sceneId)) sceneDiffs.set(s.sceneId, s);
  const inDiff = (id: string) => rev.diff === null || sceneDiffs.has(id);
  const finding = (kind: AuditFinding['kind'], sceneId: string, involved: readonly EvidenceLink[], extra: Partial<AuditFinding> = {}): AuditFinding => ({
    kind,
    episodeId,
    revisionId: rev.revisionId,
    sceneId,
    heading: headingOf(sceneDiffs.get(sceneId), links.get(sceneId) ?? []),
    linkIds: involved.map((l) => l.id),
    reasons: [],
    sample: null,
    ...extra,
  });

  for (const sceneId of sceneOrder(rev.diff, links)) {
    const all = links.get(sceneId) ?? [];
    const evidence = all.filter(isEvidenceForChange);
    const motivating = all.filter((l) => l.stance === 'motivates');
    // [AU3] a change nobody's evidence explains.
    if (changed.has(sceneId) && evidence.length === 0) out.push(finding('change-without-evidence', sceneId, []));
    // [AU4] evidence asking for a change the revision did not make; a scene the diff never saw is gone — not judged.
    if (!changed.has(sceneId) && inDiff(sceneId) && motivating.length > 0)
      out.push(finding('evidence-without-change', sceneId, motivating, { sample: unionSample(motivating, sampleOf) }));
    // [AU5] evidence too thin, too one-sided or too coordinated to rest a revision on.
    if (evidence.length > 0) {
      const sample = unionSample(evidence, sampleOf);
      const reasons = sample ? weaknessReasons(sample, thresholds) : [];
      if (reasons.length > 0) out.push(finding('weak-evidence', sceneId, evidence, { reasons, sample }));
    }
  }
  return out;
}

/** [AU4] unproposed `motivates` links on scenes the working script left as they were in the latest revision. */
function auditWorking(episodeId: string, working: AuditWorkingInput, sampleOf: UnionSampleOf | undefined): AuditFinding[] {
  const out: AuditFinding[] = [];
  const links = byScene(working.links.filter((l) => l.stance === 'motivates'));
  const seen = new Set<string>();
  for (const s of working.diff.scenes) {
    if (s.sceneId === null || seen.has(s.sceneId)) continue;
    seen.add(s.sceneId);
    const motivating = links.get(s.sceneId);
    if (!motivating || s.status !== 'unchanged' || s.moved) continue;
    out.push({
      kind: 'evidence-without-change',
      episodeId,
      revisionId: null,
      sceneId: s.sceneId,
      heading: s.headingAfter ?? s.headingBefore ?? '',
      linkIds: motivating.map((l) => l.id),
      reasons: [],
      sample: unionSample(motivating, sampleOf),
    });
  }
  return out;
}

/**
 * Audits one episode [AU1]: for each revision (in the order given), scene by
 * scene in diff order, the change without evidence, evidence without change
 * and weak-evidence findings; then the evidence-without-change findings of
 * the working script (revisionId null).
 */
export function auditEpisode(input: AuditEpisodeInput): AuditFinding[] {
  const thresholds = input.thresholds ?? DEFAULT_AUDIT_THRESHOLDS;
  const out: AuditFinding[] = [];
  for (const rev of input.revisions) out.push(...auditRevision(input.episodeId, rev, thresholds, input.sampleOf));
  if (input.working) out.push(...auditWorking(input.episodeId, input.working, input.sampleOf));
  return out;
}

/**
 * Every union of two or more links an audit of these episodes will ask
 * `sampleOf` for (sorted ids, each union once), so an async source can fetch
 * them first. A union of one link is that link's own `sample`.
 */
export function unionSampleRequests(inputs: Iterable<Omit<AuditEpisodeInput, 'sampleOf'>>): string[][] {
  const out = new Map<string, string[]>();
  const record: UnionSampleOf = (ids) => {
    if (ids.length > 1) out.set(ids.join('\n'), [...ids]);
    return null;
  };
  for (const input of inputs) auditEpisode({ ...input, sampleOf: record });
  return [...out.values()];
}

/** A lookup for `sampleOf` over samples fetched for `unionSampleRequests` (same order). */
export function unionSampleLookup(requests: readonly (readonly string[])[], samples: readonly EvidenceSample[]): UnionSampleOf {
  const map = new Map<string, EvidenceSample>();
  requests.forEach((ids, i) => {
    const sample = samples[i];
    if (sample) map.set([...ids].sort().join('\n'), sample);
  });
  return (ids) => map.get(ids.join('\n'));
}

/** Audits the episodes of a series, in the order given, under the series' thresholds [AU7]. */
export function auditSeries(episodes: Iterable<AuditEpisodeInput>, thresholds?: AuditThresholds): AuditFinding[] {
  const out: AuditFinding[] = [];
  for (const input of episodes) out.push(...auditEpisode(thresholds ? { ...input, thresholds } : input));
  return out;
}
