import { describe, expect, it } from 'vitest';
import { escapeBidi, hasBidiControls, showBidi } from './escapeBidi';

describe('escapeBidi', () => {
  it('[UF6] plain text is one run, untouched', () => {
    expect(escapeBidi('请签收 sign for twins')).toEqual(['请签收 sign for twins']);
    expect(escapeBidi('')).toEqual([]);
    expect(hasBidiControls('plain')).toBe(false);
  });

  it('[UF6] every bidi control becomes a visible code, text around it is kept in order', () => {
    // "Trojan Source": RLO makes "txt.exe" read as "exe.txt".
    expect(escapeBidi('abc\u202Etxt.exe')).toEqual(['abc', { code: 'U+202E' }, 'txt.exe']);
    expect(escapeBidi('\u2066x\u2069')).toEqual([{ code: 'U+2066' }, 'x', { code: 'U+2069' }]);
    expect(escapeBidi('\u200E\u200F')).toEqual([{ code: 'U+200E' }, { code: 'U+200F' }]);
    expect(escapeBidi('a\u061Cb')).toEqual(['a', { code: 'U+061C' }, 'b']);
  });

  it('[UF6] all the listed controls are caught and nothing else', () => {
    const controls = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c];
    for (const cp of controls) {
      const parts = escapeBidi(`x${String.fromCodePoint(cp)}y`);
      expect(parts[1], cp.toString(16)).toEqual({ code: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` });
      expect(hasBidiControls(String.fromCodePoint(cp))).toBe(true);
    }
    // Neighbours that are not controls: zero-width joiner, Arabic and Hebrew letters, emoji.
    expect(escapeBidi('\u200D\u0627\u05D0😀')).toEqual(['\u200D\u0627\u05D0😀']);
  });

  it('[UF6] plain runs never contain a control, and joining them back with the controls restores the text', () => {
    const text = 'a\u202Eb\u202Cc\u2066\u2067d';
    const parts = escapeBidi(text);
    for (const p of parts) if (typeof p === 'string') expect(hasBidiControls(p)).toBe(false);
    const restored = parts.map((p) => (typeof p === 'string' ? p : String.fromCodePoint(Number.parseInt(p.code.slice(2), 16)))).join('');
    expect(restored).toBe(text);
  });

  it('[UF6] showBidi writes the escape inline for places that hold only a string', () => {
    expect(showBidi('评论\u202Eabc')).toBe('评论⟨U+202E⟩abc');
  });
});
