import { describe, expect, it } from 'vitest';
import { demoEpisodes, type GeneratedRow, generateFeedback } from '../generate/index.js';
import { AuthorStats, CoordinationDetector, type CoordinationItem, detectCoordinated, normalizeForCoordination } from './coordination.js';

const T0 = Date.parse('2025-03-11T13:00:00Z');
const MIN = 60_000;
const DAY = 86_400_000;

/** `n` items of one text from fresh accounts (first seen when they post, one item each), `spacing` ms apart. */
function fresh(prefix: string, n: number, start: number, spacing: number, text: (i: number) => string): CoordinationItem[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i}`,
    author: `${prefix}-author-${i}`,
    postedAt: new Date(start + i * spacing).toISOString(),
    text: text(i),
    authorFirstSeen: start + i * spacing,
    authorItemCount: 1,
  }));
}

/** Items of long-standing viewers: first seen a month ago, dozens of items each. */
function regulars(prefix: string, n: number, start: number, spacing: number, text: (i: number) => string): CoordinationItem[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i}`,
    author: `${prefix}-author-${i % 400}`,
    postedAt: start + i * spacing,
    text: text(i),
    authorFirstSeen: start - 30 * DAY,
    authorItemCount: 40 + (i % 30),
  }));
}

const ms = (t: string | number) => (typeof t === 'number' ? t : Date.parse(t));
const sortByTime = (items: CoordinationItem[]) => [...items].sort((a, b) => ms(a.postedAt) - ms(b.postedAt));

const BURST_VARIANTS = ['这部剧太好看了！强烈推荐给大家！！', '这部剧太好看了 强烈推荐给大家👍👍', '这部剧太好看了，强烈推荐给大家～', '这部剧太好看了！强烈推荐给大家'];

describe('normalizeForCoordination', () => {
  it('[CO1] case, spaces, punctuation, emoji and full/half width do not tell two comments apart', () => {
    const n = normalizeForCoordination;
    expect(new Set(BURST_VARIANTS.map(n))).toEqual(new Set(['这部剧太好看了强烈推荐给大家']));
    expect(n('Best drama of the year, everyone must watch!!')).toBe(n('best  DRAMA of the year everyone must watch 👍'));
    expect(n('ＢＥＳＴ　ｄｒａｍａ１２３！')).toBe('bestdrama123');
    expect(n('请签收！')).toBe(n('请签收😂'));
    expect(n('请签收')).not.toBe(n('您的快递请签收'));
    // Only symbols: they are the text.
    expect(n('👍 👍👍')).toBe('👍👍👍');
    expect(n('   ')).toBe('');
  });
});

