import { sceneNumbers } from '@loopline/shared';
import type { Node } from 'prosemirror-model';
import { Plugin } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { sceneNumbersKey } from '../keys.js';

/** Node decorations carrying each heading's scene number for the margin (CSS draws it). */
function decorate(doc: Node, episodeNumber: number): DecorationSet {
  const numbers = sceneNumbers(doc, episodeNumber);
  const decorations: Decoration[] = [];
  let i = 0;
  doc.forEach((scene, pos) => {
    const heading = scene.firstChild;
    const number = numbers[i++];
    if (!heading || number === undefined) return;
    decorations.push(Decoration.node(pos + 1, pos + 1 + heading.nodeSize, { 'data-scene-number': number }));
  });
  return DecorationSet.create(doc, decorations);
}

/**
 * Scene numbers (`集-场`, e.g. 3-2) in the left margin of every heading
 * [ED16], from sceneNumbers so the navigator, exports and the editor agree.
 * Recomputed on every document change rather than mapped: y-prosemirror
 * applies remote changes as whole-document replaces, which mapping cannot
 * follow (STACK.md).
 */
export function sceneNumbersPlugin(episodeNumber: number): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: sceneNumbersKey,
    state: {
      init: (_config, state) => decorate(state.doc, episodeNumber),
      apply: (tr, old) => (tr.docChanged ? decorate(tr.doc, episodeNumber) : old),
    },
    props: {
      decorations(state) {
        return sceneNumbersKey.getState(state) as DecorationSet;
      },
    },
  });
}
