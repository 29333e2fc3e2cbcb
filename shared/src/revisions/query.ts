import type { EpisodeDiff } from './types.js';

/**
 * Ids of every scene the diff reports as added, removed, moved or changed,
 * in the diff's scene order (what the audit checks for evidence) [RV9].
 */
export function changedSceneIds(diff: EpisodeDiff): string[] {
  const out: string[] = [];
  for (const s of diff.scenes) if (s.sceneId !== null && (s.status !== 'unchanged' || s.moved)) out.push(s.sceneId);
  return [...new Set(out)];
}

/**
 * Indexes of the textblocks of scene `sceneId` in the AFTER doc that carry a
 * revision mark (`*` in the margin) [RV10]: added and changed blocks, every
 * block of an added scene, and, where blocks were cut, the block that now
 * follows the cut (the previous one when the cut is at the end). A scene that
 * only moved has none (its move is shown on the scene). Sorted, unique.
 */
export function changedBlocks(diff: EpisodeDiff, sceneId: string): number[] {
  const scene = diff.scenes.find((s) => s.sceneId === sceneId && s.status !== 'removed');
  if (!scene) return [];
  const marks = new Set<number>();
  let lastAfter = -1;
  let pendingCut = false;
  for (const block of scene.blocks) {
    if (block.op === 'removed') {
      pendingCut = true;
      continue;
    }
    const at = block.afterIndex!;
    if (block.op === 'added' || block.op === 'changed' || pendingCut) marks.add(at);
    pendingCut = false;
    lastAfter = at;
  }
  if (pendingCut && lastAfter >= 0) marks.add(lastAfter);
  return [...marks].sort((x, y) => x - y);
}
