import { TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { enterFlow, splitSameElement } from './enterFlow.js';
import { apply, render, run, sceneIds, stateOf } from './testDoc.js';

const heading = '# s1 1-1 夜 内 客厅';

describe('Enter flow', () => {
  it('[ED3] Enter after a cue starts dialogue, after dialogue a new cue, after a parenthetical dialogue', () => {
    let s = stateOf([heading, 'character: 林晚|']);
    s = run(s, enterFlow);
    expect(render(s)).toEqual([heading, 'character: 林晚', 'dialogue: |']);
    s = run(s, (st, d) => {
      d?.(st.tr.insertText('你来了。'));
      return true;
    });
    s = run(s, enterFlow);
    expect(render(s)).toEqual([heading, 'character: 林晚', 'dialogue: 你来了。', 'character: |']);
    expect(render(run(stateOf([heading, 'parenthetical: 冷笑|']), enterFlow))).toEqual([
      heading,
      'parenthetical: 冷笑',
      'dialogue: |',
    ]);
  });

  it('[ED3] Enter after a heading or an action line starts action', () => {
    expect(render(run(stateOf(['# s1 1-1 夜 内 客厅|']), enterFlow))).toEqual([heading, 'action: |']);
    expect(render(run(stateOf([heading, 'action[character]: 林晚推门|']), enterFlow))).toEqual([
      heading,
      'action[character]: 林晚推门',
      'action: |',
    ]);
  });

  it('[ED3] Enter inside a block splits it and keeps the element and its attributes', () => {
    const s = run(stateOf([heading, 'character[VO]: 林|晚']), enterFlow);
    expect(render(s)).toEqual([heading, 'character[VO]: 林', 'character[VO]: |晚']);
  });

  it('[ED3] Enter inside a heading continues the rest as action', () => {
    const s = run(stateOf(['# s1 1-1 夜 内| 客厅']), enterFlow);
    expect(render(s)).toEqual(['# s1 1-1 夜 内', 'action: | 客厅']);
  });

  it('[ED3] Enter on an empty non-action block turns it into action', () => {
    for (const type of ['character', 'dialogue', 'parenthetical', 'transition', 'caption', 'hook']) {
      const s = run(stateOf([heading, 'dialogue: 走吧。', `${type}: |`]), enterFlow);
      expect(render(s)).toEqual([heading, 'dialogue: 走吧。', 'action: |']);
    }
  });

  it('[ED4] Enter at the end of a transition starts a new scene with a new sceneId', () => {
    const s = run(stateOf([heading, 'action: 门关上。', 'transition: 切至：|', '# s2 1-2 日 外 街道']), enterFlow);
    expect(render(s)).toEqual([heading, 'action: 门关上。', 'transition: 切至：', '# * |', '# s2 1-2 日 外 街道']);
    const ids = sceneIds(s);
    expect(new Set(ids).size).toBe(3);
    expect(ids[1]).toMatch(/^s[0-9a-z]{18}$/);
  });

  it('[ED4] a transition in the middle of a scene carries the blocks after it into the new scene', () => {
    const s = run(stateOf([heading, 'transition: 闪回：|', 'action: 童年的院子。']), enterFlow);
    expect(render(s)).toEqual([heading, 'transition: 闪回：', '# * |', 'action: 童年的院子。']);
  });

  it('[ED4] Enter on an empty last action line ends the scene and starts a new one', () => {
    const s = run(stateOf([heading, 'action: 林晚转身离开。', 'action: |']), enterFlow);
    expect(render(s)).toEqual([heading, 'action: 林晚转身离开。', '# * |']);
    expect(sceneIds(s)[0]).toBe('s1');
  });

  it('[ED4] Enter at the start of a heading opens a new scene above; this scene keeps its id', () => {
    const s = run(stateOf(['# s1 |1-1 夜 内 客厅', 'action: 灯亮。']), enterFlow);
    expect(render(s)).toEqual(['# * |', '# s1 1-1 夜 内 客厅', 'action: 灯亮。']);
  });

  it('[ED3] a selection is replaced by the flow', () => {
    const base = stateOf([heading, 'character: 林晚|']);
    const head = base.selection.head;
    const withSelection = base.apply(base.tr.setSelection(TextSelection.create(base.doc, head - 1, head)));
    expect(render(run(withSelection, enterFlow))).toEqual([heading, 'character: 林', 'dialogue: |']);
  });

  it('[ED3] Shift-Enter splits keeping the element', () => {
    expect(render(run(stateOf([heading, 'dialogue: 第一句。|']), splitSameElement))).toEqual([
      heading,
      'dialogue: 第一句。',
      'dialogue: |',
    ]);
    expect(render(run(stateOf(['# s1 1-1|']), splitSameElement))).toEqual(['# s1 1-1', 'action: |']);
  });
});

describe('Enter flow in dual dialogue', () => {
  const dual = (left: string[], right: string[]) => [
    heading,
    'dual',
    ...left.map((l) => `1 ${l}`),
    ...right.map((l) => `2 ${l}`),
  ];

  it('[ED5] cue → dialogue inside a column', () => {
    const s = run(stateOf(dual(['character: 甲|', 'dialogue: 好'], ['character: 乙', 'dialogue: 好'])), enterFlow);
    expect(render(s)).toEqual(dual(['character: 甲', 'dialogue: |', 'dialogue: 好'], ['character: 乙', 'dialogue: 好']));
  });

  it('[ED5] the end of the left dialogue jumps to the right cue; the end of the right leaves the dual dialogue', () => {
    let s = run(stateOf(dual(['character: 甲', 'dialogue: 好|'], ['character: 乙', 'dialogue: 行'])), enterFlow);
    expect(render(s)).toEqual(dual(['character: 甲', 'dialogue: 好'], ['character: 乙|', 'dialogue: 行']));
    s = run(stateOf(dual(['character: 甲', 'dialogue: 好'], ['character: 乙', 'dialogue: 行|'])), enterFlow);
    expect(render(s)).toEqual([...dual(['character: 甲', 'dialogue: 好'], ['character: 乙', 'dialogue: 行']), 'character: |']);
  });

  it('[ED5] an empty extra line in a column is dropped on the way out', () => {
    const s = run(stateOf(dual(['character: 甲', 'dialogue: 好', 'dialogue: |'], ['character: 乙', 'dialogue: 行'])), enterFlow);
    expect(render(s)).toEqual(dual(['character: 甲', 'dialogue: 好'], ['character: 乙|', 'dialogue: 行']));
  });

  it('[ED5] a column never gets a second cue', () => {
    const s = stateOf(dual(['character: 甲|乙', 'dialogue: 好'], ['character: 乙', 'dialogue: 行']));
    expect(apply(s, enterFlow)).toBeNull();
  });
});
