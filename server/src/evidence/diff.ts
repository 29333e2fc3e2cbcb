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
 * the `to` revision, or — against the live script — the links in no revision
 * yet plus those of `from`. Every changed scene has an entry (empty when no
 * link names it), so "changed without evidence" shows as such.
 */
export async function diffRevision(
  deps: { storage: Pick<Storage, 'getRevisionContent' | 'listLinks'>; live: LiveDocs },
  from: Revision,
  to: Revision | null,
): Promise<RevisionDiff | null> {
  const { storage, live } = deps;
  const [before, afterContent] = await Promise.all([storage.getRevisionContent(from.id), to ? storage.getRevisionContent(to.id) : null]);
  if (!before || (to && !afterContent)) return null;
  const after = afterContent ? scriptSchema.nodeFromJSON(afterContent.doc) : proseMirrorOfState(await live.state(from.episodeId));
  const diff = diffEpisodes(scriptSchema.nodeFromJSON(before.doc), after);

  const query = { seriesId: from.seriesId, episodeId: from.episodeId };
  const links = to
    ? await storage.listLinks({ ...query, revisionId: to.id })
    : (await Promise.all([storage.listLinks({ ...query, revisionId: null }), storage.listLinks({ ...query, revisionId: from.id })])).flat();
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
