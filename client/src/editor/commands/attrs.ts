import { type ActionKind, type CueExtension, NodeName, scriptSchema } from '@loopline/shared';
import { type Command, selectionContext } from './context.js';

/**
 * Marks the current action line as △ environment / empty shot, ▲ character
 * action or plain [ED10]. Choosing the kind it already has makes it plain. A
 * scene-level body block of another type becomes an action of that kind.
 */
export function setActionKind(kind: ActionKind): Command {
  return (state, dispatch) => {
    const ctx = selectionContext(state);
    if (!ctx || ctx.inColumn || ctx.type === NodeName.sceneHeading) return false;
    if (dispatch) {
      const tr = state.tr;
      if (ctx.type === NodeName.action) {
        const next = ctx.block.attrs.kind === kind ? 'plain' : kind;
        tr.setNodeAttribute(ctx.blockPos, 'kind', next);
      } else {
        tr.setBlockType(ctx.$pos.pos, ctx.$pos.pos, scriptSchema.nodes[NodeName.action]!, { kind });
      }
      dispatch(tr);
    }
    return true;
  };
}

/**
 * Sets the extension of the current character cue (OS, VO, CONT'D) [ED11];
 * setting the one it has clears it. Only applies inside a cue.
 */
export function setCueExtension(extension: CueExtension): Command {
  return (state, dispatch) => {
    const ctx = selectionContext(state);
    if (!ctx || ctx.type !== NodeName.character) return false;
    if (dispatch) {
      const next = ctx.block.attrs.extension === extension ? '' : extension;
      dispatch(state.tr.setNodeAttribute(ctx.blockPos, 'extension', next));
    }
    return true;
  };
}
