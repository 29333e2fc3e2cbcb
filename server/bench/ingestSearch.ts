import { Random } from '../src/generate/index.js';
import { searchQuery } from '../src/ingest/index.js';
import type { FeedbackFilter, Storage } from '../src/storage/types.js';
import { type Summary, summarize } from './stats.js';

/** Words people search the inbox for: the demo themes in Chinese and English, common and rare. */
const WORDS = ['双胞', '双胞胎', '请签收', '签收', '小姨', '男主', '反转', '付费', '更新', '吵架', '剪', '演技', 'twins', 'twist', 'aunt', 'paywall', 'episode', 'arguing', 'worth', 'trash'];

/** One class of inbox query, with how often it occurs in the mix. */
interface QueryClass {
  name: string;
  weight: number;
  make(r: Random, ctx: SearchContext): Omit<FeedbackFilter, 'seriesId'> & { q?: string };
}

/** What the queries draw their filter values from. */
export interface SearchContext {
  episodes: string[];
  platforms: string[];
  /** Earliest and latest posting times of the imported rows (ms). */
  from: number;
  to: number;
}

const pick = <T>(r: Random, list: readonly T[]): T => list[Math.floor(r.next() * list.length)]!;

/** The mix of the benchmark: what the inbox asks when someone reads feedback after an episode aired. */
export const QUERY_MIX: QueryClass[] = [
  { name: 'words', weight: 35, make: (r) => ({ q: pick(r, WORDS) }) },
  { name: 'words + episode', weight: 15, make: (r, c) => ({ q: pick(r, WORDS), episodeId: pick(r, c.episodes) }) },
  { name: 'words + paying viewers', weight: 10, make: (r) => ({ q: pick(r, WORDS), segments: { paying: 'yes' } }) },
  { name: 'words + likes ≥ 10, by likes', weight: 5, make: (r) => ({ q: pick(r, WORDS), minLikes: 10, sort: 'likes' }) },
  { name: 'episode, newest first', weight: 10, make: (r, c) => ({ episodeId: pick(r, c.episodes) }) },
  {
    name: 'episode danmaku in a 10 s window',
    weight: 5,
    make: (r, c) => {
      const start = Math.floor(r.next() * 90);
      return { episodeId: pick(r, c.episodes), kind: 'danmaku', timecodeFromMs: start * 1000, timecodeToMs: (start + 10) * 1000 };
    },
  },
  { name: 'platform, most liked', weight: 5, make: (r, c) => ({ platform: pick(r, c.platforms), sort: 'likes' }) },
  {
    name: 'one day',
    weight: 5,
    make: (r, c) => {
      const day = c.from + Math.floor(r.next() * Math.max(1, (c.to - c.from) / 86_400_000)) * 86_400_000;
      return { postedFrom: new Date(day).toISOString(), postedTo: new Date(day + 86_400_000).toISOString() };
    },
  },
  { name: 'everything, most liked', weight: 5, make: () => ({ sort: 'likes' }) },
  { name: 'everything, newest', weight: 5, make: () => ({}) },
];

/** The class whose cumulative weight first exceeds `roll`. */
function drawClass(roll: number): QueryClass {
  let left = roll;
  for (const c of QUERY_MIX) {
    left -= c.weight;
    if (left < 0) return c;
  }
  return QUERY_MIX[0]!;
}

/** Latency of one class and of the whole mix. */
export interface SearchResult {
  all: Summary;
  byClass: { name: string; summary: Summary }[];
  /** Share of searches that asked for a second page (scrolling), which are timed too. */
  secondPages: number;
}

/**
 * Runs `count` searches drawn from QUERY_MIX with a seeded generator, after
 * `warmup` untimed ones. A search is timed from the query text to the page
 * (tokenizing the words included); a third of them go on to the next page
 * with the cursor, timed as their own search. Limit 50, as the inbox asks.
 */
export async function benchSearch(storage: Storage, seriesId: string, ctx: SearchContext, count: number, warmup: number, seed: number): Promise<SearchResult> {
  const r = new Random(seed);
  const total = QUERY_MIX.reduce((a, c) => a + c.weight, 0);
  const samples = new Map<string, number[]>();
  const all: number[] = [];
  let secondPages = 0;
  for (let i = 0; i < warmup + count; i++) {
    const cls = drawClass(r.next() * total);
    const { q, ...filter } = cls.make(r, ctx);
    const t0 = performance.now();
    const page = await storage.searchFeedback({ seriesId, ...filter, ...(q ? { terms: searchQuery(q) } : {}), limit: 50 });
    const elapsed = performance.now() - t0;
    if (i < warmup) continue;
    all.push(elapsed);
    samples.set(cls.name, [...(samples.get(cls.name) ?? []), elapsed]);
    if (page.nextCursor && r.next() < 1 / 3) {
      const t1 = performance.now();
      await storage.searchFeedback({ seriesId, ...filter, ...(q ? { terms: searchQuery(q) } : {}), limit: 50, cursor: page.nextCursor });
      const next = performance.now() - t1;
      all.push(next);
      samples.get(cls.name)!.push(next);
      secondPages++;
    }
  }
  return {
    all: summarize(all),
    byClass: QUERY_MIX.map((c) => ({ name: c.name, summary: summarize(samples.get(c.name) ?? []) })),
    secondPages,
  };
}
