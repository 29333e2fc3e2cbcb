import { describe, expect, it } from 'vitest';
import { ACTION_KINDS, BODY_TEXTBLOCKS, CUE_EXTENSIONS, ELEMENT_CYCLE, MARKERS, NodeName } from './nodes.js';
import { scriptSchema } from './schema.js';

type Json = { type: string; attrs?: Record<string, unknown>; content?: Json[]; text?: string; marks?: { type: string }[] };
const text = (value: string, marks?: string[]): Json => ({
  type: 'text',
  text: value,
  ...(marks ? { marks: marks.map((type) => ({ type })) } : {}),
});
const block = (type: string, value: string, attrs?: Record<string, unknown>): Json => ({
  type,
  ...(attrs ? { attrs } : {}),
  content: [text(value)],
});
const scene = (sceneId: string, ...body: Json[]): Json => ({
  type: 'scene',
  attrs: { sceneId },
  content: [block('sceneHeading', '夜 内 医院走廊'), ...body],
});
const doc = (...content: Json[]): Json => ({ type: 'doc', content });
const checks = (json: Json): void => scriptSchema.nodeFromJSON(json).check();

/** Every block type of a micro-drama episode, once. */
const fullEpisode = doc(
  scene(
    'e1-s1',
    block('castLine', '林晚、顾承泽'),
    block('action', '走廊灯光惨白。', { kind: 'environment' }),
    block('action', '林晚攥紧协议书。', { kind: 'character' }),
    block('hook', '开场钩子：她签下离婚协议。'),
    block('character', '林晚', { extension: 'OS' }),
    block('parenthetical', '低声'),
    { type: 'dialogue', content: [text('顾总，'), text('请签收', ['strong']), text('。')] },
    block('caption', '六年后'),
    block('sound', '手机震动'),
    block('flashback', '六年前，民政局'),
    block('closeUp', '协议书上的签名'),
    block('shot', '俯拍'),
    block('transition', '切至：'),
  ),
  scene(
    'e1-s2',
    {
      type: 'dualDialogue',
      content: [
        { type: 'dialogueColumn', content: [block('character', 'EVELYN'), block('dialogue', 'You?')] },
        {
          type: 'dialogueColumn',
          content: [block('character', 'ETHAN'), block('parenthetical', 'beat'), block('dialogue', 'You.')],
        },
      ],
    },
    block('cliffhanger', '卡点：门外站着两个孩子。'),
    block('paywall', '付费卡点'),
  ),
);

describe('scriptSchema', () => {
  it('[SC3] has a node type for every NodeName and nothing else', () => {
    const names = Object.values(NodeName).sort();
    expect(Object.keys(scriptSchema.nodes).sort()).toEqual(names);
    for (const list of [ELEMENT_CYCLE, BODY_TEXTBLOCKS, MARKERS]) {
      for (const name of list) expect(scriptSchema.nodes[name]?.isTextblock).toBe(true);
    }
    expect(scriptSchema.topNodeType.name).toBe(NodeName.doc);
  });

  it('[SC3] a full micro-drama episode with every element checks and round-trips through JSON', () => {
    const node = scriptSchema.nodeFromJSON(fullEpisode);
    expect(() => node.check()).not.toThrow();
    expect(node.toJSON()).toEqual(scriptSchema.nodeFromJSON(node.toJSON()).toJSON());
    expect(node.childCount).toBe(2);
  });

  it('[SC3] scene, heading, action and cue attributes have their documented defaults', () => {
    const node = scriptSchema.nodeFromJSON(doc({ type: 'scene', content: [{ type: 'sceneHeading' }, { type: 'action' }, { type: 'character' }] }));
    const first = node.firstChild!;
    expect(first.attrs).toEqual({ sceneId: null });
    expect(first.child(0).attrs).toEqual({ number: null });
    expect(ACTION_KINDS).toContain(first.child(1).attrs.kind);
    expect(CUE_EXTENSIONS).toContain(first.child(2).attrs.extension);
  });

  it('[SC3] rejects an empty document and a scene without a heading first', () => {
    expect(() => checks(doc())).toThrow(RangeError);
    expect(() => checks(doc({ type: 'scene', attrs: { sceneId: 'x' }, content: [block('action', '无标题')] }))).toThrow(
      RangeError,
    );
    expect(() =>
      checks(doc({ type: 'scene', attrs: { sceneId: 'x' }, content: [block('sceneHeading', 'a'), block('sceneHeading', 'b')] })),
    ).toThrow(RangeError);
  });

  it('[SC3] rejects body blocks outside a scene and scenes inside scenes', () => {
    expect(() => checks(doc(block('action', '游离的动作')))).toThrow(RangeError);
    expect(() => checks(doc(scene('a', scene('b'))))).toThrow(RangeError);
  });

  it('[SC3] dual dialogue needs exactly two columns, each opening with a cue and holding a line', () => {
    const column = { type: 'dialogueColumn', content: [block('character', 'MIA'), block('dialogue', 'Hi.')] };
    expect(() => checks(doc(scene('a', { type: 'dualDialogue', content: [column] })))).toThrow(RangeError);
    expect(() => checks(doc(scene('a', { type: 'dualDialogue', content: [column, column, column] })))).toThrow(RangeError);
    const noCue = { type: 'dialogueColumn', content: [block('dialogue', 'Hi.')] };
    expect(() => checks(doc(scene('a', { type: 'dualDialogue', content: [column, noCue] })))).toThrow(RangeError);
    const cueOnly = { type: 'dialogueColumn', content: [block('character', 'RAY')] };
    expect(() => checks(doc(scene('a', { type: 'dualDialogue', content: [column, cueOnly] })))).toThrow(RangeError);
  });

  it('[SC3] rejects marks on cues and headings, nested blocks in text blocks, and unknown node types', () => {
    const boldCue = { type: 'character', content: [text('林晚', ['strong'])] };
    expect(() => checks(doc(scene('a', boldCue)))).toThrow(RangeError);
    expect(() => checks(doc(scene('a', { type: 'dialogue', content: [block('action', 'x')] })))).toThrow(RangeError);
    expect(() => checks(doc(scene('a', block('montage', 'x'))))).toThrow(RangeError);
  });
});
