import type { Node } from 'prosemirror-model';
import { NodeName } from '../schema/nodes.js';
import { diffSceneBlocks, oneSidedBlocks } from './blocks.js';
import { longestIncreasingSubsequence } from './lis.js';
import type { DiffOptions, EpisodeDiff, SceneDiff } from './types.js';

/** A scene of one side, with the id it is matched by (null: cannot be matched). */
interface SideScene {
  node: Node;
  index: number;
  id: string | null;
  /** The id as written, even when a duplicate cannot be matched. */
  rawId: string | null;
}

function scenesOf(doc: Node): SideScene[] {
  const out: SideScene[] = [];
  const seen = new Set<string>();
  doc.forEach((node) => {
    if (node.type.name !== NodeName.scene) return;
    const raw = node.attrs.sceneId;
    const rawId = typeof raw === 'string' && raw !== '' ? raw : null;
    // The first scene in document order owns a duplicated id, as scene-id repair decides [SC1].
    const id = rawId !== null && !seen.has(rawId) ? rawId : null;
    if (id !== null) seen.add(id);
    out.push({ node, index: out.length, id, rawId });
  });
  return out;
}

function headingOf(scene: Node): string {
  const first = scene.firstChild;
  return first && first.type.name === NodeName.sceneHeading ? first.textContent : '';
}

function oneSidedScene(s: SideScene, side: 'added' | 'removed'): SceneDiff {
  const heading = headingOf(s.node);
  return {
    sceneId: s.rawId,
    status: side,
    moved: false,
    beforeIndex: side === 'removed' ? s.index : null,
    afterIndex: side === 'added' ? s.index : null,
    headingBefore: side === 'removed' ? heading : null,
    headingAfter: side === 'added' ? heading : null,
    headingChanged: false,
    blocks: oneSidedBlocks(s.node, side),
  };
}

/**
 * Diffs two versions of an episode document (shared schema) [RV3]. Scenes
 * are matched by `sceneId`; unmatched ones are added or removed. Of the
 * matched scenes, a longest run that kept its relative order stays in place
 * and every other one is reported moved — the fewest moves that explain the
 * new order [RV4]. A matched scene whose content differs is changed [RV5], with
 * its heading change flagged [RV6] and its textblocks aligned and diffed [RV7]
 * [RV8]. The result is plain JSON.
 */
export function diffEpisodes(before: Node, after: Node, opts: DiffOptions = {}): EpisodeDiff {
  const threshold = opts.blockSimilarity ?? 0.5;
  const b = scenesOf(before);
  const a = scenesOf(after);
  const beforeById = new Map<string, SideScene>();
  for (const s of b) if (s.id !== null) beforeById.set(s.id, s);

  // Matched after-scenes in after order, with their before positions.
  const matched: { after: SideScene; before: SideScene }[] = [];
  for (const s of a) {
    const other = s.id !== null ? beforeById.get(s.id) : undefined;
    if (other) matched.push({ after: s, before: other });
  }
  const kept = new Set(longestIncreasingSubsequence(matched.map((m) => m.before.index)).map((i) => matched[i]!.after));
  const matchedBefore = new Set(matched.map((m) => m.before));
  const matchOfAfter = new Map(matched.map((m) => [m.after, m.before]));

  const result: EpisodeDiff = { scenes: [], added: [], removed: [], moved: [], changed: [], unchanged: [] };
  const removedQueue = b.filter((s) => !matchedBefore.has(s));
  let nextRemoved = 0;
  const emitRemovedBefore = (beforeIndex: number): void => {
    for (; nextRemoved < removedQueue.length && removedQueue[nextRemoved]!.index < beforeIndex; nextRemoved++) {
      const s = removedQueue[nextRemoved]!;
      result.scenes.push(oneSidedScene(s, 'removed'));
      if (s.id !== null) result.removed.push(s.id);
    }
  };

  for (const s of a) {
    const other = matchOfAfter.get(s);
    if (!other) {
      result.scenes.push(oneSidedScene(s, 'added'));
      if (s.rawId !== null) result.added.push(s.rawId);
      continue;
    }
    const id = s.id!;
    const moved = !kept.has(s);
    // Removed scenes are placed by the scenes that stayed: a moved scene says nothing about its old neighbours.
    if (!moved) emitRemovedBefore(other.index);
    const same = other.node.eq(s.node);
    const headingBefore = headingOf(other.node);
    const headingAfter = headingOf(s.node);
    result.scenes.push({
      sceneId: id,
      status: same ? 'unchanged' : 'changed',
      moved,
      beforeIndex: other.index,
      afterIndex: s.index,
      headingBefore,
      headingAfter,
      headingChanged: headingBefore !== headingAfter,
      blocks: same ? [] : diffSceneBlocks(other.node, s.node, threshold),
    });
    if (moved) result.moved.push(id);
    if (!same) result.changed.push(id);
    if (same && !moved) result.unchanged.push(id);
  }
  emitRemovedBefore(Number.POSITIVE_INFINITY);
  return result;
}
