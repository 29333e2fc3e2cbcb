import { NodeName, toFullWidthPunctuation } from '@loopline/shared';
import type { Node } from 'prosemirror-model';
import { type EditorState, Plugin, type Transaction } from 'prosemirror-state';
import { punctuationKey } from '../keys.js';
import { isLocalEdit, replaceTextMinimal, touchedTextblocks } from './localChanges.js';

/** Elements whose text is Chinese prose and gets full-width punctuation. */
export const FULL_WIDTH_ELEMENTS: ReadonlySet<string> = new Set([
  NodeName.dialogue,
  NodeName.parenthetical,
  NodeName.action,
  NodeName.caption,
  NodeName.castLine,
]);

// The mark just typed (optionally followed by spaces) waits for the next
// character: whether `3.` becomes `3。` or stays `3.5` depends on it. A run of
// dots waits as a whole, since `...` becomes `……`.
const PENDING_MARK = /(?:\.+|[,?!:;()])\s*$/;

function convert(tr: Transaction, node: Node, pos: number, cursorOffset: number | null): void {
  if (!FULL_WIDTH_ELEMENTS.has(node.type.name)) return;
  const text = node.textContent;
  let converted = toFullWidthPunctuation(text);
  const pending = cursorOffset === null ? null : PENDING_MARK.exec(text.slice(0, cursorOffset));
  if (pending && cursorOffset !== null) {
    // Convert what precedes the waiting marks; leave them and the rest as typed.
    converted = toFullWidthPunctuation(text.slice(0, pending.index)) + text.slice(pending.index);
  }
  replaceTextMinimal(tr, tr.mapping.map(pos), text, converted);
}

/**
 * Chinese scripts: ASCII punctuation in dialogue and other prose becomes
 * full-width (，。？！：；（）……) using toFullWidthPunctuation [ED15]. A
 * mark right before the cursor waits until the next character is typed or
 * the cursor leaves the block, so numbers, times and ASCII words come out
 * right (3.5, 20:00, Node.js). Pastes are converted at once. IME
 * compositions and remote edits are never rewritten.
 */
export function punctuationPlugin(): Plugin {
  return new Plugin({
    key: punctuationKey,
    appendTransaction(trs, oldState, state) {
      const tr = state.tr;
      const pasted = trs.some((t) => t.getMeta('paste') || t.getMeta('uiEvent') === 'drop');
      const head = state.selection.$head;
      const cursorBlockPos = head.parent.isTextblock ? head.before() : -1;
      for (const { node, pos } of touchedTextblocks(trs, state)) {
        convert(tr, node, pos, !pasted && pos === cursorBlockPos ? head.parentOffset : null);
      }
      const left = blockLeft(trs, oldState, state, cursorBlockPos);
      if (left) convert(tr, left.node, left.pos, null);
      return tr.docChanged ? tr : null;
    },
  });
}

/** The block the cursor was in before these transactions, if it has left it. */
function blockLeft(
  trs: readonly Transaction[],
  oldState: EditorState,
  state: EditorState,
  cursorBlockPos: number,
): { node: Node; pos: number } | null {
  if (!trs.some((t) => t.selectionSet || isLocalEdit(t))) return null;
  const oldHead = oldState.selection.$head;
  if (!oldHead.parent.isTextblock) return null;
  let pos = oldHead.before();
  for (const t of trs) {
    const mapped = t.mapping.mapResult(pos, 1);
    if (mapped.deleted) return null;
    pos = mapped.pos;
  }
  if (pos === cursorBlockPos) return null;
  const node = state.doc.nodeAt(pos);
  return node?.isTextblock ? { node, pos } : null;
}
