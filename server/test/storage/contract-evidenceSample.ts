import { describe, expect, it } from 'vitest';
import { StorageNotFoundError } from '../../src/storage/common.js';
import { itemFactsCursor } from '../../src/storage/evidenceCommon.js';
import type { ItemFacts } from '../../src/storage/types.js';
import type { StorageRef } from './contract.js';
import { type EvidenceWorld, evidenceWorld, pick } from './evidenceFixtures.js';

/**
 * Hand-made sample fixture. Viewers v1..v4; link A holds items 1-3, link B
 * items 3-5 (item 3 in both):
 *   1 v1 paying=yes region=CN-31     2 v1 paying=yes
 *   3 v2 paying=no                   4 v3 paying=no region=CN-11
 *   5 v4 (no segments)
 * A: 3 mentions, viewers {v1,v2}; paying=yes and paying=no 1 viewer each,
 *    region=CN-31 1 → tie broken by name then value: paying=no, share 1/2.
 * B: 3 mentions, viewers {v2,v3,v4}; paying=no 2 of 3.
 * A ∪ B: 5 mentions, 4 viewers (v2 once), paying=no 2/4 vs paying=yes 1/4.
 */
async function fixture(w: EvidenceWorld) {
  const ids = await w.items([
    { n: 1, author: 'v1', segments: { paying: 'yes', region: 'CN-31' } },
    { n: 2, author: 'v1', segments: { paying: 'yes' } },
    { n: 3, author: 'v2', segments: { paying: 'no' } },
    { n: 4, author: 'v3', segments: { paying: 'no', region: 'CN-11' } },
    { n: 5, author: 'v4', segments: {} },
  ]);
  const a = await w.link({ itemIds: pick(ids, 1, 2, 3), createdAt: '2026-03-01T00:00:00.000Z' });
  const b = await w.link({ itemIds: pick(ids, 3, 4, 5), createdAt: '2026-03-02T00:00:00.000Z' });
  return { ids, a, b };
}

