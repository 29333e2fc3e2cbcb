import { type MarkSpec, type NodeSpec, Schema } from 'prosemirror-model';
import { NodeName } from './nodes.js';

// Plain data only: no DOM, React or Yjs here (STYLE.md habit 1). toDOM returns
// DOMOutputSpec arrays, which the server never calls and the browser renders.

const textBlock = (name: string, extra: Partial<NodeSpec> = {}): NodeSpec => ({
  content: 'text*',
  marks: '_',
  defining: true,
  parseDOM: [{ tag: `p[data-type="${name}"]` }],
  toDOM: () => ['p', { 'data-type': name, class: `el el-${name}` }, 0],
  ...extra,
});

const bodyGroup = 'body';

const nodes: Record<string, NodeSpec> = {
  [NodeName.doc]: { content: 'scene+' },
  [NodeName.scene]: {
    content: `sceneHeading ${bodyGroup}*`,
    attrs: { sceneId: { default: null } },
    defining: true,
    isolating: false,
    parseDOM: [
      {
        tag: 'section[data-type="scene"]',
        getAttrs: (dom) => ({ sceneId: (dom as HTMLElement).getAttribute('data-scene-id') }),
      },
    ],
    toDOM: (node) => ['section', { 'data-type': 'scene', 'data-scene-id': node.attrs.sceneId, class: 'scene' }, 0],
  },
  [NodeName.sceneHeading]: textBlock(NodeName.sceneHeading, {
    // `number` pins a scene number (e.g. after a script is locked); null means auto-numbered.
    attrs: { number: { default: null } },
    marks: '',
    toDOM: () => ['h3', { 'data-type': NodeName.sceneHeading, class: 'el el-sceneHeading' }, 0],
    parseDOM: [{ tag: 'h3[data-type="sceneHeading"]' }],
  }),
  [NodeName.action]: textBlock(NodeName.action, {
    group: bodyGroup,
    attrs: { kind: { default: 'plain' } },
    toDOM: (node) => ['p', { 'data-type': NodeName.action, 'data-kind': node.attrs.kind, class: 'el el-action' }, 0],
    parseDOM: [
      {
        tag: 'p[data-type="action"]',
        getAttrs: (dom) => ({ kind: (dom as HTMLElement).getAttribute('data-kind') ?? 'plain' }),
      },
    ],
  }),
  [NodeName.character]: textBlock(NodeName.character, {
    group: bodyGroup,
    marks: '',
    attrs: { extension: { default: '' } },
    toDOM: (node) => [
      'p',
      { 'data-type': NodeName.character, 'data-extension': node.attrs.extension, class: 'el el-character' },
      0,
    ],
    parseDOM: [
      {
        tag: 'p[data-type="character"]',
        getAttrs: (dom) => ({ extension: (dom as HTMLElement).getAttribute('data-extension') ?? '' }),
      },
    ],
  }),
  [NodeName.parenthetical]: textBlock(NodeName.parenthetical, { group: bodyGroup }),
  [NodeName.dialogue]: textBlock(NodeName.dialogue, { group: bodyGroup }),
  [NodeName.dualDialogue]: {
    group: bodyGroup,
    content: `${NodeName.dialogueColumn}{2}`,
    parseDOM: [{ tag: 'div[data-type="dualDialogue"]' }],
    toDOM: () => ['div', { 'data-type': NodeName.dualDialogue, class: 'el el-dualDialogue' }, 0],
  },
  [NodeName.dialogueColumn]: {
    content: `${NodeName.character} (${NodeName.parenthetical} | ${NodeName.dialogue})+`,
    parseDOM: [{ tag: 'div[data-type="dialogueColumn"]' }],
    toDOM: () => ['div', { 'data-type': NodeName.dialogueColumn, class: 'el el-dialogueColumn' }, 0],
  },
  [NodeName.transition]: textBlock(NodeName.transition, { group: bodyGroup, marks: '' }),
  [NodeName.shot]: textBlock(NodeName.shot, { group: bodyGroup, marks: '' }),
  [NodeName.castLine]: textBlock(NodeName.castLine, { group: bodyGroup, marks: '' }),
  [NodeName.caption]: textBlock(NodeName.caption, { group: bodyGroup }),
  [NodeName.sound]: textBlock(NodeName.sound, { group: bodyGroup }),
  [NodeName.flashback]: textBlock(NodeName.flashback, { group: bodyGroup }),
  [NodeName.closeUp]: textBlock(NodeName.closeUp, { group: bodyGroup }),
  [NodeName.hook]: textBlock(NodeName.hook, { group: bodyGroup }),
  [NodeName.cliffhanger]: textBlock(NodeName.cliffhanger, { group: bodyGroup }),
  [NodeName.paywall]: textBlock(NodeName.paywall, { group: bodyGroup }),
  [NodeName.text]: {},
};

const marks: Record<string, MarkSpec> = {
  strong: { parseDOM: [{ tag: 'strong' }, { tag: 'b' }], toDOM: () => ['strong', 0] },
  em: { parseDOM: [{ tag: 'em' }, { tag: 'i' }], toDOM: () => ['em', 0] },
  underline: { parseDOM: [{ tag: 'u' }], toDOM: () => ['u', 0] },
};

/** The episode schema shared by the editor and the server (issue #2). */
export const scriptSchema: Schema = new Schema({ nodes, marks });
