import { describe, expect, it } from 'vitest';
import { toFullWidthPunctuation } from './punctuation.js';

describe('toFullWidthPunctuation', () => {
  it('[SC10] converts the marks of a Chinese line', () => {
    expect(toFullWidthPunctuation('顾总,您的快递,请签收.')).toBe('顾总，您的快递，请签收。');
    expect(toFullWidthPunctuation('你说什么?!')).toBe('你说什么？！');
    expect(toFullWidthPunctuation('第十条:乙方随时有权离开;甲方不得阻拦.')).toBe('第十条：乙方随时有权离开；甲方不得阻拦。');
    expect(toFullWidthPunctuation('她(低声)说')).toBe('她（低声）说');
  });

  it('[SC10] drops the spaces an ASCII habit leaves after a mark', () => {
    expect(toFullWidthPunctuation('好的, 我知道了! 走吧.')).toBe('好的，我知道了！走吧。');
  });

  it('[SC10] turns ... into the Chinese ellipsis', () => {
    expect(toFullWidthPunctuation('等等...你是谁?')).toBe('等等……你是谁？');
  });

  it('[SC10] leaves numbers, times and prices alone', () => {
    expect(toFullWidthPunctuation('一共3.5万,今晚20:00交货.')).toBe('一共3.5万，今晚20:00交货。');
    expect(toFullWidthPunctuation('账上还有1,000,000.')).toBe('账上还有1,000,000。');
  });

  it('[SC10] leaves URLs, e-mail addresses and ASCII words alone', () => {
    expect(toFullWidthPunctuation('链接发你了:https://example.com/a?b=1.')).toBe('链接发你了：https://example.com/a?b=1。');
    expect(toFullWidthPunctuation('发到 lin.wan@example.com,谢谢.')).toBe('发到 lin.wan@example.com，谢谢。');
    expect(toFullWidthPunctuation('他用Node.js写的,说Hello, world.')).toBe('他用Node.js写的，说Hello, world。');
    expect(toFullWidthPunctuation('f(x)的值(其实)不对')).toBe('f(x)的值（其实）不对');
  });

  it('[SC10] leaves a line without Chinese characters alone', () => {
    expect(toFullWidthPunctuation('OK, fine.')).toBe('OK, fine.');
  });

  it('[SC10] is idempotent and keeps full-width text as is', () => {
    const samples = ['顾总,您的快递,请签收.', '等等...你是谁?', '已经是全角。对吧？', '20:00见,别迟到!'];
    for (const s of samples) {
      const once = toFullWidthPunctuation(s);
      expect(toFullWidthPunctuation(once)).toBe(once);
    }
    expect(toFullWidthPunctuation('已经是全角。对吧？')).toBe('已经是全角。对吧？');
  });
});
