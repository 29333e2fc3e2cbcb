import { describe, expect, it } from 'vitest';
import { formatAliases, parseAliases } from './aliases';

describe('bible aliases', () => {
  it('[UI9] comma-separated input becomes a trimmed, de-duplicated list', () => {
    expect(parseAliases(' Su Wan, 苏晚 ,, Su Wan ')).toEqual(['Su Wan', '苏晚']);
  });

  it('[UI9] full-width and ideographic commas separate too', () => {
    expect(parseAliases('苏晚，晚晚、小苏')).toEqual(['苏晚', '晚晚', '小苏']);
    expect(parseAliases('')).toEqual([]);
  });

  it('[UI9] a list formats back into the field and parses to the same list', () => {
    const aliases = ['Lu Chen', '陆沉'];
    expect(parseAliases(formatAliases(aliases))).toEqual(aliases);
  });
});
