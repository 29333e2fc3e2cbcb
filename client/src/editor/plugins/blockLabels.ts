import type { Node } from 'prosemirror-model';
import { Plugin } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { blockLabelsKey } from '../keys.js';
import { LABELLED_ELEMENTS, LABELS_CHANGED, type LabelFor } from './labels.js';

function decorate(doc: Node, label: LabelFor): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    if (LABELLED_ELEMENTS.has(node.type.name)) {
      decorations.push(Decoration.node(pos, pos + node.nodeSize, { 'data-label': label(node.type.name) }));
    }
    return false;
  });
  return DecorationSet.create(doc, decorations);
}

/**
 * Labels markers (钩子 hook / 卡点 cliffhanger / 付费卡点 paywall) and the
 * special elements (caption, sound, flashback, close-up, shot) in the UI
 * language [ED19]; CSS turns them into coloured bands and tags.
 */
export function blockLabelsPlugin(label: () => LabelFor): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: blockLabelsKey,
    state: {
      init: (_c, state) => decorate(state.doc, label()),
      apply: (tr, old) => (tr.docChanged || tr.getMeta(LABELS_CHANGED) ? decorate(tr.doc, label()) : old),
    },
    props: {
      decorations: (state) => blockLabelsKey.getState(state) as DecorationSet,
    },
  });
}
