import type { Node } from 'prosemirror-model';
import type { EditorState, Transaction } from 'prosemirror-state';
import { ySyncPluginKey } from '../keys.js';

/**
 * True for a transaction this writer made in this editor: not one
 * y-prosemirror applied from Yjs (remote edits, undo/redo, scene-id repair),
 * and not an IME composition still in progress (rewriting text under a
 * composition breaks it).
 */
export function isLocalEdit(tr: Transaction): boolean {
  if (!tr.docChanged) return false;
  const sync = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
  if (sync?.isChangeOrigin) return false;
  return tr.getMeta('composition') === undefined;
}

/** A textblock of the new document: its node and the position before it. */
export interface TouchedBlock {
  node: Node;
  pos: number;
}

/**
 * The textblocks of `state.doc` that local edits among `trs` touched, each
 * once, in document order. Ranges are mapped forward through every later
 * step, so they are positions in the final document.
 */
export function touchedTextblocks(trs: readonly Transaction[], state: EditorState): TouchedBlock[] {
  const ranges: [number, number][] = [];
  for (const tr of trs) {
    const local = isLocalEdit(tr);
    for (const map of tr.mapping.maps) {
      // Map earlier ranges through this step, so all stay in current coordinates.
      for (const r of ranges) {
        r[0] = map.map(r[0], -1);
        r[1] = map.map(r[1], 1);
      }
      if (!local) continue;
      map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
        ranges.push([newStart, newEnd]);
      });
    }
  }
  const seen = new Set<number>();
  const out: TouchedBlock[] = [];
  const size = state.doc.content.size;
  for (const [from, to] of ranges) {
    state.doc.nodesBetween(Math.max(0, Math.min(from, size)), Math.max(0, Math.min(to, size)), (node, pos) => {
      if (!node.isTextblock) return true;
      if (!seen.has(pos)) {
        seen.add(pos);
        out.push({ node, pos });
      }
      return false;
    });
  }
  return out.sort((a, b) => a.pos - b.pos);
}

/**
 * Replaces a textblock's text `before` with `after` by changing only the
 * differing middle, so a cursor before or after the change stays where the
 * writer left it. Both strings must be the block's text (text-only content).
 */
export function replaceTextMinimal(tr: Transaction, blockPos: number, before: string, after: string): void {
  if (before === after) return;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  ) {
    end++;
  }
  const from = blockPos + 1 + start;
  const to = blockPos + 1 + before.length - end;
  const text = after.slice(start, after.length - end);
  if (text === '') tr.delete(from, to);
  else tr.insertText(text, from, to);
}
