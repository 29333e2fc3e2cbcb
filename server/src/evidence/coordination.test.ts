import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthorStats, detectCoordinated } from '../analysis/coordination.js';
import { demoEpisodes, type GeneratedRow, generateFeedback } from '../generate/index.js';
import { openSqliteStorage, type SqliteStorage } from '../storage/sqlite/index.js';
import type { NewFeedbackItem, Storage } from '../storage/types.js';
import { detectAndFlag } from './coordination.js';

const SEED = 20_260_301;
const key = (r: { platform: string; externalId: string | null }) => `${r.platform}:${r.externalId}`;

/** A seeded shuffle (mulberry32), so ids follow neither generation nor posting order. */
function shuffled<T>(list: T[], seed: number): T[] {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function asNewItem(seriesId: string, r: GeneratedRow): NewFeedbackItem {
  return {
    seriesId,
    episodeId: null,
    kind: r.kind,
    platform: r.platform,
    externalId: r.externalId,
    parentExternalId: r.parentExternalId,
    postedAt: r.postedAt,
    language: r.language,
    text: r.text,
    quote: r.quote,
    author: r.author,
    likes: r.likes,
    replyCount: r.replyCount,
    timecodeMs: r.timecodeMs,
    segments: r.segments,
    redactions: [],
    importId: null,
    contentHash: key(r),
    searchText: '',
  };
}

let storage: SqliteStorage;
let seriesId: string;
let stored: GeneratedRow[];

beforeAll(async () => {
  storage = openSqliteStorage({ file: ':memory:' });
  seriesId = (await storage.createSeries({ title: '签收双胞胎', language: 'zh' })).id;
  const rows = [...generateFeedback({ seed: SEED, rows: 20_000, episodes: demoEpisodes(5, SEED), start: new Date('2025-03-01T12:00:00Z') })];
  // Stored out of order: ids (insertion order) say nothing about posting time.
  stored = shuffled(rows, SEED);
  for (let i = 0; i < stored.length; i += 5_000) await storage.insertFeedbackBatch(stored.slice(i, i + 5_000).map((r) => asNewItem(seriesId, r)));
});
afterAll(async () => {
  await storage.close();
});

/** The storage, watched: pages read (forced to `limit` items) and the flag calls. */
function watched(limit: number) {
  const log = { textless: 0, withText: 0, biggestPage: 0, flagCalls: [] as number[] };
  const s: Pick<Storage, 'listItemFacts' | 'setCoordinated'> = {
    async listItemFacts(id, opts) {
      const page = await storage.listItemFacts(id, { ...opts, limit });
      if (opts?.withText) log.withText++;
      else log.textless++;
      log.biggestPage = Math.max(log.biggestPage, page.length);
      return page;
    },
    async setCoordinated(id, ids, flag) {
      log.flagCalls.push(ids.length);
      return storage.setCoordinated(id, ids, flag);
    },
  };
  return { s, log };
}

describe('detectAndFlag', () => {
  it('[CO16] streams the series in time-ordered pages (authors first, without text) and flags exactly what detectCoordinated finds over the whole series', async () => {
    // The reference: everything in memory, sorted by posting time then id (insertion order here).
    const stats = new AuthorStats();
    for (const r of stored) stats.add(r.author, r.postedAt);
    const order = stored.map((r, i) => ({ r, i, at: Date.parse(r.postedAt) })).sort((a, b) => a.at - b.at || a.i - b.i);
    const expected = detectCoordinated(order.map(({ r, at }) => ({ id: key(r), author: r.author, postedAt: at, text: r.text, ...stats.get(r.author, at) })));
    expect(expected.length).toBeGreaterThanOrEqual(20);

    const { s, log } = watched(997);
    expect(await detectAndFlag(s, seriesId)).toEqual({ flagged: expected.length, changed: expected.length });
    const pages = Math.ceil(stored.length / 997);
    // Both passes walk every page once (plus the empty page that ends each walk); no page is bigger than asked.
    expect(log).toMatchObject({ textless: pages + 1, withText: pages + 1, biggestPage: 997 });
    expect(log.flagCalls.every((n) => n > 0 && n <= 10_000)).toBe(true);
    const flagged = await storage.searchFeedback({ seriesId, coordinated: true, limit: 1_000 });
    expect(flagged.items.map(key).sort()).toEqual([...expected].sort());
    // The planted burst, not the meme.
    const truth = new Map(stored.map((r) => [key(r), r.truth]));
    expect(flagged.items.filter((i) => truth.get(key(i))?.burst).length).toBeGreaterThanOrEqual(expected.length - 5);
    expect(flagged.items.filter((i) => truth.get(key(i))?.theme === 'meme')).toEqual([]);

    // Again, with the storage's own page size: the same flags, nothing new.
    expect(await detectAndFlag(storage, seriesId)).toEqual({ flagged: expected.length, changed: 0 });
  });
});
