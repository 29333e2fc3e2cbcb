import { NodeName } from '@loopline/shared';
import { repairSceneIds } from '@loopline/shared/collab';
import type { Node } from 'prosemirror-model';
import { Plugin } from 'prosemirror-state';
import type * as Y from 'yjs';
import { sceneIdsKey } from '../keys.js';
import { isLocalEdit } from './localChanges.js';

/** True when some scene lacks an id or repeats an earlier scene's. */
export function hasBrokenSceneIds(doc: Node): boolean {
  const seen = new Set<string>();
  let broken = false;
  doc.forEach((scene) => {
    if (scene.type.name !== NodeName.scene) return;
    const id: unknown = scene.attrs.sceneId;
    if (typeof id !== 'string' || id === '' || seen.has(id)) broken = true;
    else seen.add(id);
  });
  return broken;
}

/**
 * Keeps sceneIds unique [ED17]. After a local edit that leaves a duplicate
 * or missing id (a pasted or duplicated scene, a split the commands did not
 * make), it runs the shared `repairSceneIds` on the bound Y.Doc. The repair
 * derives ids from Yjs item ids, so every client (and the server, which runs
 * the same repair) writes the same values and they converge instead of
 * fighting. It runs after the view update, once y-prosemirror has written the
 * edit into Yjs; its origin is not tracked by undo.
 */
export function sceneIdsPlugin(ydoc: Y.Doc): Plugin<boolean> {
  return new Plugin<boolean>({
    key: sceneIdsKey,
    state: {
      init: () => false,
      // True when the last transaction was a local edit worth checking.
      apply: (tr) => isLocalEdit(tr),
    },
    view: () => {
      let scheduled = false;
      return {
        update(view) {
          if (scheduled || !sceneIdsKey.getState(view.state) || !hasBrokenSceneIds(view.state.doc)) return;
          scheduled = true;
          queueMicrotask(() => {
            scheduled = false;
            repairSceneIds(ydoc);
          });
        },
      };
    },
  });
}