describe('detectCoordinated', () => {
  it('[CO2] 25 fresh accounts posting one text (varied punctuation) within 9 minutes are flagged, every one of them', () => {
    const burst = fresh('b', 25, T0, 22_000, (i) => BURST_VARIANTS[i % BURST_VARIANTS.length]!);
    expect(detectCoordinated(burst).sort()).toEqual(burst.map((x) => x.id).sort());
  });

  it('[CO2] below the thresholds nothing is flagged: 19 accounts; 25 accounts spread over 40 minutes; 19 authors posting twice', () => {
    expect(detectCoordinated(fresh('b', 19, T0, 20_000, () => BURST_VARIANTS[0]!))).toEqual([]);
    expect(detectCoordinated(fresh('b', 25, T0, 100_000, () => BURST_VARIANTS[0]!))).toEqual([]);
    const twice = fresh('b', 38, T0, 10_000, () => BURST_VARIANTS[0]!).map((x, i) => ({ ...x, author: `same-${i % 19}`, authorItemCount: 2 }));
    expect(detectCoordinated(twice)).toEqual([]);
    // With a lower bar the same 19 authors are a burst.
    expect(detectCoordinated(twice, { minAuthors: 19 }).length).toBe(38);
  });

  it('[CO3] the 「请签收」 catchphrase spread over hours by long-standing viewers is never flagged, even where it is densest', () => {
    const phrases = ['请签收！', '请签收😂', '请签收', '请签收！！'];
    // 3,000 times over 6 hours (one every 7.2 s: ~80 in any 10 minutes), and a rush of 200 in 5 minutes after the cliffhanger.
    const spread = regulars('m', 3000, T0, 7200, (i) => phrases[i % phrases.length]!);
    const rush = regulars('r', 200, T0 + 2 * 3_600_000, 1500, () => '请签收');
    expect(detectCoordinated(sortByTime([...spread, ...rush]))).toEqual([]);
  });

  it('[CO3] new viewers joining a popular catchphrase among regulars do not make it a burst: most authors must be fresh', () => {
    const regular = regulars('r', 100, T0, 5000, () => '请签收');
    const newcomers = fresh('n', 30, T0, 15_000, () => '请签收！');
    expect(detectCoordinated(sortByTime([...regular, ...newcomers]))).toEqual([]);
  });

  it('[CO3] a phrase new viewers keep posting for hours at the same pace is popular, not a burst: the hour around it looks the same', () => {
    // 30 fresh accounts every 10 minutes for 3 hours: every window is "a burst", none stands out.
    const steady = fresh('s', 540, T0, 20_000, (i) => (i % 2 ? '请签收' : '请签收！'));
    const d = new CoordinationDetector();
    const flagged = [...steady.flatMap((x) => d.push(x)), ...d.finish()];
    expect(flagged).toEqual([]);
    expect(d.stats.bursts).toBeGreaterThan(0);
    expect(d.stats.dismissed).toBe(d.stats.bursts);
  });

  it('[CO3] a burst stands out against the same text’s steady background and is flagged', () => {
    // The text comes from regulars every 5 minutes for 4 hours; 40 fresh accounts post it within 4 minutes in the middle.
    const background = regulars('r', 48, T0, 5 * MIN, () => '这部剧太好看了强烈推荐给大家');
    const burst = fresh('b', 40, T0 + 2 * 3_600_000 + 7_000, 6000, (i) => BURST_VARIANTS[i % 4]!);
    const flagged = detectCoordinated(sortByTime([...background, ...burst]));
    expect(flagged.sort()).toEqual(burst.map((x) => x.id).sort());
  });

  it('[CO3] a burst is decided once the hour after it has passed, or when the stream ends', () => {
    const burst = fresh('b', 25, T0, 10_000, () => BURST_VARIANTS[0]!);
    const d = new CoordinationDetector();
    expect(burst.flatMap((x) => d.push(x))).toEqual([]);
    const later = (id: string, at: number): CoordinationItem => ({ id, author: 'x', postedAt: at, text: 'unrelated', authorFirstSeen: T0, authorItemCount: 9 });
    expect(d.push(later('x1', T0 + 240_000 + 60 * MIN))).toEqual([]);
    expect(d.push(later('x2', T0 + 240_000 + 60 * MIN + 1)).length).toBe(25);
    const ended = new CoordinationDetector();
    for (const x of burst) ended.push(x);
    expect(ended.finish().length).toBe(25);
    expect(ended.flagged().length).toBe(25);
  });

  it('[CO2] only the fresh accounts’ items of a burst are flagged, including those that join it later', () => {
    const burst = fresh('b', 30, T0, 15_000, () => BURST_VARIANTS[0]!);
    const regular = regulars('r', 5, T0 + 30_000, 60_000, () => BURST_VARIANTS[1]!);
    const late = fresh('l', 3, T0 + 8 * MIN, 30_000, () => BURST_VARIANTS[2]!);
    const flagged = new Set(detectCoordinated(sortByTime([...burst, ...regular, ...late])));
    expect([...flagged].filter((id) => id.startsWith('r'))).toEqual([]);
    expect(flagged.size).toBe(33);
  });

  it('[CO4] items must come oldest first: an earlier item after a later one is refused with a readable error', () => {
    const d = new CoordinationDetector();
    d.push({ id: 'a', author: 'x', postedAt: T0, text: 'hi', authorFirstSeen: T0, authorItemCount: 1 });
    expect(() => d.push({ id: 'b', author: 'y', postedAt: T0 - 1000, text: 'hi', authorFirstSeen: T0, authorItemCount: 1 })).toThrow(/item b is out of order/);
    expect(() => d.push({ id: 'c', author: 'y', postedAt: 'yesterday', text: 'hi', authorFirstSeen: T0, authorItemCount: 1 })).toThrow(/not a time/);
  });

  it('[CO4] a million items stream through in bounded memory: only the last window and its context of each text are held', () => {
    const d = new CoordinationDetector();
    const phrases = Array.from({ length: 2000 }, (_, k) => `评论${k % 97}号 第${k}条`);
    const started = performance.now();
    const N = 1_000_000;
    let flagged = 0;
    // One item a second for 11.6 days; every 20,000th second a burst of 30 fresh accounts within a minute.
    for (let i = 0; i < N; i++) {
      const at = T0 + i * 1000;
      const inBurst = i % 20_000 < 30;
      const item: CoordinationItem = inBurst
        ? { id: `i${i}`, author: `fresh-${i}`, postedAt: at, text: `刷屏 ${Math.floor(i / 20_000)}`, authorFirstSeen: at, authorItemCount: 1 }
        : { id: `i${i}`, author: `v${i % 50_000}`, postedAt: at, text: phrases[(i * 7919) % phrases.length]!, authorFirstSeen: T0, authorItemCount: 20 };
      flagged += d.push(item).length;
    }
    const seconds = (performance.now() - started) / 1000;
    const { maxHeld, texts } = d.stats;
    flagged += d.finish().length;
    console.log(`[CO4] 1,000,000 items in ${seconds.toFixed(2)} s; at most ${maxHeld} items held (a window and its context, 70 minutes = 4,200 items), ${texts} texts at the end; ${flagged} flagged`);
    expect(flagged).toBe(50 * 30);
    // 4,200 items in a window and its context, plus texts idle since the last sweep (every 4,096 items).
    expect(maxHeld).toBeLessThanOrEqual(4200 + 4096);
    expect(texts).toBeLessThanOrEqual(2000);
  });
});

