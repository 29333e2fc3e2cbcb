import { describe, expect, it } from 'vitest';
import { colorForUser, USER_COLORS } from './userColor';

describe('user colour', () => {
  it('[UA8] the cursor colour is derived from the account id: stable, from the palette, spread out', () => {
    expect(colorForUser('u-1')).toBe(colorForUser('u-1'));
    const ids = Array.from({ length: 200 }, (_, i) => `user-${i}`);
    const colors = ids.map(colorForUser);
    expect(colors.every((c) => USER_COLORS.includes(c))).toBe(true);
    // 200 ids use most of the 10 colours (a constant or broken hash would not).
    expect(new Set(colors).size).toBeGreaterThanOrEqual(8);
  });
});
