import { diffArrays } from 'diff';
import type { Node } from 'prosemirror-model';
import { diffText, textSimilarity } from './text.js';
import type { BlockDiff } from './types.js';

/** A textblock of a scene and where it starts, relative to the start of the scene's content. */
export interface SceneTextblock {
  node: Node;
  /** ProseMirror offset of the block's opening token inside the scene (scenePos + 1 + offset is its document position). */
  offset: number;
}

/**
 * The textblocks of a scene in document order: the heading (index 0), then
 * body lines; a dual dialogue contributes the lines of its columns one by
 * one. These indexes are the block indexes of diffs and evidence anchors [RV7].
 */
export function sceneTextblocks(scene: Node): SceneTextblock[] {
  const out: SceneTextblock[] = [];
  scene.descendants((node, offset) => {
    if (node.isTextblock) {
      out.push({ node, offset });
      return false;
    }
    return true;
  });
  return out;
}

/** What the block diff compares: equal keys mean equal blocks. */
interface BlockInfo {
  type: string;
  text: string;
  /** Type, attributes and marks: differs while the text is equal → formatChanged / typeChanged. */
  format: string;
  key: string;
}

function marksSignature(node: Node): string {
  let sig = '';
  node.forEach((child, offset) => {
    if (child.marks.length > 0) sig += `${offset}:${child.nodeSize}:${child.marks.map((m) => JSON.stringify(m.toJSON())).join(',')};`;
  });
  return sig;
}

function blockInfo(node: Node): BlockInfo {
  const format = `${node.type.name}|${JSON.stringify(node.attrs)}|${marksSignature(node)}`;
  const text = node.textContent;
  return { type: node.type.name, text, format, key: `${format}\u0000${text}` };
}

function equalBlock(b: BlockInfo, bi: number, ai: number): BlockDiff {
  return {
    op: 'equal',
    beforeIndex: bi,
    afterIndex: ai,
    typeBefore: b.type,
    typeAfter: b.type,
    typeChanged: false,
    formatChanged: false,
    runs: b.text === '' ? [] : [{ op: 'equal', text: b.text }],
  };
}

function changedBlock(b: BlockInfo, a: BlockInfo, bi: number, ai: number): BlockDiff {
  return {
    op: b.key === a.key ? 'equal' : 'changed',
    beforeIndex: bi,
    afterIndex: ai,
    typeBefore: b.type,
    typeAfter: a.type,
    typeChanged: b.type !== a.type,
    formatChanged: b.type === a.type && b.format !== a.format,
    runs: diffText(b.text, a.text),
  };
}

/** Every block of a scene that exists on one side only (an added or a removed scene). */
export function oneSidedBlocks(scene: Node, side: 'added' | 'removed'): BlockDiff[] {
  return sceneTextblocks(scene).map(({ node }, index) => oneSided({ info: blockInfo(node), index }, side));
}

function similarity(b: BlockInfo, a: BlockInfo): number {
  // A changed element type keeps most of the likeness: "action → dialogue" with the same words is one edit.
  return textSimilarity(b.text, a.text) * (b.type === a.type ? 1 : 0.9);
}

// Above this many removed × added blocks in one hunk, pairing is greedy instead of optimal (keeps a pasted-over scene cheap).
const MAX_PAIRING_CELLS = 4096;

/**
 * Pairs removed blocks with added blocks of one hunk, keeping their order and
 * maximizing total similarity (a weighted LCS); pairs below `threshold` are
 * not made. Returns the hunk's block diffs in reading order.
 */
