import { describe, expect, it } from 'vitest';
import type { NewFeedbackItem } from '../../src/storage/types.js';
import type { StorageRef } from './contract.js';

/** A stored-ready feedback item; `searchText` defaults to the text's space-separated words. */
export function feedbackItem(seriesId: string, over: Partial<NewFeedbackItem> & { n?: number } = {}): NewFeedbackItem {
  const n = over.n ?? 0;
  const text = over.text ?? `comment ${n}`;
  const { n: _n, ...rest } = over;
  return {
    seriesId,
    episodeId: null,
    kind: 'comment',
    platform: 'douyin',
    externalId: `c${n}`,
    parentExternalId: null,
    postedAt: new Date(Date.UTC(2026, 2, 1, 20, 0, 0) + n * 60_000).toISOString(),
    language: 'zh',
    text,
    quote: null,
    author: `p${n % 7}`,
    likes: n,
    replyCount: 0,
    timecodeMs: null,
    segments: {},
    redactions: [],
    importId: null,
    contentHash: `hash-${n}`,
    searchText: text,
    ...rest,
  };
}

/** Contract tests for feedback items: batch insert, dedup, search, detail, erasure and retention (issue 4). */
export function feedbackContract(storage: StorageRef): void {
  async function setup() {
    const series = await storage().createSeries({ title: '签收双胞胎', language: 'zh' });
    const e1 = await storage().createEpisode({ seriesId: series.id, title: '第1集' });
    const e2 = await storage().createEpisode({ seriesId: series.id, title: '第2集' });
    return { seriesId: series.id, e1: e1.id, e2: e2.id };
  }
  const texts = (page: { items: { text: string }[] }) => page.items.map((i) => i.text);

  describe('feedback', () => {
    it('[FB3] a batch is stored once: the same external ids or content hashes again are duplicates', async () => {
      const { seriesId } = await setup();
      const items = [0, 1, 2].map((n) => feedbackItem(seriesId, { n }));
      const noId = feedbackItem(seriesId, { n: 9, externalId: null, contentHash: 'same' });
      expect(await storage().insertFeedbackBatch([...items, noId])).toEqual({ inserted: 4, duplicates: 0 });
      // A repeat within a batch and across batches; another platform's id 'c0' is a different item.
      const again = [...items, { ...noId, text: 'other text, same hash' }, feedbackItem(seriesId, { n: 0, platform: 'kuaishou' })];
      expect(await storage().insertFeedbackBatch([...again, items[0]!])).toEqual({ inserted: 1, duplicates: 5 });
      expect(await storage().countFeedback(seriesId)).toBe(5);
      expect(await storage().insertFeedbackBatch([])).toEqual({ inserted: 0, duplicates: 0 });
    });

    it('[FB3] dedup is per series: the same external id in another series is stored', async () => {
      const a = await setup();
      const b = await storage().createSeries({ title: 'B', language: 'en' });
      await storage().insertFeedbackBatch([feedbackItem(a.seriesId, { n: 1 })]);
      expect(await storage().insertFeedbackBatch([feedbackItem(b.id, { n: 1 })])).toEqual({ inserted: 1, duplicates: 0 });
    });

    it('[FB9] items come back as stored, newest first by default, with exact total and keyset pages', async () => {
      const { seriesId, e1 } = await setup();
      const stored = feedbackItem(seriesId, {
        n: 3,
        episodeId: e1,
        kind: 'danmaku',
        timecodeMs: 52_300,
        segments: { region: 'CN-31', paying: 'true' },
        redactions: ['phone'],
        quote: '转发 [电话已隐藏]',
        parentExternalId: null,
        importId: 'imp-1',
      });
      await storage().insertFeedbackBatch([stored, ...[0, 1, 2, 4].map((n) => feedbackItem(seriesId, { n }))]);
      const first = await storage().searchFeedback({ seriesId, limit: 2 });
      expect(first.total).toBe(5);
      expect(texts(first)).toEqual(['comment 4', 'comment 3']);
      const { contentHash: _h, searchText: _s, ...domain } = stored;
      expect(first.items[1]).toEqual({ ...domain, id: expect.stringMatching(/^\d+$/), coordinated: false });
      expect(await storage().getFeedbackItem(first.items[1]!.id)).toEqual(first.items[1]);
      // [TR12] the route guard's one-column read
      expect(await storage().seriesOfFeedbackItem(first.items[1]!.id)).toBe(seriesId);
      const second = await storage().searchFeedback({ seriesId, limit: 2, cursor: first.nextCursor });
      expect(texts(second)).toEqual(['comment 2', 'comment 1']);
      const third = await storage().searchFeedback({ seriesId, limit: 2, cursor: second.nextCursor });
      expect(texts(third)).toEqual(['comment 0']);
      expect(third.nextCursor).toBeNull();
      expect(texts(await storage().searchFeedback({ seriesId, order: 'asc', limit: 3 }))).toEqual(['comment 0', 'comment 1', 'comment 2']);
    });

    it('[FB9] items posted in the same millisecond page through in both orders without loss or repeat', async () => {
      const { seriesId } = await setup();
      const at = '2026-03-01T20:00:00.000Z';
      await storage().insertFeedbackBatch(Array.from({ length: 7 }, (_, n) => feedbackItem(seriesId, { n, postedAt: at, text: `same ${n}` })));
      for (const order of ['desc', 'asc'] as const) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await storage().searchFeedback({ seriesId, order, limit: 3, cursor, terms: ['same'] });
          expect(page.total).toBe(7);
          seen.push(...page.items.map((i) => i.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(new Set(seen).size).toBe(7);
      }
    });

    it('[FB9] with several series stored, a search sees only its own series', async () => {
      const a = await setup();
      const b = await storage().createSeries({ title: 'B', language: 'en' });
      await storage().insertFeedbackBatch([feedbackItem(a.seriesId, { n: 1, text: 'shared word' }), feedbackItem(b.id, { n: 2, text: 'shared word' })]);
      for (const seriesId of [a.seriesId, b.id]) {
        for (const filter of [{ terms: ['shared'] }, { platform: 'douyin' }, { minLikes: 1 }, {}]) {
          const page = await storage().searchFeedback({ seriesId, ...filter });
          expect(page.items.map((i) => i.seriesId)).toEqual([seriesId]);
          expect(page.total).toBe(1);
        }
      }
    });

    it('[FB9] a cursor of another sort is refused; limits are clamped to 1..500', async () => {
      const { seriesId } = await setup();
      await storage().insertFeedbackBatch([0, 1, 2].map((n) => feedbackItem(seriesId, { n })));
      const page = await storage().searchFeedback({ seriesId, limit: 1 });
      await expect(storage().searchFeedback({ seriesId, sort: 'likes', cursor: page.nextCursor })).rejects.toThrow(RangeError);
      await expect(storage().searchFeedback({ seriesId, cursor: 'garbage!' })).rejects.toThrow(RangeError);
      expect((await storage().searchFeedback({ seriesId, limit: 0 })).items).toHaveLength(1);
      expect((await storage().searchFeedback({ seriesId, limit: 10_000 })).items).toHaveLength(3);
    });

    it('[FB9] sort by likes pages through ties and unknown likes last, in both orders', async () => {
      const { seriesId } = await setup();
      const likes = [5, null, 5, 9, 0, 5];
      await storage().insertFeedbackBatch(likes.map((l, n) => feedbackItem(seriesId, { n, likes: l })));
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await storage().searchFeedback({ seriesId, sort: 'likes', limit: 2, cursor });
        seen.push(...page.items.map((i) => `${i.likes}`));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['9', '5', '5', '5', '0', 'null']);
      const asc = await storage().searchFeedback({ seriesId, sort: 'likes', order: 'asc', limit: 10 });
      expect(asc.items.map((i) => i.likes)).toEqual([null, 0, 5, 5, 5, 9]);
    });

    it('[FB9] words: every token must match, Chinese and English alike, case-insensitively', async () => {
      const { seriesId } = await setup();
      await storage().insertFeedbackBatch([
        feedbackItem(seriesId, { n: 1, text: '双胞胎 在哪', searchText: '双胞 胞胎 在哪' }),
        feedbackItem(seriesId, { n: 2, text: 'Where are the twins', searchText: 'where are the twins' }),
        feedbackItem(seriesId, { n: 3, text: '请签收 双胞胎', searchText: '请签 签收 双胞 胞胎' }),
      ]);
      const ids = async (terms: string[]) => texts(await storage().searchFeedback({ seriesId, terms, order: 'asc' }));
      expect(await ids(['双胞'])).toEqual(['双胞胎 在哪', '请签收 双胞胎']);
      expect(await ids(['双胞', '签收'])).toEqual(['请签收 双胞胎']);
      expect(await ids(['TWINS'])).toEqual(['Where are the twins']);
      expect(await ids(['twins', '签收'])).toEqual([]);
      expect((await storage().searchFeedback({ seriesId, terms: ['双胞'] })).total).toBe(2);
      // Query syntax in a search token is matched as text, never interpreted.
      expect(await ids(['"双胞" OR twins'])).toEqual([]);
    });

    it('[FB9] filters: episode, kind, platform, time range, segments, likes, timecode, author; combined with words', async () => {
      const { seriesId, e1, e2 } = await setup();
      await storage().insertFeedbackBatch([
        feedbackItem(seriesId, { n: 0, episodeId: e1, text: 'twins a', segments: { paying: 'true' }, likes: 10 }),
        feedbackItem(seriesId, { n: 1, episodeId: e1, kind: 'danmaku', timecodeMs: 5_000, text: 'twins b', likes: null }),
        feedbackItem(seriesId, { n: 2, episodeId: e1, kind: 'danmaku', timecodeMs: 52_000, text: 'twins c', segments: { paying: 'true' } }),
        feedbackItem(seriesId, { n: 3, episodeId: e2, platform: 'kuaishou', text: 'twins d', segments: { paying: 'false' } }),
        feedbackItem(seriesId, { n: 4, episodeId: e2, text: 'other e', segments: { paying: 'true', region: 'CN-11' } }),
      ]);
      const t0 = new Date(Date.UTC(2026, 2, 1, 20, 0, 0)).getTime();
      const cases: [Parameters<ReturnType<StorageRef>['searchFeedback']>[0], string[]][] = [
        [{ seriesId, episodeId: e1 }, ['twins a', 'twins b', 'twins c']],
        [{ seriesId, kind: 'danmaku' }, ['twins b', 'twins c']],
        [{ seriesId, platform: 'kuaishou' }, ['twins d']],
        [{ seriesId, postedFrom: new Date(t0 + 60_000).toISOString(), postedTo: new Date(t0 + 3 * 60_000).toISOString() }, ['twins b', 'twins c']],
        [{ seriesId, segments: { paying: 'true' } }, ['twins a', 'twins c', 'other e']],
        [{ seriesId, segments: { paying: 'true', region: 'CN-11' } }, ['other e']],
        [{ seriesId, minLikes: 3 }, ['twins a', 'twins d', 'other e']],
        [{ seriesId, episodeId: e1, timecodeFromMs: 50_000, timecodeToMs: 60_000 }, ['twins c']],
        [{ seriesId, author: 'p3' }, ['twins d']],
        [{ seriesId, terms: ['twins'], episodeId: e2 }, ['twins d']],
        [{ seriesId, terms: ['twins'], segments: { paying: 'true' }, kind: 'comment' }, ['twins a']],
        [{ seriesId, terms: ['twins'], minLikes: 2 }, ['twins a', 'twins c', 'twins d']],
        [{ seriesId, terms: ['twins'], kind: 'danmaku', timecodeToMs: 10_000 }, ['twins b']],
      ];
      for (const [filter, expected] of cases) {
        const page = await storage().searchFeedback({ ...filter, order: 'asc' });
        expect({ filter, got: texts(page), total: page.total }).toEqual({ filter, got: expected, total: expected.length });
      }
    });

    it('[FB10] detail: the parent, the replies oldest first, and how many items the author wrote', async () => {
      const { seriesId } = await setup();
      await storage().insertFeedbackBatch([
        feedbackItem(seriesId, { n: 0, externalId: 'root', author: 'alice' }),
        feedbackItem(seriesId, { n: 2, externalId: 'r2', parentExternalId: 'root', author: 'bob' }),
        feedbackItem(seriesId, { n: 1, externalId: 'r1', parentExternalId: 'root', author: 'alice' }),
        feedbackItem(seriesId, { n: 3, externalId: 'root', platform: 'kuaishou', author: 'alice' }),
      ]);
      const all = await storage().searchFeedback({ seriesId, platform: 'douyin', order: 'asc' });
      const [root, r1] = all.items;
      const detail = await storage().getFeedbackDetail(root!.id);
      expect(detail?.parent).toBeNull();
      expect(detail?.replies.map((r) => r.externalId)).toEqual(['r1', 'r2']);
      expect(detail?.authorItemCount).toBe(3);
      const reply = await storage().getFeedbackDetail(r1!.id);
      expect(reply?.parent?.id).toBe(root!.id);
      expect(reply?.replies).toEqual([]);
      expect(await storage().getFeedbackDetail('999999')).toBeNull();
      expect(await storage().getFeedbackDetail('not-a-number')).toBeNull();
      expect(await storage().getFeedbackItem('-1')).toBeNull();
      expect(await storage().seriesOfFeedbackItem('999999')).toBeNull();
      expect(await storage().seriesOfFeedbackItem('not-a-number')).toBeNull();
    });

    it('[FB12] danmaku density per second, per platform or summed', async () => {
      const { seriesId, e1, e2 } = await setup();
      const dm = (n: number, timecodeMs: number, platform = 'bilibili', episodeId = e1) =>
        feedbackItem(seriesId, { n, kind: 'danmaku', timecodeMs, platform, episodeId });
      await storage().insertFeedbackBatch([dm(0, 1_000), dm(1, 1_999), dm(2, 52_100), dm(3, 1_500, 'douyin'), dm(4, 3_000, 'bilibili', e2)]);
      expect(await storage().danmakuDensity(e1)).toEqual([
        { second: 1, count: 3 },
        { second: 52, count: 1 },
      ]);
      expect(await storage().danmakuDensity(e1, 'douyin')).toEqual([{ second: 1, count: 1 }]);
      expect(await storage().danmakuDensity(e2)).toEqual([{ second: 3, count: 1 }]);
    });

    it('[FB13] erasure deletes the author\'s items from search, counts and density, and nobody else\'s', async () => {
      const { seriesId, e1 } = await setup();
      await storage().insertFeedbackBatch([
        feedbackItem(seriesId, { n: 0, author: 'viewer', text: 'zebraword one', episodeId: e1, kind: 'danmaku', timecodeMs: 2_000 }),
        feedbackItem(seriesId, { n: 1, author: 'viewer', text: 'zebraword two' }),
        feedbackItem(seriesId, { n: 2, author: 'other', text: 'zebraword three', episodeId: e1, kind: 'danmaku', timecodeMs: 2_500 }),
      ]);
      const other = await storage().createSeries({ title: 'other', language: 'zh' });
      await storage().insertFeedbackBatch([feedbackItem(other.id, { n: 0, author: 'viewer', text: 'zebraword' })]);
      expect(await storage().deleteFeedbackByAuthor(seriesId, 'viewer')).toBe(2);
      const left = await storage().searchFeedback({ seriesId, terms: ['zebraword'] });
      expect(texts(left)).toEqual(['zebraword three']);
      expect(left.total).toBe(1);
      expect(await storage().countFeedback(seriesId)).toBe(1);
      expect((await storage().searchFeedback({ seriesId, kind: 'danmaku' })).total).toBe(1);
      expect(await storage().danmakuDensity(e1)).toEqual([{ second: 2, count: 1 }]);
      expect(await storage().countFeedback(other.id)).toBe(1);
      expect(await storage().deleteFeedbackByAuthor(seriesId, 'viewer')).toBe(0);
    });

    it('[FB13] erasure can be limited to one platform', async () => {
      const { seriesId } = await setup();
      await storage().insertFeedbackBatch([
        feedbackItem(seriesId, { n: 0, author: 'viewer', platform: 'douyin' }),
        feedbackItem(seriesId, { n: 1, author: 'viewer', platform: 'kuaishou' }),
      ]);
      expect(await storage().deleteFeedbackByAuthor(seriesId, 'viewer', { platform: 'kuaishou' })).toBe(1);
      expect((await storage().searchFeedback({ seriesId })).items.map((i) => i.platform)).toEqual(['douyin']);
    });

    it('[FB12] retention deletes items posted before the cutoff; density stays, counts follow', async () => {
      const { seriesId, e1 } = await setup();
      await storage().insertFeedbackBatch(
        [0, 1, 2, 3].map((n) => feedbackItem(seriesId, { n, episodeId: e1, kind: 'danmaku', timecodeMs: 1_000, text: `old${n}` })),
      );
      const cutoff = new Date(Date.UTC(2026, 2, 1, 20, 2, 0)).toISOString();
      expect(await storage().deleteFeedbackOlderThan(seriesId, cutoff)).toBe(2);
      expect(texts(await storage().searchFeedback({ seriesId, order: 'asc' }))).toEqual(['old2', 'old3']);
      expect((await storage().searchFeedback({ seriesId, terms: ['old0'] })).total).toBe(0);
      expect(await storage().countFeedback(seriesId)).toBe(2);
      expect(await storage().danmakuDensity(e1)).toEqual([{ second: 1, count: 4 }]);
      await expect(storage().deleteFeedbackOlderThan(seriesId, 'yesterday')).rejects.toThrow(RangeError);
    });

    it('[FB13] erasure of many items works in chunks and leaves the index consistent', async () => {
      const { seriesId } = await setup();
      const many = Array.from({ length: 12_000 }, (_, n) => feedbackItem(seriesId, { n, author: n % 2 ? 'loud' : 'quiet', text: `w${n % 3}` }));
      for (let i = 0; i < many.length; i += 5000) await storage().insertFeedbackBatch(many.slice(i, i + 5000));
      expect(await storage().deleteFeedbackByAuthor(seriesId, 'loud')).toBe(6000);
      expect(await storage().countFeedback(seriesId)).toBe(6000);
      expect((await storage().searchFeedback({ seriesId, terms: ['w1'] })).total).toBe(2000);
      expect((await storage().searchFeedback({ seriesId, author: 'loud' })).total).toBe(0);
    });
  });
}
