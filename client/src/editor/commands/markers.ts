import { type MarkerName, NodeName, scriptSchema } from '@loopline/shared';
import { type Command, emptyBlock, selectionContext, setCursor } from './context.js';

/**
 * Inserts an episode marker (hook, cliffhanger, paywall) [ED12]: an empty
 * scene-level body block becomes the marker; otherwise the marker is inserted
 * after the current scene-level block (after the whole dual dialogue when in
 * one), and the cursor goes into it for an optional note.
 */
export function insertMarker(marker: MarkerName): Command {
  return (state, dispatch) => {
    const ctx = selectionContext(state);
    if (!ctx) return false;
    if (dispatch) {
      const tr = state.tr;
      const convertible = !ctx.inColumn && ctx.type !== NodeName.sceneHeading && ctx.block.content.size === 0;
      if (convertible) {
        tr.setBlockType(ctx.$pos.pos, ctx.$pos.pos, scriptSchema.nodes[marker]!);
      } else {
        const after = ctx.$pos.after(2);
        tr.insert(after, emptyBlock(marker));
        setCursor(tr, after + 1);
      }
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}
