import type { EditorState } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { render, run, stateOf } from './commands/testDoc.js';
import { editorBindings } from './keymap.js';

const keys = editorBindings();
const press = (state: EditorState, key: string) => {
  const command = keys[key];
  if (!command) throw new Error(`no binding for ${key}`);
  return run(state, command);
};
const type = (state: EditorState, text: string) =>
  run(state, (s, d) => {
    d?.(s.tr.insertText(text));
    return true;
  });

describe('keymap', () => {
  it('[ED13] a writer types a scene with Enter and Tab only', () => {
    let s = stateOf(['# s1 |']);
    s = type(s, '1-1 夜 内 客厅');
    s = press(s, 'Enter'); // heading → action
    s = type(s, '林晚推门而入。');
    s = press(s, 'Enter'); // action → action
    s = press(s, 'Tab'); // empty action → character
    s = type(s, '林晚');
    s = press(s, 'Enter'); // character → dialogue
    s = type(s, '你来了。');
    s = press(s, 'Enter'); // dialogue → character
    s = press(s, 'Enter'); // empty character → action
    s = press(s, 'Shift-Tab'); // action → shot
    s = press(s, 'Shift-Tab'); // shot → transition
    s = type(s, '切至：');
    s = press(s, 'Enter'); // transition → new scene
    expect(render(s)).toEqual([
      '# s1 1-1 夜 内 客厅',
      'action: 林晚推门而入。',
      'character: 林晚',
      'dialogue: 你来了。',
      'transition: 切至：',
      '# * |',
    ]);
  });

  it('[ED13] Mod-Alt-digits set the element; Mod-Enter inserts a scene', () => {
    let s = stateOf(['# s1 1-1', 'action: 林晚|']);
    s = press(s, 'Mod-Alt-3');
    expect(render(s)[1]).toBe('character: 林晚|');
    s = press(s, 'Mod-Alt-9');
    expect(render(s)[1]).toBe('caption: 林晚|');
    s = press(s, 'Mod-Enter');
    expect(render(s)).toEqual(['# s1 1-1', 'caption: 林晚', '# * |']);
  });

  it('[ED13] Backspace at the start of a heading merges the scene into the previous one', () => {
    const s = press(stateOf(['# s1 1-1', 'action: 甲', '# s2 |1-2', 'action: 乙']), 'Backspace');
    expect(render(s)).toEqual(['# s1 1-1', 'action: 甲', 'action: |1-2', 'action: 乙']);
  });

  it('[ED13] every element shortcut and the undo/redo/mark keys are bound', () => {
    for (const key of ['Mod-z', 'Mod-y', 'Mod-Shift-z', 'Mod-b', 'Mod-i', 'Mod-u', 'Shift-Enter']) {
      expect(keys[key]).toBeTypeOf('function');
    }
    for (const d of '1234567890') expect(keys[`Mod-Alt-${d}`]).toBeTypeOf('function');
  });
});
