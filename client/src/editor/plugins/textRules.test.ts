import { type EditorState, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { render, stateOf } from '../commands/testDoc.js';
import { ySyncPluginKey } from '../keys.js';
import { cueCasePlugin } from './cueCase.js';
import { punctuationPlugin } from './punctuation.js';

/** Types `text` one character at a time, as a keyboard would. */
const typeChars = (state: EditorState, text: string) => {
  let s = state;
  for (const ch of text) s = s.apply(s.tr.insertText(ch));
  return s;
};

describe('English cue casing', () => {
  const plugins = [cueCasePlugin()];

  it('[ED14] cues are upper-cased as they are typed, cursor unmoved', () => {
    const s = typeChars(stateOf(['# s1 INT. KITCHEN - NIGHT', 'character: |'], plugins), 'Evelyn (v.o.)');
    expect(render(s)[1]).toBe('character: EVELYN (V.O.)|');
  });

  it('[ED14] only cues: dialogue and action keep their case', () => {
    const s = typeChars(stateOf(['# s1 INT. KITCHEN', 'dialogue: |'], plugins), 'Hello');
    expect(render(s)[1]).toBe('dialogue: Hello|');
  });

  it('[ED14] remote edits are left as their author wrote them', () => {
    const base = stateOf(['# s1 X', 'character: |'], plugins);
    const s = base.apply(base.tr.insertText('evelyn').setMeta(ySyncPluginKey, { isChangeOrigin: true }));
    expect(render(s)[1]).toBe('character: evelyn|');
  });
});

describe('Chinese full-width punctuation', () => {
  const plugins = [punctuationPlugin()];
  const line = (s: EditorState, i = 1) => render(s)[i];

  it('[ED15] a mark becomes full-width once the next character is typed', () => {
    let s = typeChars(stateOf(['# s1 1-1', 'dialogue: |'], plugins), '你好,');
    expect(line(s)).toBe('dialogue: 你好,|'); // still waiting
    s = typeChars(s, '我');
    expect(line(s)).toBe('dialogue: 你好，我|');
    s = typeChars(s, '是谁?');
    s = s.apply(s.tr.insertText('(', s.selection.head));
    expect(line(s)).toBe('dialogue: 你好，我是谁？(|');
  });

  it('[ED15] numbers, times and ASCII words keep their ASCII marks', () => {
    const s = typeChars(stateOf(['# s1 1-1', 'dialogue: |'], plugins), '打了3.5折,20:00见');
    expect(line(s)).toBe('dialogue: 打了3.5折，20:00见|');
    const dots = typeChars(stateOf(['# s1 1-1', 'dialogue: |'], plugins), '他走了...吧');
    expect(line(dots)).toBe('dialogue: 他走了……吧|');
  });

  it('[ED15] leaving the block converts a waiting mark', () => {
    let s = typeChars(stateOf(['# s1 1-1', 'dialogue: |', 'action: 走'], plugins), '站住!');
    expect(line(s)).toBe('dialogue: 站住!|');
    s = s.apply(s.tr.setSelection(nextBlockSelection(s)));
    expect(line(s)).toBe('dialogue: 站住！');
  });

  it('[ED15] a paste is converted at once; headings and cues are left alone', () => {
    let s = stateOf(['# s1 1-1', 'dialogue: |'], plugins);
    s = s.apply(s.tr.insertText('好,走吧.').setMeta('paste', true));
    expect(line(s)).toBe('dialogue: 好，走吧。|');
    s = typeChars(stateOf(['# s1 1-1', 'character: |'], plugins), '林晚:好');
    expect(line(s)).toBe('character: 林晚:好|');
  });

  it('[ED15] an IME composition is never rewritten', () => {
    let s = typeChars(stateOf(['# s1 1-1', 'dialogue: |'], plugins), '好,');
    s = s.apply(s.tr.insertText('走').setMeta('composition', 1));
    expect(line(s)).toBe('dialogue: 好,走|');
  });
});

/** A cursor at the end of the block after the current one. */
function nextBlockSelection(s: EditorState) {
  const after = s.selection.$head.after();
  return TextSelection.near(s.doc.resolve(after + 1));
}