/** Contract tests for samples, erasure reaching links, trace reads and coordination flags (issue 5). */
export function evidenceSampleContract(storage: StorageRef): void {
  const world = (title?: string) => evidenceWorld(storage(), title);

  describe('evidence samples, trace and coordination', () => {
    it('[EV17] every link carries its sample: mentions, distinct viewers, coordinated items, the top segment by distinct viewers', async () => {
      const w = await world();
      const { a, b } = await fixture(w);
      expect(a.sample).toEqual({ mentions: 3, distinctViewers: 2, coordinated: 0, topSegment: { name: 'paying', value: 'no', share: 0.5 } });
      expect(b.sample).toEqual({ mentions: 3, distinctViewers: 3, coordinated: 0, topSegment: { name: 'paying', value: 'no', share: 2 / 3 } });
      expect((await storage().getLink(a.id))?.sample).toEqual(a.sample);
      expect((await storage().listLinks({ seriesId: w.seriesId })).map((l) => l.sample)).toEqual([a.sample, b.sample]);
    });

    it('[EV17] the sample of several links counts each item and each viewer once', async () => {
      const w = await world();
      const { a, b } = await fixture(w);
      expect(await storage().sampleOfLinks([a.id, b.id])).toEqual({
        mentions: 5, distinctViewers: 4, coordinated: 0, topSegment: { name: 'paying', value: 'no', share: 0.5 },
      });
      expect(await storage().sampleOfLinks([a.id, a.id, 'nope'])).toEqual(a.sample);
      expect(await storage().sampleOfLinks([])).toEqual({ mentions: 0, distinctViewers: 0, coordinated: 0, topSegment: null });
      const ids = await w.items([{ n: 7, author: 'v7' }]);
      const bare = await w.link({ itemIds: pick(ids, 7) });
      expect(bare.sample).toEqual({ mentions: 1, distinctViewers: 1, coordinated: 0, topSegment: null });
    });

    it('[EV17][CO10] flagged items count as coordinated in every sample holding them, not as viewers; clearing restores them', async () => {
      const w = await world();
      const { ids, a, b } = await fixture(w);
      const other = await world('other');
      const foreign = await other.items([{ n: 1 }]);
      expect(await storage().setCoordinated(w.seriesId, [...pick(ids, 3, 4, 4), ...pick(foreign, 1), 'junk'], true)).toBe(2);
      expect(await storage().setCoordinated(w.seriesId, pick(ids, 3), true)).toBe(0);
      // A: v1 (paying=yes) is the only viewer left; B: v4, with no segment data.
      expect((await storage().getLink(a.id))?.sample).toEqual({ mentions: 3, distinctViewers: 1, coordinated: 1, topSegment: { name: 'paying', value: 'yes', share: 1 } });
      expect((await storage().getLink(b.id))?.sample).toEqual({ mentions: 3, distinctViewers: 1, coordinated: 2, topSegment: null });
      expect(await storage().sampleOfLinks([a.id, b.id])).toEqual({ mentions: 5, distinctViewers: 2, coordinated: 2, topSegment: { name: 'paying', value: 'yes', share: 0.5 } });
      expect((await storage().getFeedbackItem(pick(foreign, 1)[0]!))?.coordinated).toBe(false);
      expect(await storage().setCoordinated(w.seriesId, pick(ids, 3), false)).toBe(1);
      expect((await storage().getLink(a.id))?.sample).toEqual(a.sample);
      expect((await storage().listLinksOfItem(pick(ids, 4)[0]!))[0]?.sample).toMatchObject({ coordinated: 1, distinctViewers: 2 });
      expect(await storage().setCoordinated('nope', pick(ids, 1), true)).toBe(0);
    });

    it('[CO11] feedback reads carry the coordinated flag, and a search can leave flagged items out or keep only them', async () => {
      const w = await world();
      const ids = await w.items([{ n: 1, text: 'buy buy' }, { n: 2, text: 'buy now' }, { n: 3, text: 'real comment' }]);
      await storage().setCoordinated(w.seriesId, pick(ids, 1, 2), true);
      const texts = async (filter: object) => {
        const page = await storage().searchFeedback({ seriesId: w.seriesId, order: 'asc', ...filter });
        return { texts: page.items.map((i) => i.text), total: page.total };
      };
      expect(await texts({ coordinated: false })).toEqual({ texts: ['real comment'], total: 1 });
      expect(await texts({ coordinated: true })).toEqual({ texts: ['buy buy', 'buy now'], total: 2 });
      expect(await texts({ coordinated: false, terms: ['buy'] })).toEqual({ texts: [], total: 0 });
      expect(await texts({ coordinated: true, terms: ['buy'], sort: 'likes' })).toEqual({ texts: ['buy buy', 'buy now'], total: 2 });
      expect(await texts({ coordinated: false, platform: 'douyin' })).toEqual({ texts: ['real comment'], total: 1 });
      const all = await storage().searchFeedback({ seriesId: w.seriesId, order: 'asc' });
      expect(all.items.map((i) => i.coordinated)).toEqual([true, true, false]);
      expect((await storage().getFeedbackItem(pick(ids, 1)[0]!))?.coordinated).toBe(true);
      expect((await storage().getFeedbackDetail(pick(ids, 3)[0]!))?.item.coordinated).toBe(false);
    });

    it('[CO12] item facts page through a series oldest first (posting time, then id), across equal times, with text on request', async () => {
      const w = await world();
      const other = await world('other');
      await other.items([{ n: 1 }]);
      // Stored in n order (ids ascending) but posted out of it, several at the same millisecond.
      const minute = [4, 0, 4, 1, 0, 4, -1, 0, 4, 2, 0];
      const ids = await w.items(
        minute.map((m, n) => ({ n, author: `v${n % 3}`, segments: { paying: n % 2 ? 'yes' : 'no' }, postedAt: new Date(Date.UTC(2026, 2, 1, 20, m)).toISOString() })),
      );
      await storage().setCoordinated(w.seriesId, pick(ids, 2), true);
      const expected = [...ids.entries()]
        .sort(([a, x], [b, y]) => minute[a]! - minute[b]! || Number(x) - Number(y))
        .map(([, id]) => id);
      for (const limit of [1, 2, 3, 4, 11]) {
        const seen: string[] = [];
        let after: string | null = null;
        for (;;) {
          const page = await storage().listItemFacts(w.seriesId, { after, limit });
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(limit);
          seen.push(...page.map((f) => f.id));
          after = itemFactsCursor(page[page.length - 1]!);
        }
        expect(seen, `limit ${limit}`).toEqual(expected);
      }
      const [first] = await storage().listItemFacts(w.seriesId, { limit: 1, withText: true });
      expect(first).toEqual({
        id: pick(ids, 6)[0], author: 'v0', postedAt: new Date(Date.UTC(2026, 2, 1, 19, 59)).toISOString(),
        coordinated: false, segments: { paying: 'no' }, text: 'comment 6',
      });
      expect((await storage().listItemFacts(w.seriesId, { limit: 100 })).find((f) => f.id === pick(ids, 2)[0])).toMatchObject({ coordinated: true });
      expect((await storage().listItemFacts(w.seriesId, { limit: 1 }))[0]).not.toHaveProperty('text');
      expect(await storage().listItemFacts('nope')).toEqual([]);
    });

    it('[CO12] the cursor is a place in time order: the walk goes on after its item is erased; a malformed cursor is refused', async () => {
      const w = await world();
      const ids = await w.items([0, 0, 0, 1, 1].map((m, n) => ({ n, author: `a${n}`, postedAt: new Date(Date.UTC(2026, 2, 1, 20, m)).toISOString() })));
      const page = await storage().listItemFacts(w.seriesId, { limit: 2 });
      expect(page.map((f) => f.id)).toEqual(pick(ids, 0, 1));
      expect(await storage().deleteFeedbackByAuthor(w.seriesId, 'a1')).toBe(1);
      const rest = await storage().listItemFacts(w.seriesId, { after: itemFactsCursor(page[1]!) });
      expect(rest.map((f) => f.id)).toEqual(pick(ids, 2, 3, 4));
      // Times finer than a millisecond (PostgreSQL keeps microseconds): each item still comes exactly once, in time order.
      const fine = await w.items(['.000900', '.000100', '.000500', '.000100', '.001000'].map((f, i) => ({ n: 10 + i, author: `f${i}`, postedAt: `2026-03-02T20:00:00${f}Z` })));
      const walked: ItemFacts[] = [];
      let after: string | null = itemFactsCursor(rest[2]!);
      // Bounded: a cursor that stalled would return the same item forever.
      while (walked.length < 10) {
        const next = await storage().listItemFacts(w.seriesId, { after, limit: 1 });
        if (next.length === 0) break;
        walked.push(...next);
        after = itemFactsCursor(next[0]!);
      }
      expect(walked.map((f) => f.id).sort()).toEqual(pick(fine, 10, 11, 12, 13, 14).sort());
      expect(walked.map((f) => f.postedAt)).toEqual([...walked.map((f) => f.postedAt)].sort());
      for (const bad of ['x', pick(ids, 1)[0]!, '', Buffer.from('12/0').toString('base64url'), Buffer.from('1e20/5').toString('base64url')]) {
        await expect(storage().listItemFacts(w.seriesId, { after: bad }), bad).rejects.toThrow(RangeError);
      }
    });

    it('[TR10] the links holding an item, explicitly or through a set, oldest first, with their samples', async () => {
      const w = await world();
      const { ids, a, b } = await fixture(w);
      const set = await storage().createEvidenceSet({ seriesId: w.seriesId, name: 's', filter: {}, createdBy: w.writer.id, itemIds: pick(ids, 3) });
      const viaSet = await w.link({ evidenceSetId: set.id, itemIds: [], createdAt: '2026-03-03T00:00:00.000Z' });
      expect(await storage().listLinksOfItem(pick(ids, 3)[0]!)).toEqual([a, b, viaSet]);
      expect((await storage().listLinksOfItem(pick(ids, 1)[0]!)).map((l) => l.id)).toEqual([a.id]);
      expect(await storage().listLinksOfItem('999999')).toEqual([]);
      expect(await storage().listLinksOfItem('bad id')).toEqual([]);
    });

    it('[TR11] the facts of several links\' items, once each, in posting order, at most the limit', async () => {
      const w = await world();
      const { ids, a, b } = await fixture(w);
      const facts = await storage().itemFactsOfLinks([b.id, a.id]);
      expect(facts.map((f) => f.id)).toEqual(pick(ids, 1, 2, 3, 4, 5));
      expect(facts[0]).toEqual({ id: pick(ids, 1)[0], author: 'v1', postedAt: new Date(Date.UTC(2026, 2, 1, 20, 1, 0)).toISOString(), coordinated: false, segments: { paying: 'yes', region: 'CN-31' } });
      expect((await storage().itemFactsOfLinks([a.id, b.id], { limit: 2 })).map((f) => f.id)).toEqual(pick(ids, 1, 2));
      expect(await storage().itemFactsOfLinks([])).toEqual([]);
    });

    it('[EV18] erasing a viewer takes their items out of links, sets, item pages and samples; the links stay', async () => {
      const w = await world();
      const { ids, a, b } = await fixture(w);
      const set = await storage().createEvidenceSet({ seriesId: w.seriesId, name: 's', filter: {}, createdBy: w.writer.id, itemIds: pick(ids, 1, 2, 4) });
      const viaSet = await w.link({ evidenceSetId: set.id, itemIds: pick(ids, 5) });
      const onlyV1 = await w.link({ itemIds: pick(ids, 1, 2) });
      expect(await storage().deleteFeedbackByAuthor(w.seriesId, 'v1')).toBe(2);
      expect(await storage().getLink(a.id)).toMatchObject({ itemCount: 1, sample: { mentions: 1, distinctViewers: 1, topSegment: { name: 'paying', value: 'no', share: 1 } } });
      expect(await storage().listLinkItemIds(a.id)).toEqual(pick(ids, 3));
      expect((await storage().getLink(b.id))?.sample).toEqual(b.sample);
      expect(await storage().listLinkItemIds(viaSet.id)).toEqual(pick(ids, 4, 5));
      expect((await storage().getEvidenceSet(set.id))?.matched).toBe(1);
      expect(await storage().getLink(onlyV1.id)).toMatchObject({ itemCount: 0, sample: { mentions: 0, distinctViewers: 0, coordinated: 0, topSegment: null } });
      expect(await storage().listLinksOfItem(pick(ids, 1)[0]!)).toEqual([]);
      expect(await storage().sampleOfLinks([a.id, onlyV1.id])).toMatchObject({ mentions: 1, distinctViewers: 1 });
      expect(await storage().itemFactsOfLinks([onlyV1.id, a.id])).toHaveLength(1);
      // Re-evaluating the set later cannot bring the erased items back: they are gone.
      await expect(storage().reevaluateEvidenceSet(set.id, pick(ids, 1), '2026-04-01T00:00:00.000Z')).rejects.toBeInstanceOf(StorageNotFoundError);
    });

    it('[EV18] retention deletes old items from links and samples as well', async () => {
      const w = await world();
      const { ids, a, b } = await fixture(w);
      // Items 1..3 are posted at 20:01..20:03.
      expect(await storage().deleteFeedbackOlderThan(w.seriesId, new Date(Date.UTC(2026, 2, 1, 20, 3, 30)).toISOString())).toBe(3);
      expect(await storage().getLink(a.id)).toMatchObject({ itemCount: 0, sample: { mentions: 0, distinctViewers: 0, topSegment: null } });
      expect(await storage().getLink(b.id)).toMatchObject({ itemCount: 2, sample: { mentions: 2, distinctViewers: 2, topSegment: { name: 'paying', value: 'no', share: 0.5 } } });
      expect(await storage().listLinkItemIds(b.id)).toEqual(pick(ids, 4, 5));
    });
  });
}
