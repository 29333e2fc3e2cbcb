import { describe, expect, it } from 'vitest';
import { redact } from './redact.js';

const cases: [string, string, string[]][] = [
  // Chinese, positives
  ['加我vx: abc_123 领资源', '加我vx: ⟦wechat⟧ 领资源', ['wechat']],
  ['微信号：zhuiju_2025', '微信号：⟦wechat⟧', ['wechat']],
  ['V信 xiaomei88 有全集', 'V信 ⟦wechat⟧ 有全集', ['wechat']],
  ['wx:momo_kiki', 'wx:⟦wechat⟧', ['wechat']],
  ['QQ 12345678 一起追剧', 'QQ ⟦qq⟧ 一起追剧', ['qq']],
  ['加我企鹅：987654321', '加我企鹅：⟦qq⟧', ['qq']],
  ['扣扣号是 55512345', '扣扣号是 ⟦qq⟧', ['qq']],
  ['有事打我电话13812345678', '有事打我电话⟦phone⟧', ['phone']],
  ['电话 138-1234-5678', '电话 ⟦phone⟧', ['phone']],
  ['电话 +86 138 1234 5678', '电话 ⟦phone⟧', ['phone']],
  ['手机 8613912345678', '手机 ⟦phone⟧', ['phone']],
  ['全角１３８１２３４５６７８也算', '全角⟦phone⟧也算', ['phone']],
  ['座机 010-62345678', '座机 ⟦phone⟧', ['phone']],
  ['身份证 11010519491231002X 别外传', '身份证 ⟦idcard⟧ 别外传', ['idcard']],
  ['老身份证 110105491231002', '老身份证 ⟦idcard⟧', ['idcard']],
  ['邮箱 zhang.san@163.com', '邮箱 ⟦email⟧', ['email']],
  ['资源 https://pan.example.com/s/abc?pwd=1234&token=abcdef123 速存', '资源 https://pan.example.com/s/abc?pwd=⟦url-token⟧&token=⟦url-token⟧ 速存', ['url-token']],
  // English, positives
  ['add me on WeChat: drama_fan_88', 'add me on WeChat: ⟦wechat⟧', ['wechat']],
  ['call me at +1 415-555-0134', 'call me at ⟦phone⟧', ['phone']],
  ['UK: +44 20 7946 0958', 'UK: ⟦phone⟧', ['phone']],
  ['my number is (415) 555-0134', 'my number is ⟦phone⟧', ['phone']],
  ['email me: jane.doe+drama@gmail.com', 'email me: ⟦email⟧', ['email']],
  ['watch https://x.example.com/v?ep=12&access_token=eyJhbGciOi', 'watch https://x.example.com/v?ep=12&access_token=⟦url-token⟧', ['url-token']],
  ['login https://bob:hunter2@example.com/x', 'login https://⟦url-token⟧@example.com/x', ['url-token']],
  ['qq email 12345678@qq.com', 'qq email ⟦email⟧', ['email']],
  ['vx: abc_123, tel 13912345678', 'vx: ⟦wechat⟧, tel ⟦phone⟧', ['phone', 'wechat']],
];

const untouched = [
  '第12集太好看了，点赞12345',
  '2025年3月5日 20:00 首播',
  '今晚20:00更新，第十二集',
  '0:52那段吵架太长了',
  '1.2万人看过，评分9.8',
  '评论ID 7234567890123456789 被删了',
  '订单号 202503051234',
  'EP12 at 8pm, 480,000 viewers',
  'where are the twins? 4100 mentions from 2900 viewers',
  'the wechat account of the show posted it',
  '微信公众号更新了',
  'QQ群有2025个人',
  'https://example.com/watch?ep=12&lang=zh',
  'score 3-2, 2025-03-05',
  '请签收！！！',
  '⟦phone⟧ ⟦wechat⟧',
];

describe('redaction', () => {
  it.each(cases)('[IN18] %s', (input, output, kinds) => {
    expect(redact(input)).toEqual({ text: output, kinds });
  });

  it.each(untouched)('[IN18] ordinary text stays: %s', (text) => {
    expect(redact(text)).toEqual({ text, kinds: [] });
  });

  it('[IN18] redaction is idempotent', () => {
    for (const [input] of cases) {
      const once = redact(input).text;
      expect(redact(once)).toEqual({ text: once, kinds: [] });
    }
  });
});
