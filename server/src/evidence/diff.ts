import { changedSceneIds, diffEpisodes, type EpisodeDiff, type EvidenceLink, type Revision, scriptSchema } from '@loopline/shared';
import type { Storage } from '../storage/types.js';
import type { LiveDocs } from './liveDoc.js';
import { proseMirrorOfState } from './snapshot.js';

/** The diff route's answer: the diff, its two sides, and the evidence of each changed scene. */
export interface RevisionDiff {
  diff: EpisodeDiff;
  from: { revisionId: string; colour: string };
  to: { revisionId: string | null; colour: string | null };
  evidence: Record<string, EvidenceLink[]>;
}

/**
 * Diffs a revision against a later revision or the live script [RV3], and
 * lists per changed scene [RV9] the evidence behind the change: the links of
 * every revision after `from` up to and including `to` — against the live
 * script, of every later revision plus the links in no revision yet. (The
 * links of `from` itself motivated the changes that led to `from`.) Every
 * changed scene has an entry (empty when no link names it), so "changed
 * without evidence" shows as such.
 */
export async function diffRevision(
  deps: { storage: Pick<Storage, 'getRevisionContent' | 'listLinks' | 'listRevisions'>; live: LiveDocs },
  from: Revision,
  to: Revision | null,
): Promise<RevisionDiff | null> {
  const { storage, live } = deps;
  const [before, afterContent] = await Promise.all([storage.getRevisionContent(from.id), to ? storage.getRevisionContent(to.id) : null]);
  if (!before || (to && !afterContent)) return null;
  const after = afterContent ? scriptSchema.nodeFromJSON(afterContent.doc) : proseMirrorOfState(await live.state(from.episodeId));
  const diff = diffEpisodes(scriptSchema.nodeFromJSON(before.doc), after);

  const [revisions, episodeLinks] = await Promise.all([
    storage.listRevisions(from.episodeId),
    storage.listLinks({ seriesId: from.seriesId, episodeId: from.episodeId }),
  ]);
  const numberOf = new Map(revisions.map((r) => [r.id, r.number]));
  const inRange = (link: EvidenceLink): boolean => {
    if (link.revisionId === null) return to === null;
    const n = numberOf.get(link.revisionId) ?? 0;
    return n > from.number && n <= (to?.number ?? Number.POSITIVE_INFINITY);
  };
  const links = episodeLinks.filter(inRange);
  const evidence: Record<string, EvidenceLink[]> = {};
  for (const sceneId of changedSceneIds(diff)) evidence[sceneId] = [];
  for (const link of links) evidence[link.sceneId]?.push(link);
  return {
    diff,
    from: { revisionId: from.id, colour: from.colour },
    to: { revisionId: to?.id ?? null, colour: to?.colour ?? null },
    evidence,
  };
}
