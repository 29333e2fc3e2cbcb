import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { importText } from '../ingest/fixtures/harness.js';
import { redact } from '../ingest/redact.js';
import { BURST_TEXT } from './corpus.js';
import { demoEpisodes } from './episodes.js';
import { type GeneratedRow, generateFeedback } from './feedback.js';
import { generateMetrics, retentionCurve } from './metrics.js';
import { episodeMoments, isPaywallEpisode } from './moments.js';
import { feedbackLines, metricsLines } from './writers.js';

const SEED = 7;
const START = new Date('2025-03-01T12:00:00Z');
const EPISODES = demoEpisodes(20, SEED);
const generate = (rows: number, seed = SEED) => [...generateFeedback({ seed, rows, episodes: EPISODES, start: START })];
const ROWS = generate(20_000);
console.log(`[IN23] generator seed ${SEED}, ${ROWS.length} rows`);

function digest(rows: GeneratedRow[]): string {
  const h = createHash('sha256');
  for (const r of rows) h.update(JSON.stringify(r));
  return h.digest('hex');
}

describe('generator', () => {
  it('[IN23] the same seed gives the same rows; another seed other rows', () => {
    expect(digest(generate(20_000))).toBe(digest(ROWS));
    expect(digest(generate(20_000, SEED + 1))).not.toBe(digest(ROWS));
    expect(new Set(ROWS.map((r) => r.externalId)).size).toBe(ROWS.length);
  });

  it('[IN23] a coordinated burst: near-identical text from fresh accounts within minutes, in one episode', () => {
    const burst = ROWS.filter((r) => r.truth.burst);
    expect(burst.length).toBeGreaterThanOrEqual(20);
    expect(new Set(burst.map((r) => r.episodeNumber))).toEqual(new Set([11]));
    for (const r of burst) expect(r.text.startsWith(BURST_TEXT.zh) || r.text.startsWith(BURST_TEXT.en)).toBe(true);
    const times = burst.map((r) => Date.parse(r.postedAt));
    expect(Math.max(...times) - Math.min(...times)).toBeLessThanOrEqual(10 * 60_000);
    const authors = new Set(burst.map((r) => r.author));
    expect(authors.size).toBe(burst.length);
    expect(ROWS.some((r) => !r.truth.burst && authors.has(r.author))).toBe(false);
    expect(burst.every((r) => r.segments.viewerType === 'new')).toBe(true);
  });

  it('[IN23] a vocal minority: the top 1% of authors write a large share, most authors write once', () => {
    const counts = new Map<string, number>();
    for (const r of ROWS) if (!r.truth.burst) counts.set(r.author, (counts.get(r.author) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    const total = sorted.reduce((a, b) => a + b, 0);
    const top = sorted.slice(0, Math.ceil(sorted.length / 100)).reduce((a, b) => a + b, 0);
    expect(top / total).toBeGreaterThan(0.25);
    expect(sorted.filter((c) => c === 1).length / sorted.length).toBeGreaterThan(0.5);
  });

  it('[IN23] the 请签收 meme spreads across many distinct viewers and grows after episode 3', () => {
    const meme = ROWS.filter((r) => r.truth.theme === 'meme');
    expect(new Set(meme.map((r) => r.author)).size / meme.length).toBeGreaterThan(0.8);
    const share = (n: number) => ROWS.filter((r) => r.episodeNumber === n && r.truth.theme === 'meme').length / ROWS.filter((r) => r.episodeNumber === n).length;
    expect(share(1)).toBe(0);
    expect(share(15)).toBeGreaterThan(share(4));
  });

  it('[IN23] the twins theme is about twice as strong among paying viewers (BRIEF §6)', () => {
    const rate = (paying: 'yes' | 'no') => {
      const c = ROWS.filter((r) => r.kind === 'comment' && r.episodeNumber >= 10 && r.episodeNumber <= 13 && r.segments.paying === paying && r.truth.theme !== 'reply');
      return c.filter((r) => r.truth.theme === 'twins').length / c.length;
    };
    expect(rate('yes') / rate('no')).toBeGreaterThan(1.5);
  });

  it('[IN23] danmaku cluster around hooks, twists and cliffhangers', () => {
    let near = 0;
    let all = 0;
    let expected = 0;
    for (const r of ROWS) {
      if (r.kind !== 'danmaku') continue;
      const ep = EPISODES[r.episodeNumber - 1]!;
      const m = episodeMoments(SEED, ep);
      const moments = [m.hook, ...m.twists, m.cliffhanger];
      all++;
      if (moments.some((s) => Math.abs(r.timecodeMs! / 1000 - s) <= 3)) near++;
      expected += Math.min(1, (moments.length * 6) / ep.durationSeconds);
    }
    expect(near / all).toBeGreaterThan((2 * expected) / all);
  });

  it('[IN23][IN18] planted personal data is found by the redactor, and the rest of the corpus is left alone', () => {
    const planted = ROWS.filter((r) => r.truth.pii);
    expect(planted.length).toBeGreaterThan(10);
    for (const r of planted) expect(redact(r.text).kinds, r.text).toContain(r.truth.pii);
    const falsePositives = ROWS.filter((r) => !r.truth.pii && redact(r.text).kinds.length > 0);
    expect(falsePositives.map((r) => r.text)).toEqual([]);
  });

  it('[IN23] replies point at earlier comments of the same episode', () => {
    const byId = new Map(ROWS.map((r, i) => [r.externalId, { r, i }]));
    const replies = ROWS.map((r, i) => ({ r, i })).filter(({ r }) => r.parentExternalId !== null);
    expect(replies.length).toBeGreaterThan(500);
    for (const { r, i } of replies) {
      const parent = byId.get(r.parentExternalId!)!;
      expect(parent.i).toBeLessThan(i);
      expect(parent.r.episodeNumber).toBe(r.episodeNumber);
      expect(parent.r.kind).toBe('comment');
    }
  });

  it('[IN23] every kind, both languages and the segment attributes are present', () => {
    expect(new Set(ROWS.map((r) => r.kind))).toEqual(new Set(['comment', 'danmaku', 'repost', 'mention']));
    expect(new Set(ROWS.map((r) => r.language))).toEqual(new Set(['zh', 'en']));
    expect(new Set(ROWS.map((r) => r.segments.viewerType))).toEqual(new Set(['new', 'returning']));
    expect(ROWS.filter((r) => r.segments.paying === 'yes').length / ROWS.length).toBeGreaterThan(0.05);
  });
});

describe('generated files import cleanly', () => {
  const sample = generate(3_000);
  const text = (format: 'csv' | 'ndjson' | 'json' | 'xml') => [...feedbackLines(sample, format)].join('');
  const resolveEpisode = (v: string | null) => {
    const n = Number(/\d+/.exec(v ?? '')?.[0]);
    return EPISODES.find((e) => e.number === n)?.id;
  };

  it.each([
    ['csv', 'csv'],
    ['ndjson', 'ndjson'],
    ['json', 'json'],
  ] as const)('[IN23][IN25] %s: every generated row is accepted with its values', async (format, importFormat) => {
    const r = await importText(text(format), importFormat, { platform: null, resolveEpisode });
    expect(r.errors).toEqual([]);
    expect(r.accepted.length).toBe(sample.length);
    r.accepted.forEach((a, i) => {
      const g = sample[i]!;
      expect(a).toMatchObject({ externalId: g.externalId, kind: g.kind, platform: g.platform, episodeId: g.episodeId, postedAt: new Date(g.postedAt).toISOString(), text: g.text, likes: g.likes, authorHandle: g.author });
      // CSV writes time codes to a tenth of a second.
      expect(a.timecodeMs === null).toBe(g.timecodeMs === null);
      if (g.timecodeMs !== null) expect(Math.abs(a.timecodeMs! - g.timecodeMs)).toBeLessThanOrEqual(50);
      expect(a.segments).toEqual(g.segments);
    });
  });

  it('[IN23][IN2] the CSV written as GB18030 imports the same', async () => {
    const utf8 = await importText(text('csv'), 'csv', { platform: null, resolveEpisode });
    const gbk = await importText(iconv.encode(text('csv'), 'gb18030'), 'csv', { platform: null, resolveEpisode });
    expect(gbk.accepted).toEqual(utf8.accepted);
  });

  it('[IN23][IN9] danmaku XML carries the danmaku rows', async () => {
    const danmaku = sample.filter((r) => r.kind === 'danmaku');
    const r = await importText(text('xml'), 'danmaku-xml', { platform: 'bilibili' });
    expect(r.errors).toEqual([]);
    expect(r.accepted.map((a) => [a.externalId, a.text, a.timecodeMs])).toEqual(danmaku.map((d) => [d.externalId, d.text, d.timecodeMs]));
  });
});

describe('retention and metrics', () => {
  it('[IN24] curves never rise and drop fastest in the dragging stretch', () => {
    for (const ep of EPISODES) {
      for (const platform of ['douyin', 'tiktok']) {
        const c = retentionCurve(SEED, ep, platform);
        expect(c.length).toBe(ep.durationSeconds + 1);
        expect(c[0]).toBe(1);
        for (let s = 1; s < c.length; s++) expect(c[s]!).toBeLessThanOrEqual(c[s - 1]!);
        const m = episodeMoments(SEED, ep);
        const rate = (a: number, b: number) => Math.log(c[a]! / c[b]!) / (b - a);
        expect(rate(m.drag[0] + 1, m.drag[1])).toBeGreaterThan(2 * rate(6, m.drag[0]));
      }
    }
  });

  it('[IN24] metrics agree with the curve; paywall numbers only on paywall episodes; the CSV maps back', async () => {
    const rows = [...generateMetrics({ seed: SEED, episodes: EPISODES, start: START })];
    expect(rows.length).toBe(EPISODES.length * 3 * 3);
    for (const m of rows) {
      const c = retentionCurve(SEED, EPISODES[m.episodeNumber - 1]!, m.platform);
      expect(m.completionRate).toBe(c.at(-1));
      expect(m.fiveSecondCompletion).toBe(c[5]);
      expect(m.paywallUnlocks !== null).toBe(isPaywallEpisode(m.episodeNumber));
      expect(m.uniqueViewers).toBeLessThanOrEqual(m.views);
    }
    const ep11 = rows.filter((m) => m.episodeNumber === 11).reduce((a, m) => a + m.uniqueViewers, 0);
    expect(ep11).toBeGreaterThan(300_000);
    const { suggestMapping } = await import('../ingest/mapping.js');
    const header = [...metricsLines([])][0]!.trim().split(',');
    expect(Object.keys(suggestMapping(header, 'metrics').mapping)).toHaveLength(14);
  });
});
