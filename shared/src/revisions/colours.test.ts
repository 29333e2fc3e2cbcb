import { describe, expect, it } from 'vitest';
import {
  nextRevisionColour,
  parseRevisionColour,
  REVISION_COLOUR_HEX,
  REVISION_COLOURS,
  revisionColourHex,
  revisionColourName,
} from './colours.js';

describe('revision colours', () => {
  it('[RV1] follow the industry order, White first', () => {
    expect(REVISION_COLOURS).toEqual(['White', 'Blue', 'Pink', 'Yellow', 'Green', 'Goldenrod', 'Buff', 'Salmon', 'Cherry']);
    expect(nextRevisionColour([])).toBe('White');
    expect(nextRevisionColour(['White'])).toBe('Blue');
    expect(nextRevisionColour(['White', 'Blue', 'Pink', 'Yellow', 'Green', 'Goldenrod', 'Buff', 'Salmon'])).toBe('Cherry');
  });

  it('[RV2] after Cherry a second round begins: Double White, then Triple after Double Cherry', () => {
    expect(nextRevisionColour([...REVISION_COLOURS])).toBe('Double White');
    expect(nextRevisionColour(['Double White'])).toBe('Double Blue');
    expect(nextRevisionColour(['Double Cherry'])).toBe('Triple White');
    expect(revisionColourName(9 * 5)).toBe('Round 6 White');
    for (let rank = 0; rank < 9 * 7; rank++) expect(parseRevisionColour(revisionColourName(rank))?.rank).toBe(rank);
  });

  it('[RV2] continues after the latest colour used: a gap is not refilled, unknown names are ignored', () => {
    expect(nextRevisionColour(['White', 'Pink'])).toBe('Yellow');
    expect(nextRevisionColour(['Pink', 'White'])).toBe('Yellow');
    expect(nextRevisionColour(['draft 3', 'blue'])).toBe('Pink');
    expect(parseRevisionColour('Mauve')).toBeNull();
    expect(parseRevisionColour('Single White')).toBeNull();
    expect(parseRevisionColour('Round 2 White')).toBeNull();
  });

  it('[RV1] every colour has a CSS hex tint; later rounds share the base tint', () => {
    for (const c of REVISION_COLOURS) expect(REVISION_COLOUR_HEX[c]).toMatch(/^#[0-9a-f]{6}$/);
    expect(revisionColourHex('Double Blue')).toBe(REVISION_COLOUR_HEX.Blue);
    expect(revisionColourHex('nope')).toBeNull();
  });
});
