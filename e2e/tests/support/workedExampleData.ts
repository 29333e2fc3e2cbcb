import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dayRows, daysFrom, firstDays, readTable, total, viewWeighted } from './fixtureNumbers.js';

// The data of the worked example (BRIEF §6) that e2e/tests/workedExample.spec.ts
// plays: what e2e/fixtures/make-worked-example.mjs wrote, and what the screens
// must show of it.

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures');
export const fixture = (name: string) => resolve(fixtures, name);

// What make-worked-example.mjs wrote into episode 4's comment export.
export const ROWS = 204;
const TWINS_COMMENTS = 48;
export const TWINS_VIEWERS = 40;
export const BURST = 30;
export const BURST_TEXT = '《签收双胞胎》yyds！全网最好看的短剧，快去追！';
/** The first twins comment of the night (posted 20:04): the report quotes it first, the reviewer clicks it. */
export const FIRST_QUOTE = '双胞胎去哪了？这集一共就出现了十秒';
export const EVIDENCE = TWINS_COMMENTS + BURST;

/** The twelve most-liked twins comments of the first night (BRIEF §6: "12 representative comments"), read from the export. */
const NIGHT = { from: '2025-09-18 20:00:00', to: '2025-09-19 08:00:00' };
export const TOP = readTable(fixture('douyin-ep4-comments.csv'))
  .filter((c) => c('评论内容').includes('双胞胎') && c('评论内容') !== BURST_TEXT && c('发布时间') >= NIGHT.from && c('发布时间') < NIGHT.to)
  .map((c) => ({ likes: Number(c('点赞数')), author: c('用户ID') }))
  .sort((a, b) => b.likes - a.likes)
  .slice(0, 12);
export const TOP_MIN_LIKES = TOP[TOP.length - 1]!.likes;
export const TOP_VIEWERS = new Set(TOP.map((c) => c.author)).size;

export const SCENE = 'demo-e5-s2';
export const RATIONALE_TOP = '点赞最高的十二条：观众最想看双胞胎和苏曼琳正面交锋。';
export const RATIONALE = '第4集首播夜，观众反复在问双胞胎去哪了：把双胞胎的戏提到5-2，让他们当面给苏曼琳“送快递”。';
export const ADDED_LINE = '两个小家伙一左一右，把苏曼琳堵在沙发前。';
export const APPROVAL = '样本够大，刷量的那批已排除。通过。';
/** When Blue airs, typed into the form in the browser's zone (Beijing): 12:00 UTC. */
export const AIRED_LOCAL = '2025-09-19T20:00';
export const AIRED_SHOWN = '2025年9月19日 20:00';

// The outcome the fixtures imply [OC3]–[OC6]: "before" is episode 4 (the previous
// episode with numbers) over its first two days per platform; "after" is episode 5
// from its release day (2025-09-19 in Beijing) for two days; rates weighted by views.
const ep4 = dayRows(fixture('ops-ep4-metrics.csv'));
const ep5 = dayRows(fixture('ops-ep5-metrics.csv'));
export const before = firstDays(ep4, 2);
export const after = daysFrom(ep5, '2025-09-19', 2);
export const EXPECTED: Record<string, [number | null, number | null]> = {
  completionRate: [viewWeighted(before, (r) => r.completionRate), viewWeighted(after, (r) => r.completionRate)],
  fiveSecondCompletion: [viewWeighted(before, (r) => r.fiveSecondCompletion), viewWeighted(after, (r) => r.fiveSecondCompletion)],
  paywallUnlocks: [total(before, (r) => r.paywallUnlocks), total(after, (r) => r.paywallUnlocks)],
  // Every twins comment was posted in the 48 hours before the release, none after; the burst never counts.
  evidenceComments: [TWINS_COMMENTS, 0],
};
