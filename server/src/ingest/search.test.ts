import { describe, expect, it } from 'vitest';
import { searchQuery, searchTokens } from './search.js';

describe('search tokens', () => {
  it('[IN19] Chinese is cut into words and sub-words; Latin lowercased; punctuation and emoji dropped', () => {
    expect(searchTokens('双胞胎呢？？😭')).toBe('双胞 胞胎 双胞胎 呢');
    expect(searchTokens('Where are the TWINS?!')).toBe('where are the twins');
    expect(searchTokens('请签收！第12集 EP12')).toBe('请 签收 第 12 集 ep12');
    expect(searchTokens('ＡＢＣ１２３')).toBe('abc123');
    expect(searchTokens('')).toBe('');
  });

  it('[IN19] every token of a query is among the tokens of a comment that contains it', () => {
    const comments = ['说好的双胞胎呢，到底什么时候出来', '这段吵架太长了，快进', '小姨太飒了，多给点镜头', 'where are the twins? 请签收', '男主好渣，演技尴尬'];
    const queries = ['双胞胎', '吵架', '小姨', 'twins', '请签收', '演技', 'Twins 请签收'];
    for (const q of queries) {
      const tokens = searchQuery(q);
      expect(tokens.length).toBeGreaterThan(0);
      const hits = comments.filter((c) => {
        const index = new Set(searchTokens(c).split(' '));
        return tokens.every((t) => index.has(t));
      });
      expect(hits, q).toEqual(comments.filter((c) => c.toLowerCase().includes(q.toLowerCase().split(' ')[0]!)));
    }
  });

  it('[IN19] query tokens are unique and keep their order', () => {
    expect(searchQuery('twins twins 双胞胎')).toEqual(['twins', '双胞胎']);
  });
});