function pairHunk(
  removed: { info: BlockInfo; index: number }[],
  added: { info: BlockInfo; index: number }[],
  threshold: number,
): BlockDiff[] {
  const R = removed.length;
  const A = added.length;
  const pairs: [number, number][] = [];
  if (R > 0 && A > 0 && R * A <= MAX_PAIRING_CELLS) {
    // best[i][j]: best total for removed[i..] × added[j..]
    const best = Array.from({ length: R + 1 }, () => new Float64Array(A + 1));
    const sim = (i: number, j: number): number => {
      const s = similarity(removed[i]!.info, added[j]!.info);
      return s >= threshold ? s : -1;
    };
    for (let i = R - 1; i >= 0; i--) {
      for (let j = A - 1; j >= 0; j--) {
        const s = sim(i, j);
        best[i]![j] = Math.max(best[i + 1]![j]!, best[i]![j + 1]!, s >= 0 ? s + best[i + 1]![j + 1]! : -1);
      }
    }
    for (let i = 0, j = 0; i < R && j < A; ) {
      const s = sim(i, j);
      if (s >= 0 && best[i]![j] === s + best[i + 1]![j + 1]!) {
        pairs.push([i, j]);
        i++;
        j++;
      } else if (best[i]![j] === best[i + 1]![j]) i++;
      else j++;
    }
  } else if (R > 0 && A > 0) {
    for (let i = 0, j = 0; i < R && j < A; i++, j++) {
      if (similarity(removed[i]!.info, added[j]!.info) >= threshold) pairs.push([i, j]);
    }
  }
  const out: BlockDiff[] = [];
  let i = 0;
  let j = 0;
  const flush = (toI: number, toJ: number): void => {
    for (; i < toI; i++) out.push(oneSided(removed[i]!, 'removed'));
    for (; j < toJ; j++) out.push(oneSided(added[j]!, 'added'));
  };
  for (const [pi, pj] of pairs) {
    flush(pi, pj);
    out.push(changedBlock(removed[pi]!.info, added[pj]!.info, removed[pi]!.index, added[pj]!.index));
    i = pi + 1;
    j = pj + 1;
  }
  flush(R, A);
  return out;
}

function oneSided(block: { info: BlockInfo; index: number }, op: 'added' | 'removed'): BlockDiff {
  const { info, index } = block;
  return {
    op,
    beforeIndex: op === 'removed' ? index : null,
    afterIndex: op === 'added' ? index : null,
    typeBefore: op === 'removed' ? info.type : null,
    typeAfter: op === 'added' ? info.type : null,
    typeChanged: false,
    formatChanged: false,
    runs: info.text === '' ? [] : [{ op: op === 'added' ? 'insert' : 'delete', text: info.text }],
  };
}

/**
 * Aligns the textblocks of two versions of a scene [RV7]: the headings are
 * always paired; body blocks are aligned by a diff over their type, format
 * and text, and within each stretch of differing blocks, removed and added
 * blocks are paired by similarity into changed blocks with a text diff [RV8].
 */
export function diffSceneBlocks(before: Node, after: Node, threshold: number): BlockDiff[] {
  const b = sceneTextblocks(before).map(({ node }) => blockInfo(node));
  const a = sceneTextblocks(after).map(({ node }) => blockInfo(node));
  const out: BlockDiff[] = [];
  // The schema puts the heading first in every scene; pair it even when rewritten entirely.
  const headed = b[0]?.type === 'sceneHeading' && a[0]?.type === 'sceneHeading';
  const start = headed ? 1 : 0;
  if (headed) out.push(changedBlock(b[0]!, a[0]!, 0, 0));
  let bi = start;
  let ai = start;
  let removed: { info: BlockInfo; index: number }[] = [];
  let added: { info: BlockInfo; index: number }[] = [];
  const flushHunk = (): void => {
    if (removed.length + added.length > 0) out.push(...pairHunk(removed, added, threshold));
    removed = [];
    added = [];
  };
  const keys = (list: BlockInfo[]): string[] => list.slice(start).map((x) => x.key);
  for (const change of diffArrays(keys(b), keys(a))) {
    for (let k = 0; k < change.count; k++) {
      if (change.removed) removed.push({ info: b[bi]!, index: bi++ });
      else if (change.added) added.push({ info: a[ai]!, index: ai++ });
      else {
        flushHunk();
        out.push(equalBlock(a[ai]!, bi++, ai++));
      }
    }
  }
  flushHunk();
  return out;
}
