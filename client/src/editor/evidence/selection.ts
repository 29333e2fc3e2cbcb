import { createSpanAnchorInScene, type SpanAnchor, type SpanInScene } from '@loopline/shared/collab';
import type { EditorState } from 'prosemirror-state';
import type * as Y from 'yjs';

/**
 * The editor's selection as a span of one scene's content (shared's
 * `SpanInScene`), or null when it cannot be linked: empty, outside a scene
 * with an id, or across two lines (a span anchor lives in one line) [UE8].
 */
export function selectionInScene(state: EditorState): SpanInScene | null {
  const { $from, $to, empty } = state.selection;
  if (empty || $from.depth < 2 || $from.index(0) !== $to.index(0)) return null;
  if (!$from.parent.isTextblock || !$from.sameParent($to)) return null;
  const scene = $from.node(1);
  const sceneId = scene.attrs.sceneId as unknown;
  if (typeof sceneId !== 'string' || sceneId === '') return null;
  const start = $from.before(1) + 1;
  return { sceneId, from: $from.pos - start, to: $to.pos - start };
}

/**
 * A span anchor on the selected text, made on the client's own Y.Doc (Yjs
 * relative positions plus the quote) [UE8]. The editor has written every
 * transaction to Yjs by the time a button or menu runs this, so the Y.Doc
 * and the editor agree. Null when the selection cannot be linked.
 */
export function anchorForSelection(state: EditorState, ydoc: Y.Doc): SpanAnchor | null {
  const span = selectionInScene(state);
  if (!span) return null;
  const anchor = createSpanAnchorInScene(ydoc, span);
  // The quote must read as the editor shows it; anything else means the two are out of step.
  return anchor && anchor.quote === state.doc.textBetween(state.selection.from, state.selection.to) ? anchor : null;
}

/** Whether "Link evidence to selection…" applies now (a command-style check for toolbars and menus). */
export function canLinkSelection(state: EditorState | null): boolean {
  return state !== null && selectionInScene(state) !== null;
}