/** The generator's rows as the server would hand them over: oldest first, with each author's facts. */
function asItems(rows: GeneratedRow[]): CoordinationItem[] {
  const stats = new AuthorStats();
  for (const r of rows) stats.add(r.author, r.postedAt);
  const items = rows.map((r, i) => ({ id: String(i), author: r.author, postedAt: Date.parse(r.postedAt), text: r.text, ...stats.get(r.author) }));
  return items.sort((a, b) => a.postedAt - b.postedAt);
}

describe('detectCoordinated on generated feedback', () => {
  const cases = [
    { name: 'demo (20,000 rows, 5 episodes)', rows: 20_000, episodes: 5, seed: 20_260_301 },
    { name: '200,000 rows, 20 episodes', rows: 200_000, episodes: 20, seed: 7 },
  ];
  for (const c of cases) {
    it(`[CO5] the generator's planted burst is found with high recall and almost no false positives: ${c.name}`, () => {
      const rows = [...generateFeedback({ seed: c.seed, rows: c.rows, episodes: demoEpisodes(c.episodes, c.seed), start: new Date('2025-03-01T12:00:00Z') })];
      const items = asItems(rows);
      const started = performance.now();
      const flagged = new Set(detectCoordinated(items));
      const seconds = (performance.now() - started) / 1000;
      const planted = rows.flatMap((r, i) => (r.truth.burst ? [String(i)] : []));
      const found = planted.filter((id) => flagged.has(id)).length;
      const falsePositives = flagged.size - found;
      const recall = found / planted.length;
      console.log(
        `[CO5] seed ${c.seed}, ${c.name}: planted ${planted.length}, flagged ${flagged.size}, found ${found} (recall ${(recall * 100).toFixed(2)}%), false positives ${falsePositives} of ${rows.length - planted.length} organic rows; ${seconds.toFixed(2)} s`,
      );
      expect(planted.length).toBeGreaterThanOrEqual(20);
      expect(recall).toBeGreaterThanOrEqual(0.95);
      expect(falsePositives).toBeLessThanOrEqual(Math.max(5, planted.length * 0.01));
      // The meme is everywhere in the data and never flagged.
      const meme = rows.flatMap((r, i) => (r.truth.theme === 'meme' ? [String(i)] : []));
      expect(meme.length).toBeGreaterThan(100);
      expect(meme.filter((id) => flagged.has(id))).toEqual([]);
    });
  }
});
