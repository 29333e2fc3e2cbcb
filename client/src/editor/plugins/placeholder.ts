import type { Node } from 'prosemirror-model';
import { Plugin } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { placeholderKey } from '../keys.js';
import { LABELLED_ELEMENTS, LABELS_CHANGED, type LabelFor } from './labels.js';

function decorate(doc: Node, label: LabelFor): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    // Labelled elements already say what they are.
    if (node.content.size === 0 && !LABELLED_ELEMENTS.has(node.type.name)) {
      decorations.push(
        Decoration.node(pos, pos + node.nodeSize, { class: 'is-empty', 'data-placeholder': label(node.type.name) }),
      );
    }
    return false;
  });
  return DecorationSet.create(doc, decorations);
}

/**
 * Placeholders in empty blocks naming their element ("Character", "对白") in
 * the UI language [ED18], so a writer sees what Enter or Tab produced.
 */
export function placeholderPlugin(label: () => LabelFor): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: placeholderKey,
    state: {
      init: (_c, state) => decorate(state.doc, label()),
      apply: (tr, old) => (tr.docChanged || tr.getMeta(LABELS_CHANGED) ? decorate(tr.doc, label()) : old),
    },
    props: {
      decorations: (state) => placeholderKey.getState(state) as DecorationSet,
    },
  });
}
