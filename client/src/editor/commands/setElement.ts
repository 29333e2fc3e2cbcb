import { cycleElement, NodeName, scriptSchema } from '@loopline/shared';
import { setBlockType } from 'prosemirror-commands';
import { Fragment, type Node } from 'prosemirror-model';
import { type BlockContext, type Command, selectionContext, setCursor, splitSceneAt } from './context.js';

/** Text of a block without marks (for blocks whose type allows none). */
const plainContent = (block: Node): Fragment =>
  block.textContent ? Fragment.from(scriptSchema.text(block.textContent)) : Fragment.empty;

/** Body block → scene heading: the scene splits there and a new scene starts [ED6]. */
function bodyToHeading(ctx: BlockContext): Command {
  return (state, dispatch) => {
    if (ctx.inColumn) return false;
    if (dispatch) {
      const offset = ctx.$pos.parentOffset;
      const tr = state.tr.delete(ctx.blockPos, ctx.blockPos + ctx.block.nodeSize);
      const textStart = splitSceneAt(tr, ctx.blockPos, plainContent(ctx.block));
      dispatch(setCursor(tr, textStart + offset).scrollIntoView());
    }
    return true;
  };
}

/**
 * Scene heading → body block: the scene merges into the one before it, its
 * heading becoming a block of `type` [ED6]. The first scene cannot merge.
 */
function headingToBody(ctx: BlockContext, type: string, attrs: Record<string, unknown> | null): Command {
  return (state, dispatch) => {
    if (ctx.sceneIndex === 0) return false;
    const prev = state.doc.child(ctx.sceneIndex - 1);
    const prevPos = ctx.scenePos - prev.nodeSize;
    const nodeType = scriptSchema.nodes[type]!;
    const content = nodeType.spec.marks === '' ? plainContent(ctx.block) : ctx.block.content;
    const converted = nodeType.create(attrs, content);
    const rest: Node[] = [];
    ctx.scene.forEach((child, _o, i) => {
      if (i > 0) rest.push(child);
    });
    const merged = prev.copy(prev.content.append(Fragment.from([converted, ...rest])));
    if (dispatch) {
      const offset = ctx.$pos.parentOffset;
      const tr = state.tr.replaceWith(prevPos, ctx.scenePos + ctx.scene.nodeSize, merged);
      // The converted block starts where the previous scene's content ended.
      dispatch(setCursor(tr, prevPos + 1 + prev.content.size + 1 + offset).scrollIntoView());
    }
    return true;
  };
}

/**
 * Turns the current block into `type` [ED6]. Between body blocks this is a
 * plain type change (where the parent allows it: a dual-dialogue column only
 * takes cues, parentheticals and dialogue). Making a body block a scene
 * heading splits the scene; making a heading a body block merges its scene
 * into the previous one.
 */
export function setElement(type: string, attrs: Record<string, unknown> | null = null): Command {
  return (state, dispatch, view) => {
    const ctx = selectionContext(state);
    const nodeType = scriptSchema.nodes[type];
    if (!ctx || !nodeType?.isTextblock) return false;
    if (type === NodeName.sceneHeading) {
      return ctx.type === NodeName.sceneHeading || bodyToHeading(ctx)(state, dispatch, view);
    }
    if (ctx.type === NodeName.sceneHeading) return headingToBody(ctx, type, attrs)(state, dispatch, view);
    if (ctx.type === type && attrs === null) return true;
    return setBlockType(nodeType, attrs)(state, dispatch, view);
  };
}

/**
 * Tab (1) / Shift-Tab (-1): cycles the current block through the element
 * cycle (cycleElement from shared) [ED2], skipping elements the parent does
 * not accept there (in a dual-dialogue column: action, a second cue …). In a scene heading Tab does nothing but is
 * still consumed, so focus never leaves the editor.
 */
export function cycleElementCommand(direction: 1 | -1): Command {
  return (state, dispatch) => {
    const ctx = selectionContext(state);
    if (!ctx) return false;
    if (ctx.type === NodeName.sceneHeading) return true;
    // Skip elements the parent does not accept here (a column takes one cue
    // and no action); the cycle has six entries, so six steps visit them all.
    const $pos = ctx.$pos;
    const index = $pos.index(-1);
    const fits = (type: string) => $pos.node(-1).canReplaceWith(index, index + 1, scriptSchema.nodes[type]!);
    let next = cycleElement(ctx.type, direction);
    for (let i = 0; i < 6 && (next === ctx.type || !fits(next)); i++) next = cycleElement(next, direction);
    if (next === ctx.type || !fits(next)) return true;
    if (dispatch) {
      const pos = ctx.$pos.pos;
      dispatch(state.tr.setBlockType(pos, pos, scriptSchema.nodes[next]!).scrollIntoView());
    }
    return true;
  };
}
