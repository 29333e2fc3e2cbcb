import { describe, expect, it } from 'vitest';
import { setActionKind, setCueExtension } from './attrs.js';
import { insertMarker } from './markers.js';
import { insertScene, moveScene, selectScene } from './scenes.js';
import { cycleElementCommand, setElement } from './setElement.js';
import { apply, render, run, sceneIds, stateOf } from './testDoc.js';

const heading = '# s1 1-1 夜 内 客厅';

describe('Tab cycle', () => {
  it('[ED2] Tab and Shift-Tab cycle the element: action → character → parenthetical → dialogue …', () => {
    let s = stateOf([heading, 'action: 林晚|']);
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      s = run(s, cycleElementCommand(1));
      seen.push(render(s)[1]!);
    }
    expect(seen).toEqual([
      'character: 林晚|',
      'parenthetical: 林晚|',
      'dialogue: 林晚|',
      'transition: 林晚|',
      'shot: 林晚|',
      'action: 林晚|',
    ]);
    expect(render(run(s, cycleElementCommand(-1)))[1]).toBe('shot: 林晚|');
  });

  it('[ED2] Tab in a heading is consumed and changes nothing', () => {
    const s = stateOf(['# s1 1-1|']);
    expect(render(run(s, cycleElementCommand(1)))).toEqual(['# s1 1-1|']);
  });

  it('[ED2] Tab in a dual-dialogue column only visits column elements', () => {
    const s = stateOf([heading, 'dual', '1 character: 甲', '1 dialogue: 好|', '2 character: 乙', '2 dialogue: 行']);
    const next = run(s, cycleElementCommand(1));
    // dialogue → (transition, shot, action skipped) → character is not allowed twice → parenthetical
    expect(render(next)[3]).toBe('1 parenthetical: 好|');
  });
});

describe('setElement', () => {
  it('[ED6] changes a body block to another element, dropping marks the element does not allow', () => {
    expect(render(run(stateOf([heading, 'action: 字幕：三年后|']), setElement('caption')))).toEqual([
      heading,
      'caption: 字幕：三年后|',
    ]);
  });

  it('[ED6] a body block made a scene heading splits the scene (new id, the rest follows it)', () => {
    const s = run(stateOf([heading, 'action: 甲', 'action: 2-1 日 外 |街道', 'action: 乙']), setElement('sceneHeading'));
    expect(render(s)).toEqual([heading, 'action: 甲', '# * 2-1 日 外 |街道', 'action: 乙']);
    expect(sceneIds(s)[0]).toBe('s1');
  });

  it('[ED6] a heading made a body block merges its scene into the previous one; the first scene cannot', () => {
    const s = run(stateOf([heading, 'action: 甲', '# s2 雨|夜', 'action: 乙']), setElement('action'));
    expect(render(s)).toEqual([heading, 'action: 甲', 'action: 雨|夜', 'action: 乙']);
    expect(apply(stateOf(['# s1 1-1|']), setElement('action'))).toBeNull();
  });

  it('[ED6] a column accepts only cue, parenthetical and dialogue', () => {
    const s = stateOf([heading, 'dual', '1 character: 甲', '1 dialogue: 好|', '2 character: 乙', '2 dialogue: 行']);
    expect(apply(s, setElement('action'))).toBeNull();
    expect(render(run(s, setElement('parenthetical')))[3]).toBe('1 parenthetical: 好|');
  });
});

describe('scenes', () => {
  it('[ED7] insertScene adds an empty scene with a new id after the current one', () => {
    const s = run(stateOf([heading, 'action: 甲|', '# s2 1-2']), insertScene);
    expect(render(s)).toEqual([heading, 'action: 甲', '# * |', '# s2 1-2']);
  });

  it('[ED8] moveScene reorders scenes, keeping ids and a cursor inside the moved scene', () => {
    const s = stateOf(['# s1 A', 'action: a|', '# s2 B', '# s3 C', 'action: c']);
    const moved = run(s, moveScene(0, 2));
    expect(render(moved)).toEqual(['# s2 B', '# s3 C', 'action: c', '# s1 A', 'action: a|']);
    expect(render(run(moved, moveScene(2, 0)))).toEqual(render(s));
    expect(apply(s, moveScene(1, 1))).toBeNull();
    expect(apply(s, moveScene(0, 3))).toBeNull();
  });

  it('[ED9] selectScene puts the cursor at the end of that scene heading', () => {
    expect(render(run(stateOf(['# s1 A|', '# s2 B']), selectScene(1)))).toEqual(['# s1 A', '# s2 B|']);
  });
});

describe('attributes and markers', () => {
  it('[ED10] action kind toggles between △ environment, ▲ character and plain', () => {
    let s = run(stateOf([heading, 'action: 空镜|']), setActionKind('environment'));
    expect(render(s)[1]).toBe('action[environment]: 空镜|');
    s = run(s, setActionKind('character'));
    expect(render(s)[1]).toBe('action[character]: 空镜|');
    s = run(s, setActionKind('character'));
    expect(render(s)[1]).toBe('action: 空镜|');
    expect(render(run(stateOf([heading, 'dialogue: 走|']), setActionKind('character')))[1]).toBe('action[character]: 走|');
  });

  it('[ED11] cue extension sets OS/VO on a cue and clears when chosen again; not outside cues', () => {
    let s = run(stateOf([heading, 'character: 林晚|']), setCueExtension('OS'));
    expect(render(s)[1]).toBe('character[OS]: 林晚|');
    s = run(s, setCueExtension('VO'));
    expect(render(s)[1]).toBe('character[VO]: 林晚|');
    expect(render(run(s, setCueExtension('VO')))[1]).toBe('character: 林晚|');
    expect(apply(stateOf([heading, 'action: x|']), setCueExtension('OS'))).toBeNull();
  });

  it('[ED12] markers go after the current block, or replace an empty one', () => {
    expect(render(run(stateOf([heading, 'dialogue: 你是谁？|', 'action: 乙']), insertMarker('cliffhanger')))).toEqual([
      heading,
      'dialogue: 你是谁？',
      'cliffhanger: |',
      'action: 乙',
    ]);
    expect(render(run(stateOf([heading, 'action: |']), insertMarker('paywall')))).toEqual([heading, 'paywall: |']);
    expect(render(run(stateOf(['# s1 1-1|']), insertMarker('hook')))).toEqual(['# s1 1-1', 'hook: |']);
  });
});
