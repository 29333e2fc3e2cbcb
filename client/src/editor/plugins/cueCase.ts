import { NodeName, uppercaseCue } from '@loopline/shared';
import { Plugin } from 'prosemirror-state';
import { cueCaseKey } from '../keys.js';
import { replaceTextMinimal, touchedTextblocks } from './localChanges.js';

/**
 * English scripts: character cues are upper-cased as they are typed or pasted
 * [ED14]. The text itself changes (not just CSS) so exports and the outline
 * see `EVELYN`. uppercaseCue is length-preserving, so the cursor stays put.
 * Remote edits are left alone: their author's editor already did this.
 */
export function cueCasePlugin(): Plugin {
  return new Plugin({
    key: cueCaseKey,
    appendTransaction(trs, _old, state) {
      const tr = state.tr;
      for (const { node, pos } of touchedTextblocks(trs, state)) {
        if (node.type.name !== NodeName.character) continue;
        const text = node.textContent;
        replaceTextMinimal(tr, tr.mapping.map(pos), text, uppercaseCue(text));
      }
      return tr.docChanged ? tr : null;
    },
  });
}
