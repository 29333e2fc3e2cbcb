import { randomUUID } from 'node:crypto';
import { REVISION_STATUSES, REVISION_TRANSITIONS, type Revision, type RevisionStatus } from '@loopline/shared';
import { describe, expect, it } from 'vitest';
import { StorageConflictError, StorageNotFoundError } from '../../src/storage/common.js';
import type { StorageRef } from './contract.js';
import { type EvidenceWorld, evidenceWorld, pick, revisionInput } from './evidenceFixtures.js';

const AT = '2026-03-10T09:00:00.000Z';

/** Contract tests for revisions: numbering, immutable content, the workflow, airing, audit settings (issue 5). */
export function revisionContract(storage: StorageRef): void {
  const world = (title?: string) => evidenceWorld(storage(), title);

  /** Moves a revision along the legal path to `status` (aired with a fresh release). */
  async function bringTo(w: EvidenceWorld, revisionId: string, status: RevisionStatus): Promise<void> {
    const path: Record<RevisionStatus, RevisionStatus[]> = {
      draft: [],
      proposed: ['proposed'],
      approved: ['proposed', 'approved'],
      rejected: ['proposed', 'rejected'],
      aired: ['proposed', 'approved', 'aired'],
    };
    for (const to of path[status]) {
      const releaseId =
        to === 'aired' ? (await storage().createRelease({ seriesId: w.seriesId, episodeId: w.e1, platform: 'douyin', airedAt: AT })).id : undefined;
      await storage().transitionRevision({ revisionId, to, releaseId, event: { byId: w.showrunner.id, at: AT, comment: to } });
    }
  }

  describe('revisions', () => {
    it('[RV12] revisions are numbered 1, 2, … per episode, start as drafts with a draft event, and name their authors and links', async () => {
      const w = await world();
      const ids = await w.items([{ n: 1 }]);
      const link = await w.link({ itemIds: pick(ids, 1) });
      const first = await storage().createRevision({ ...revisionInput(w, [link.id]), createdAt: AT });
      expect(first).toEqual({
        id: first.id, seriesId: w.seriesId, episodeId: w.e1, number: 1, colour: 'Blue', summary: 'Clarify the twins',
        authors: [{ id: w.writer.id, name: '林写手' }], status: 'draft',
        events: [{ status: 'draft', byId: w.writer.id, byName: '林写手', at: AT, comment: '' }],
        release: null, linkIds: [link.id], sceneCount: 1, runtimeSeconds: 60, createdAt: AT,
      });
      expect((await storage().getLink(link.id))?.revisionId).toBe(first.id);
      const second = await storage().createRevision({
        ...revisionInput(w), colour: 'Pink', authorIds: [w.showrunner.id, w.writer.id, w.showrunner.id], createdAt: '2026-03-11T00:00:00.000Z',
      });
      expect(second).toMatchObject({ number: 2, colour: 'Pink', linkIds: [], authors: [{ id: w.showrunner.id, name: 'Showrunner Sun' }, { id: w.writer.id, name: '林写手' }] });
      const other = await storage().createRevision({ ...revisionInput(w), episodeId: w.e2, createdAt: '2026-03-12T00:00:00.000Z' });
      expect(other.number).toBe(1);
      expect(await storage().getRevision(first.id)).toEqual(first);
      expect(await storage().getRevision('nope')).toBeNull();
      expect((await storage().listRevisions(w.e1)).map((r) => r.number)).toEqual([1, 2]);
      expect((await storage().listRevisions(w.e1))[0]).toEqual(first);
      expect((await storage().listSeriesRevisions(w.seriesId)).map((r) => r.id)).toEqual([other.id, second.id, first.id]);
      expect(await storage().listRevisions('nope')).toEqual([]);
    });

    it('[RV12][RV13] a revision is refused when a link is unknown, of another episode or in another revision; nothing is stored', async () => {
      const w = await world();
      const ids = await w.items([{ n: 1 }]);
      const taken = await w.link({ itemIds: pick(ids, 1) });
      const elsewhere = await w.link({ episodeId: w.e2, itemIds: pick(ids, 1) });
      const free = await w.link({ itemIds: pick(ids, 1) });
      const holder = await storage().createRevision(revisionInput(w, [taken.id]));
      await expect(storage().createRevision(revisionInput(w, [free.id, 'nope']))).rejects.toBeInstanceOf(StorageNotFoundError);
      await expect(storage().createRevision(revisionInput(w, [free.id, elsewhere.id]))).rejects.toBeInstanceOf(StorageConflictError);
      await expect(storage().createRevision(revisionInput(w, [free.id, taken.id]))).rejects.toBeInstanceOf(StorageConflictError);
      await expect(storage().createRevision({ ...revisionInput(w), episodeId: 'nope' })).rejects.toBeInstanceOf(StorageNotFoundError);
      await expect(storage().createRevision({ ...revisionInput(w), seriesId: (await world('x')).seriesId })).rejects.toBeInstanceOf(StorageNotFoundError);
      expect((await storage().listRevisions(w.e1)).map((r) => r.id)).toEqual([holder.id]);
      expect((await storage().getLink(free.id))?.revisionId).toBeNull();
      expect((await storage().createRevision(revisionInput(w))).number).toBe(2);
    });

    it('[RV14] a revision\'s content comes back byte for byte as taken, and nothing changes it', async () => {
      const w = await world();
      const state = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
      state[0] = 0;
      const doc = { type: 'doc', content: [{ type: 'scene', attrs: { sceneId: 's1' }, content: [{ type: 'sceneHeading', content: [{ type: 'text', text: '内景 医院 - 夜' }] }] }] };
      const revision = await storage().createRevision({ ...revisionInput(w), state: state.subarray(0, 65_536), doc });
      state[1] = 99; // the caller's buffer changing later does not reach the stored content
      const expected = new Uint8Array(65_536).map((_, i) => (i * 31) % 256);
      expected[0] = 0;
      const content = await storage().getRevisionContent(revision.id);
      expect(content?.state).toEqual(expected);
      expect(content?.doc).toEqual(doc);
      content!.state[2] = 7;
      await storage().updateRevisionDraft(revision.id, { summary: 'changed summary' });
      await bringTo(w, revision.id, 'aired');
      const again = await storage().getRevisionContent(revision.id);
      expect(again?.state).toEqual(expected);
      expect(again?.doc).toEqual(doc);
      expect(await storage().getRevisionContent('nope')).toBeNull();
      expect(Object.keys(await storage().getRevision(revision.id) ?? {})).not.toContain('state');
    });

    it('[RV15] a draft\'s summary and links change; past draft they are refused', async () => {
      const w = await world();
      const ids = await w.items([{ n: 1 }]);
      const [a, b, c] = [await w.link({ itemIds: pick(ids, 1) }), await w.link({ itemIds: pick(ids, 1) }), await w.link({ itemIds: pick(ids, 1) })];
      const revision = await storage().createRevision(revisionInput(w, [a.id, b.id]));
      const updated = await storage().updateRevisionDraft(revision.id, { summary: '改写第三场', linkIds: [b.id, c.id] });
      expect(updated).toEqual({ ...revision, summary: '改写第三场', linkIds: [b.id, c.id] });
      expect((await storage().getLink(a.id))?.revisionId).toBeNull();
      expect((await storage().getLink(c.id))?.revisionId).toBe(revision.id);
      expect(await storage().updateRevisionDraft('nope', { summary: 'x' })).toBeNull();
      const rival = await storage().createRevision(revisionInput(w));
      await expect(storage().updateRevisionDraft(rival.id, { linkIds: [b.id] })).rejects.toBeInstanceOf(StorageConflictError);
      await bringTo(w, revision.id, 'proposed');
      await expect(storage().updateRevisionDraft(revision.id, { summary: 'late' })).rejects.toBeInstanceOf(StorageConflictError);
      expect((await storage().getRevision(revision.id))?.summary).toBe('改写第三场');
    });

    it('[RV16] every step outside the workflow is refused and changes nothing; legal steps record who, when and why', async () => {
      const w = await world();
      for (const from of REVISION_STATUSES) {
        for (const to of REVISION_STATUSES) {
          if (REVISION_TRANSITIONS[from].includes(to)) continue;
          const revision = await storage().createRevision(revisionInput(w));
          await bringTo(w, revision.id, from);
          const before = await storage().getRevision(revision.id);
          const release = await storage().createRelease({ seriesId: w.seriesId, episodeId: w.e1, platform: 'kuaishou', airedAt: AT });
          const step = storage().transitionRevision({ revisionId: revision.id, to, releaseId: release.id, event: { byId: w.showrunner.id, at: AT, comment: 'x' } });
          await expect(step, `${from} → ${to}`).rejects.toBeInstanceOf(StorageConflictError);
          expect(await storage().getRevision(revision.id)).toEqual(before);
        }
      }
      const revision = await storage().createRevision(revisionInput(w));
      const event = (comment: string, at: string) => ({ byId: w.showrunner.id, at, comment });
      await storage().transitionRevision({ revisionId: revision.id, to: 'proposed', event: { byId: w.writer.id, at: '2026-03-11T00:00:00.000Z', comment: '请审' } });
      const rejected = await storage().transitionRevision({ revisionId: revision.id, to: 'rejected', event: event('证据太弱', '2026-03-12T00:00:00.000Z') });
      expect(rejected?.status).toBe('rejected');
      expect(rejected?.events.slice(1)).toEqual([
        { status: 'proposed', byId: w.writer.id, byName: '林写手', at: '2026-03-11T00:00:00.000Z', comment: '请审' },
        { status: 'rejected', byId: w.showrunner.id, byName: 'Showrunner Sun', at: '2026-03-12T00:00:00.000Z', comment: '证据太弱' },
      ]);
      expect(await storage().transitionRevision({ revisionId: 'nope', to: 'proposed', event: event('', AT) })).toBeNull();
    });

    it('[RV17] two approvals of one revision at once: exactly one wins', async () => {
      const w = await world();
      const revision = await storage().createRevision(revisionInput(w));
      await bringTo(w, revision.id, 'proposed');
      const approve = (comment: string) =>
        storage().transitionRevision({ revisionId: revision.id, to: 'approved', event: { byId: w.showrunner.id, at: AT, comment } });
      const results = await Promise.allSettled([approve('one'), approve('two'), approve('three')]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(StorageConflictError);
      const after = await storage().getRevision(revision.id);
      expect(after?.events.filter((e) => e.status === 'approved')).toHaveLength(1);
      expect(after?.status).toBe('approved');
    });

    it('[RV18] airing needs a release of the same episode not aired with another revision; the release and revision name each other', async () => {
      const w = await world();
      const revision = await storage().createRevision(revisionInput(w));
      await bringTo(w, revision.id, 'approved');
      const air = (releaseId: string | undefined) =>
        storage().transitionRevision({ revisionId: revision.id, to: 'aired', releaseId, event: { byId: w.showrunner.id, at: AT, comment: '' } });
      const elsewhere = await storage().createRelease({ seriesId: w.seriesId, episodeId: w.e2, platform: 'douyin', airedAt: AT });
      await expect(air(undefined)).rejects.toBeInstanceOf(RangeError);
      await expect(air('nope')).rejects.toBeInstanceOf(StorageNotFoundError);
      await expect(air(elsewhere.id)).rejects.toBeInstanceOf(StorageConflictError);
      expect((await storage().getRevision(revision.id))?.status).toBe('approved');
      const release = await storage().createRelease({ seriesId: w.seriesId, episodeId: w.e1, platform: 'douyin', airedAt: '2026-03-20T12:00:00.000Z' });
      const aired = await air(release.id);
      expect(aired?.status).toBe('aired');
      expect(aired?.release).toEqual({ ...release, revisionId: revision.id });
      expect((await storage().listReleases(w.seriesId)).find((r) => r.id === release.id)?.revisionId).toBe(revision.id);
      const next = await storage().createRevision(revisionInput(w));
      await bringTo(w, next.id, 'approved');
      await expect(
        storage().transitionRevision({ revisionId: next.id, to: 'aired', releaseId: release.id, event: { byId: w.showrunner.id, at: AT, comment: '' } }),
      ).rejects.toBeInstanceOf(StorageConflictError);
    });

    it('[TR12] a revision head is the revision without authors, events or links, its release included; unknown ids are null', async () => {
      const w = await world();
      const link = await w.link({ itemIds: pick(await w.items([{ n: 1 }]), 1) });
      const revision = await storage().createRevision(revisionInput(w, [link.id]));
      const headOf = ({ id, seriesId, episodeId, number, colour, status, release }: Revision) => ({ id, seriesId, episodeId, number, colour, status, release });
      expect(await storage().getRevisionHead(revision.id)).toEqual(headOf(revision));
      await bringTo(w, revision.id, 'approved');
      const release = await storage().createRelease({ seriesId: w.seriesId, episodeId: w.e1, platform: 'kuaishou', airedAt: AT });
      const aired = await storage().transitionRevision({ revisionId: revision.id, to: 'aired', releaseId: release.id, event: { byId: w.showrunner.id, at: AT, comment: '' } });
      const head = await storage().getRevisionHead(revision.id);
      expect(head).toEqual(headOf(aired!));
      expect(head?.release?.platform).toBe('kuaishou');
      expect(await storage().getRevisionHead(randomUUID())).toBeNull();
    });

    it('[RV19] audit thresholds are kept per series; none stored reads as null', async () => {
      const w = await world();
      const other = await world('other');
      expect(await storage().getAuditThresholds(w.seriesId)).toBeNull();
      await storage().setAuditThresholds(w.seriesId, { minDistinctViewers: 50, maxSegmentShare: 0.75, maxCoordinatedShare: 0.25 });
      await storage().setAuditThresholds(w.seriesId, { minDistinctViewers: 12, maxSegmentShare: 0.9, maxCoordinatedShare: 0.4 });
      expect(await storage().getAuditThresholds(w.seriesId)).toEqual({ minDistinctViewers: 12, maxSegmentShare: 0.9, maxCoordinatedShare: 0.4 });
      expect(await storage().getAuditThresholds(other.seriesId)).toBeNull();
      await expect(storage().setAuditThresholds('nope', { minDistinctViewers: 1, maxSegmentShare: 1, maxCoordinatedShare: 1 })).rejects.toBeInstanceOf(StorageNotFoundError);
    });
  });
}
