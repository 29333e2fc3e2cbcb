import type { Node } from 'prosemirror-model';
import { TextSelection } from 'prosemirror-state';
import { type Command, insertEmptyScene, selectionContext, setCursor } from './context.js';

/**
 * Inserts an empty scene (new sceneId) after the scene holding the cursor, or
 * at the end of the episode, and puts the cursor in its heading [ED7].
 */
export const insertScene: Command = (state, dispatch) => {
  const ctx = selectionContext(state);
  const pos = ctx ? ctx.scenePos + ctx.scene.nodeSize : state.doc.content.size;
  if (dispatch) {
    const tr = state.tr;
    setCursor(tr, insertEmptyScene(tr, pos));
    dispatch(tr.scrollIntoView());
  }
  return true;
};

/** Position before the scene at `index` (or the document end for index = count). */
function scenePos(doc: Node, index: number): number {
  let pos = 0;
  for (let i = 0; i < index; i++) pos += doc.child(i).nodeSize;
  return pos;
}

/**
 * Moves the scene at index `from` so that it ends up at index `to` (both in
 * the current order), keeping its sceneId [ED8]. A cursor inside the moved
 * scene moves with it. Used by the scene navigator's drag and drop.
 */
export function moveScene(from: number, to: number): Command {
  return (state, dispatch) => {
    const count = state.doc.childCount;
    if (from === to || from < 0 || to < 0 || from >= count || to >= count) return false;
    if (dispatch) {
      const scene = state.doc.child(from);
      const start = scenePos(state.doc, from);
      const tr = state.tr.delete(start, start + scene.nodeSize);
      const target = scenePos(tr.doc, to);
      tr.insert(target, scene);
      const { anchor, head } = state.selection;
      const inside = (p: number) => p > start && p < start + scene.nodeSize;
      if (inside(anchor) && inside(head)) {
        tr.setSelection(TextSelection.create(tr.doc, anchor - start + target, head - start + target));
      }
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}

/** Puts the cursor at the end of the heading of the scene at `index` [ED9]. */
export function selectScene(index: number): Command {
  return (state, dispatch) => {
    if (index < 0 || index >= state.doc.childCount) return false;
    if (dispatch) {
      const heading = state.doc.child(index).firstChild;
      const pos = scenePos(state.doc, index) + 2 + (heading?.content.size ?? 0);
      dispatch(state.tr.setSelection(TextSelection.create(state.doc, pos)).scrollIntoView());
    }
    return true;
  };
}
