import { describe, expect, it } from 'vitest';
import { StorageConflictError, StorageNotFoundError } from '../../src/storage/common.js';
import type { StorageRef } from './contract.js';
import { evidenceWorld, pick, revisionInput } from './evidenceFixtures.js';

/** Contract tests for evidence sets, links, their items and samples (issue 5). */
export function evidenceContract(storage: StorageRef): void {
  const world = (title?: string) => evidenceWorld(storage(), title);

  describe('evidence sets and links', () => {
    it('[EV11] a set stores its filter and its matches once each; sets list newest first; foreign items are refused', async () => {
      const w = await world();
      const ids = await w.items([{ n: 1 }, { n: 2 }, { n: 3 }]);
      const filter = { q: '双胞胎', segments: { paying: 'yes' }, minLikes: 2 };
      const first = await storage().createEvidenceSet({
        seriesId: w.seriesId, name: '看不懂', filter, createdBy: w.writer.id, itemIds: [...pick(ids, 1, 2), ...pick(ids, 2)],
        createdAt: '2026-03-02T10:00:00.000Z',
      });
      expect(first).toMatchObject({ seriesId: w.seriesId, name: '看不懂', filter, createdBy: w.writer.id, matched: 2 });
      expect(first.evaluatedAt).toBe('2026-03-02T10:00:00.000Z');
      expect(first.createdAt).toBe('2026-03-02T10:00:00.000Z');
      const second = await storage().createEvidenceSet({ seriesId: w.seriesId, name: 'all', filter: {}, createdBy: w.writer.id, itemIds: [], createdAt: '2026-03-03T10:00:00.000Z' });
      expect(second.matched).toBe(0);
      expect(await storage().getEvidenceSet(first.id)).toEqual(first);
      expect((await storage().listEvidenceSets(w.seriesId)).map((s) => s.name)).toEqual(['all', '看不懂']);
      expect(await storage().getEvidenceSet('nope')).toBeNull();

      const other = await world('other');
      const foreign = await other.items([{ n: 9 }]);
      for (const itemIds of [pick(foreign, 9), ['not-an-id'], ['999999']]) {
        await expect(storage().createEvidenceSet({ seriesId: w.seriesId, name: 'x', filter: {}, createdBy: w.writer.id, itemIds })).rejects.toBeInstanceOf(StorageNotFoundError);
      }
      await expect(storage().createEvidenceSet({ seriesId: 'nope', name: 'x', filter: {}, createdBy: w.writer.id, itemIds: [] })).rejects.toBeInstanceOf(StorageNotFoundError);
      expect(await storage().listEvidenceSets(w.seriesId)).toHaveLength(2);
    });

    it('[EV11] re-evaluating a set replaces its items; links to it follow, keeping their own items, unless proposed', async () => {
      const w = await world();
      const ids = await w.items([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
      const set = await storage().createEvidenceSet({ seriesId: w.seriesId, name: 's', filter: { q: 'twins' }, createdBy: w.writer.id, itemIds: pick(ids, 1, 2) });
      const open = await w.link({ evidenceSetId: set.id, itemIds: pick(ids, 4) });
      const frozen = await w.link({ evidenceSetId: set.id, itemIds: [] });
      expect(open.itemCount).toBe(3);
      const revision = await storage().createRevision(revisionInput(w, [frozen.id]));
      await storage().transitionRevision({ revisionId: revision.id, to: 'proposed', event: { byId: w.writer.id, at: '2026-03-05T00:00:00.000Z', comment: '' } });

      const again = await storage().reevaluateEvidenceSet(set.id, pick(ids, 2, 3), '2026-03-06T00:00:00.000Z');
      expect(again).toMatchObject({ id: set.id, matched: 2, evaluatedAt: '2026-03-06T00:00:00.000Z', createdAt: set.createdAt });
      expect(await storage().listLinkItemIds(open.id)).toEqual(pick(ids, 2, 3, 4));
      expect((await storage().getLink(open.id))?.itemCount).toBe(3);
      expect((await storage().getLink(open.id))?.sample.mentions).toBe(3);
      expect(await storage().listLinkItemIds(frozen.id)).toEqual(pick(ids, 1, 2));
      expect((await storage().listLinksOfItem(pick(ids, 1)[0]!)).map((l) => l.id)).toEqual([frozen.id]);
      expect((await storage().listLinksOfItem(pick(ids, 3)[0]!)).map((l) => l.id)).toEqual([open.id]);
      expect(await storage().reevaluateEvidenceSet('nope', [], '2026-03-06T00:00:00.000Z')).toBeNull();
      await expect(storage().reevaluateEvidenceSet(set.id, ['bad'], '2026-03-07T00:00:00.000Z')).rejects.toBeInstanceOf(StorageNotFoundError);
      expect((await storage().getEvidenceSet(set.id))?.matched).toBe(2);
    });

    it('[EV12] a link stores anchor, author, rationale, stance, weight, state and its items (explicit ∪ set, once each)', async () => {
      const w = await world();
      const ids = await w.items([{ n: 1 }, { n: 2 }, { n: 3 }]);
      const set = await storage().createEvidenceSet({ seriesId: w.seriesId, name: 's', filter: {}, createdBy: w.writer.id, itemIds: pick(ids, 2, 3) });
      const anchor = {
        kind: 'span' as const, sceneId: 'scene-7', heading: 'INT. 医院 - 夜', blockIndex: 2,
        start: { type: { client: 1, clock: 4 }, assoc: 0 }, end: { item: { client: 1, clock: 9 }, assoc: -1 }, quote: '我才是姐姐',
      };
      const link = await w.link({ anchor, evidenceSetId: set.id, itemIds: pick(ids, 1, 2), stance: 'contradicts', weight: 3, createdAt: '2026-03-04T08:00:00.000Z' });
      expect(link).toMatchObject({
        seriesId: w.seriesId, episodeId: w.e1, sceneId: 'scene-7', anchor, evidenceSetId: set.id, itemCount: 3,
        authorId: w.writer.id, authorName: '林写手', rationale: '观众看不懂双胞胎的身份', stance: 'contradicts', weight: 3,
        createdAt: '2026-03-04T08:00:00.000Z', revisionId: null, state: 'anchored', stateCheckedAt: '2026-03-04T08:00:00.000Z',
      });
      expect(await storage().getLink(link.id)).toEqual(link);
      expect(await storage().getLink('nope')).toBeNull();
      const plain = await w.link({ itemIds: pick(ids, 3, 3) });
      expect(plain.evidenceSetId).toBeNull();
      expect(plain.itemCount).toBe(1);
    });

    it('[EV12] a link naming an unknown or foreign episode, set or item, or holding no item, is refused and nothing is stored', async () => {
      const w = await world();
      const other = await world('other');
      const ids = await w.items([{ n: 1 }]);
      const foreign = await other.items([{ n: 2 }]);
      const foreignSet = await storage().createEvidenceSet({ seriesId: other.seriesId, name: 's', filter: {}, createdBy: w.writer.id, itemIds: [] });
      const notFound = [
        { episodeId: 'nope', itemIds: pick(ids, 1) },
        { episodeId: other.e1, itemIds: pick(ids, 1) },
        { evidenceSetId: 'nope', itemIds: pick(ids, 1) },
        { evidenceSetId: foreignSet.id, itemIds: pick(ids, 1) },
        { itemIds: [...pick(ids, 1), ...pick(foreign, 2)] },
        { itemIds: ['abc'] },
      ];
      for (const over of notFound) await expect(w.link(over)).rejects.toBeInstanceOf(StorageNotFoundError);
      const empty = await storage().createEvidenceSet({ seriesId: w.seriesId, name: 'empty', filter: {}, createdBy: w.writer.id, itemIds: [] });
      await expect(w.link({ itemIds: [] })).rejects.toBeInstanceOf(RangeError);
      await expect(w.link({ itemIds: [], evidenceSetId: empty.id })).rejects.toBeInstanceOf(RangeError);
      expect(await storage().listLinks({ seriesId: w.seriesId })).toEqual([]);
      expect(await storage().listLinksOfItem(pick(ids, 1)[0]!)).toEqual([]);
    });

    it('[EV13] links list oldest first, filtered by episode, scene, revision (or none) and state, one series only', async () => {
      const w = await world();
      const other = await world('other');
      const ids = await w.items([{ n: 1 }]);
      const oids = await other.items([{ n: 1 }]);
      const at = (d: number) => `2026-03-0${d}T00:00:00.000Z`;
      const c = await w.link({ sceneId: 'a', itemIds: pick(ids, 1), createdAt: at(3) });
      const a = await w.link({ sceneId: 'a', itemIds: pick(ids, 1), createdAt: at(1) });
      const b = await w.link({ sceneId: 'b', itemIds: pick(ids, 1), createdAt: at(2), state: 'orphaned' });
      const d = await w.link({ episodeId: w.e2, sceneId: 'a', itemIds: pick(ids, 1), createdAt: at(4) });
      await other.link({ sceneId: 'a', itemIds: pick(oids, 1) });
      const revision = await storage().createRevision(revisionInput(w, [c.id]));
      const list = async (q: Omit<Parameters<ReturnType<StorageRef>['listLinks']>[0], 'seriesId'>) =>
        (await storage().listLinks({ seriesId: w.seriesId, ...q })).map((l) => l.id);
      expect(await list({})).toEqual([a.id, b.id, c.id, d.id]);
      expect(await list({ episodeId: w.e1 })).toEqual([a.id, b.id, c.id]);
      expect(await list({ episodeId: w.e1, sceneId: 'a' })).toEqual([a.id, c.id]);
      expect(await list({ sceneId: 'a' })).toEqual([a.id, c.id, d.id]);
      expect(await list({ revisionId: revision.id })).toEqual([c.id]);
      expect(await list({ revisionId: null, episodeId: w.e1 })).toEqual([a.id, b.id]);
      expect(await list({ state: 'orphaned' })).toEqual([b.id]);
      expect(await list({ state: 'drifted' })).toEqual([]);
      expect((await storage().getLink(c.id))?.revisionId).toBe(revision.id);
    });

    it('[EV14] a link\'s items page in posting order', async () => {
      const w = await world();
      const ids = await w.items(Array.from({ length: 12 }, (_, i) => ({ n: 11 - i })));
      const link = await w.link({ itemIds: pick(ids, 5, 0, 11, 3, 7, 1, 2, 4, 6, 8, 9, 10) });
      const all = pick(ids, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
      expect(await storage().listLinkItemIds(link.id)).toEqual(all);
      expect(await storage().listLinkItemIds(link.id, { limit: 5 })).toEqual(all.slice(0, 5));
      expect(await storage().listLinkItemIds(link.id, { offset: 5, limit: 5 })).toEqual(all.slice(5, 10));
      expect(await storage().listLinkItemIds(link.id, { offset: 10, limit: 5 })).toEqual(all.slice(10));
      expect(await storage().listLinkItemIds('nope')).toEqual([]);
    });

    it('[EV15] rationale, stance and weight change and links are deleted until their revision leaves draft', async () => {
      const w = await world();
      const ids = await w.items([{ n: 1 }]);
      const link = await w.link({ itemIds: pick(ids, 1) });
      const updated = await storage().updateLink(link.id, { weight: 0 });
      expect(updated).toEqual({ ...link, weight: 0 });
      expect(await storage().updateLink(link.id, { rationale: '更清楚', stance: 'supports' })).toEqual({ ...link, weight: 0, rationale: '更清楚', stance: 'supports' });
      expect(await storage().updateLink('nope', { weight: 1 })).toBeNull();
      expect(await storage().deleteLink('nope')).toBe(false);

      const inDraft = await w.link({ itemIds: pick(ids, 1) });
      const proposedLink = await w.link({ itemIds: pick(ids, 1) });
      await storage().createRevision(revisionInput(w, [inDraft.id]));
      const revision = await storage().createRevision(revisionInput(w, [proposedLink.id]));
      await storage().transitionRevision({ revisionId: revision.id, to: 'proposed', event: { byId: w.writer.id, at: '2026-03-05T00:00:00.000Z', comment: '' } });
      expect((await storage().updateLink(inDraft.id, { weight: 1 }))?.weight).toBe(1);
      await expect(storage().updateLink(proposedLink.id, { weight: 1 })).rejects.toBeInstanceOf(StorageConflictError);
      await expect(storage().deleteLink(proposedLink.id)).rejects.toBeInstanceOf(StorageConflictError);
      expect(await storage().getLink(proposedLink.id)).toEqual({ ...proposedLink, revisionId: revision.id });
      expect(await storage().deleteLink(inDraft.id)).toBe(true);
      expect(await storage().deleteLink(link.id)).toBe(true);
      expect(await storage().getLink(link.id)).toBeNull();
      expect(await storage().listLinkItemIds(link.id)).toEqual([]);
      expect((await storage().listLinksOfItem(pick(ids, 1)[0]!)).map((l) => l.id)).toEqual([proposedLink.id]);
    });

    it('[EV16] recomputed states are stored with the time they were checked; only real changes count', async () => {
      const w = await world();
      const ids = await w.items([{ n: 1 }]);
      const a = await w.link({ itemIds: pick(ids, 1) });
      const b = await w.link({ itemIds: pick(ids, 1) });
      const at = '2026-04-01T00:00:00.000Z';
      const changed = await storage().setLinkStates([{ id: a.id, state: 'drifted' }, { id: b.id, state: 'anchored' }, { id: 'nope', state: 'orphaned' }], at);
      expect(changed).toBe(1);
      expect(await storage().getLink(a.id)).toMatchObject({ state: 'drifted', stateCheckedAt: at });
      expect(await storage().getLink(b.id)).toMatchObject({ state: 'anchored', stateCheckedAt: at });
      expect(await storage().setLinkStates([], at)).toBe(0);
    });
  });
}
