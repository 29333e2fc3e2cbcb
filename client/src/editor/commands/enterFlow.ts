import { NodeName, nextElementAfter, scriptSchema } from '@loopline/shared';
import type { EditorState, Transaction } from 'prosemirror-state';
import {
  type BlockContext,
  type Command,
  contextAt,
  emptyBlock,
  insertEmptyScene,
  isLastInScene,
  setCursor,
  splitSceneAt,
} from './context.js';

/** Inserts an empty block of `type` right after the cursor's block and puts the cursor in it. */
function insertAfter(tr: Transaction, ctx: BlockContext, type: string): boolean {
  const after = ctx.blockPos + ctx.block.nodeSize;
  const $after = tr.doc.resolve(after);
  const block = emptyBlock(type);
  if (!$after.parent.canReplaceWith($after.index(), $after.index(), block.type)) return false;
  tr.insert(after, block);
  setCursor(tr, after + 1);
  return true;
}

/**
 * Splits the cursor's block at the cursor keeping its type; a split scene
 * heading continues as action, since a scene has one heading [ED3].
 */
function splitKeepingType(tr: Transaction, ctx: BlockContext): boolean {
  const pos = ctx.$pos.pos;
  const type = ctx.type === NodeName.sceneHeading ? NodeName.action : ctx.type;
  const nodeType = scriptSchema.nodes[type]!;
  // The parent must accept one more block of this type after the current one
  // (a dual-dialogue column takes one cue only).
  const $pos = ctx.$pos;
  const after = $pos.index(-1) + 1;
  if (!$pos.node(-1).canReplaceWith(after, after, nodeType)) return false;
  tr.split(pos, 1, [{ type: nodeType, attrs: ctx.type === type ? ctx.block.attrs : null }]);
  return true;
}

/**
 * Leaves a dual dialogue's column: from the left column to the end of the
 * right column's cue, from the right column to a new block after the dual
 * dialogue (the natural successor of dialogue).
 */
function leaveColumn(tr: Transaction, dualPos: number, columnIndex: number): boolean {
  const dual = tr.doc.nodeAt(dualPos)!;
  if (columnIndex === 0) {
    const rightCueText = dualPos + 1 + dual.child(0).nodeSize + 2;
    setCursor(tr, rightCueText + (dual.child(1).firstChild?.content.size ?? 0));
    return true;
  }
  const dualEnd = dualPos + dual.nodeSize;
  const next = nextElementAfter(NodeName.dialogue);
  tr.insert(dualEnd, emptyBlock(next === NodeName.sceneHeading ? NodeName.action : next));
  setCursor(tr, dualEnd + 1);
  return true;
}

/** Enter inside a dual-dialogue column [ED5]. */
function enterInColumn(tr: Transaction, ctx: BlockContext): boolean {
  const $pos = ctx.$pos;
  const columnIndex = $pos.index(-2);
  const dualPos = $pos.before(-2);
  if (ctx.block.content.size === 0) {
    // Drop the empty block when its column stays valid (cue + one line) without it.
    if ($pos.index(-1) > 0 && $pos.node(-1).childCount > 2) tr.delete(ctx.blockPos, ctx.blockPos + ctx.block.nodeSize);
    return leaveColumn(tr, dualPos, columnIndex);
  }
  if ($pos.parentOffset < ctx.block.content.size) return splitKeepingType(tr, ctx);
  if (ctx.type === NodeName.character || ctx.type === NodeName.parenthetical) {
    return insertAfter(tr, ctx, NodeName.dialogue);
  }
  return leaveColumn(tr, dualPos, columnIndex);
}

/** Enter at the end of a scene-level block whose natural successor is a new scene [ED4]. */
function startSceneAfter(tr: Transaction, ctx: BlockContext): boolean {
  const textStart = splitSceneAt(tr, ctx.blockPos + ctx.block.nodeSize);
  setCursor(tr, textStart);
  return true;
}

/** The flow itself, on a transaction whose selection is collapsed. */
function flow(tr: Transaction): boolean {
  const ctx = contextAt(tr.selection.$head);
  if (!ctx) return false;
  if (ctx.inColumn) return enterInColumn(tr, ctx);
  const empty = ctx.block.content.size === 0;
  const isHeading = ctx.type === NodeName.sceneHeading;
  if (empty && !isHeading && ctx.type !== NodeName.action) {
    // An empty non-action block: the writer wants out of it → action [ED3].
    tr.setBlockType(ctx.$pos.pos, ctx.$pos.pos, scriptSchema.nodes[NodeName.action]!);
    return true;
  }
  if (empty && ctx.type === NodeName.action && isLastInScene(ctx) && ctx.indexInScene > 1) {
    // A second Enter on an empty last action line ends the scene: the empty
    // line becomes the heading of a new scene [ED4].
    tr.delete(ctx.blockPos, ctx.blockPos + ctx.block.nodeSize);
    setCursor(tr, splitSceneAt(tr, ctx.blockPos));
    return true;
  }
  const atEnd = ctx.$pos.parentOffset === ctx.block.content.size;
  const atStart = ctx.$pos.parentOffset === 0;
  if (isHeading && atStart && !empty) {
    // Enter before a heading opens a new scene above this one; this scene keeps its id.
    setCursor(tr, insertEmptyScene(tr, ctx.scenePos));
    return true;
  }
  if (!atEnd) return splitKeepingType(tr, ctx);
  const next = nextElementAfter(ctx.type);
  if (next === NodeName.sceneHeading) return startSceneAfter(tr, ctx);
  return insertAfter(tr, ctx, next);
}

/**
 * Enter: the writer's flow from Final Draft / WriterDuet [ED3]–[ED5].
 * At the end of a block it starts the natural next element
 * (`nextElementAfter`: character → dialogue → character, heading → action …);
 * after a transition that is a new scene with a new sceneId. In the middle of
 * a block it splits keeping the element. On an empty non-action block it
 * turns the block into action; on an empty last action line it starts a new
 * scene. A selection is deleted first.
 */
export const enterFlow: Command = (state: EditorState, dispatch) => {
  if (!contextAt(state.selection.$head)) return false;
  const tr = state.tr;
  if (!state.selection.empty) tr.deleteSelection();
  if (!flow(tr)) return false;
  dispatch?.(tr.scrollIntoView());
  return true;
};

/**
 * Shift-Enter: split here and keep the element (a second dialogue paragraph,
 * another action line) [ED3]. The schema has no hard line break, on purpose:
 * every line of a screenplay is an element.
 */
export const splitSameElement: Command = (state, dispatch) => {
  const tr = state.tr;
  if (!state.selection.empty) tr.deleteSelection();
  const ctx = contextAt(tr.selection.$head);
  if (!ctx) return false;
  if (ctx.type === NodeName.sceneHeading && ctx.$pos.parentOffset === ctx.block.content.size) {
    if (!insertAfter(tr, ctx, NodeName.action)) return false;
  } else if (!splitKeepingType(tr, ctx)) return false;
  dispatch?.(tr.scrollIntoView());
  return true;
};
