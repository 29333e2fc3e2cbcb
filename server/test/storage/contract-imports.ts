import type { EpisodeMetrics } from '@loopline/shared';
import { describe, expect, it } from 'vitest';
import { StorageNotFoundError } from '../../src/storage/common.js';
import type { NewImportJob } from '../../src/storage/types.js';
import type { StorageRef } from './contract.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** Contract tests for import jobs, row errors, mappings, metrics, curves, releases and privacy settings (issue 4). */
export function importContract(storage: StorageRef): void {
  async function setup() {
    const series = await storage().createSeries({ title: '签收双胞胎', language: 'zh' });
    const e1 = await storage().createEpisode({ seriesId: series.id, title: '第1集' });
    const e2 = await storage().createEpisode({ seriesId: series.id, title: '第2集' });
    return { seriesId: series.id, e1: e1.id, e2: e2.id };
  }
  const job = (seriesId: string, over: Partial<NewImportJob> = {}): NewImportJob => ({
    seriesId,
    episodeId: null,
    target: 'feedback',
    format: 'csv',
    platform: 'douyin',
    fileName: 'comments.csv',
    totalBytes: 1000,
    mapping: { text: '评论内容', author: '用户昵称' },
    presetId: 'douyin',
    createdBy: null,
    ...over,
  });

  describe('imports', () => {
    it('[FB4] a job starts running with zero progress; updates change only the given fields', async () => {
      const { seriesId } = await setup();
      const created = await storage().createImportJob(job(seriesId, { startedAt: '2026-03-01T20:00:00.000Z' }));
      expect(created).toMatchObject({
        seriesId,
        status: 'running',
        rowsRead: 0,
        accepted: 0,
        rejected: 0,
        duplicates: 0,
        bytesRead: 0,
        totalBytes: 1000,
        rowsPerSecond: 0,
        secondsLeft: null,
        error: null,
        startedAt: '2026-03-01T20:00:00.000Z',
        finishedAt: null,
        mapping: { text: '评论内容', author: '用户昵称' },
        presetId: 'douyin',
      });
      const moved = await storage().updateImportJob(created.id, { rowsRead: 10, accepted: 9, rejected: 1, bytesRead: 500, rowsPerSecond: 12.5, secondsLeft: 3.5 });
      expect(moved).toEqual({ ...created, rowsRead: 10, accepted: 9, rejected: 1, bytesRead: 500, rowsPerSecond: 12.5, secondsLeft: 3.5 });
      const done = await storage().updateImportJob(created.id, { status: 'done', finishedAt: '2026-03-01T20:01:00.000Z', secondsLeft: null });
      expect(done).toMatchObject({ status: 'done', finishedAt: '2026-03-01T20:01:00.000Z', secondsLeft: null, rowsRead: 10 });
      expect(await storage().getImportJob(created.id)).toEqual(done);
      expect(await storage().updateImportJob(UNKNOWN, { rowsRead: 1 })).toBeNull();
      await expect(storage().createImportJob(job(UNKNOWN))).rejects.toBeInstanceOf(StorageNotFoundError);
    });

    it('[FB22] jobs list newest first; jobs left running by a dead process are marked failed', async () => {
      const { seriesId } = await setup();
      const a = await storage().createImportJob(job(seriesId, { startedAt: '2026-03-01T20:00:00.000Z' }));
      const b = await storage().createImportJob(job(seriesId, { startedAt: '2026-03-01T21:00:00.000Z' }));
      await storage().updateImportJob(a.id, { status: 'done' });
      expect((await storage().listImportJobs(seriesId)).map((j) => j.id)).toEqual([b.id, a.id]);
      expect(await storage().failInterruptedImports('server restarted')).toBe(1);
      expect(await storage().getImportJob(b.id)).toMatchObject({ status: 'failed', error: 'server restarted' });
      expect((await storage().getImportJob(a.id))?.status).toBe('done');
    });

    it('[FB2] row errors are kept in file order and paged', async () => {
      const { seriesId } = await setup();
      const { id } = await storage().createImportJob(job(seriesId));
      const errors = Array.from({ length: 25 }, (_, i) => ({ line: i + 2, column: i % 2 ? '点赞数' : null, reason: `bad ${i}` }));
      await storage().appendImportErrors(id, errors.slice(0, 10));
      await storage().appendImportErrors(id, errors.slice(10));
      const first = await storage().listImportErrors(id, { limit: 20 });
      expect(first.errors).toEqual(errors.slice(0, 20));
      const rest = await storage().listImportErrors(id, { after: first.next, limit: 20 });
      expect(rest).toEqual({ errors: errors.slice(20), next: null });
      expect((await storage().listImportErrors(UNKNOWN)).errors).toEqual([]);
    });

    it('[FB17] mappings are saved by name, replaced, listed by name and deleted', async () => {
      const { seriesId } = await setup();
      await storage().saveMapping({ seriesId, name: 'douyin-ops', target: 'feedback', mapping: { text: '内容' } });
      const saved = await storage().saveMapping({ seriesId, name: 'douyin-ops', target: 'feedback', mapping: { text: '评论' } });
      await storage().saveMapping({ seriesId, name: 'a-metrics', target: 'metrics', mapping: { views: '播放量' } });
      expect(saved).toMatchObject({ seriesId, name: 'douyin-ops', mapping: { text: '评论' } });
      expect(await storage().getMapping(seriesId, 'douyin-ops')).toEqual(saved);
      expect((await storage().listMappings(seriesId)).map((m) => m.name)).toEqual(['a-metrics', 'douyin-ops']);
      expect(await storage().deleteMapping(seriesId, 'douyin-ops')).toBe(true);
      expect(await storage().deleteMapping(seriesId, 'douyin-ops')).toBe(false);
      expect(await storage().getMapping(seriesId, 'douyin-ops')).toBeNull();
    });
  });

  describe('metrics, retention curves, releases, privacy', () => {
    const metrics = (seriesId: string, episodeId: string, date: string, views: number): EpisodeMetrics => ({
      seriesId,
      episodeId,
      platform: 'douyin',
      date,
      views,
      uniqueViewers: Math.round(views * 0.8),
      completionRate: 0.42,
      fiveSecondCompletion: 0.81,
      avgWatchSeconds: 61.5,
      likes: 120,
      shares: null,
      follows: 7,
      comments: 300,
      paywallUnlocks: null,
      paywallConversion: null,
    });

    it('[FB11] metrics upsert per (episode, platform, date) and list by episode number then date', async () => {
      const { seriesId, e1, e2 } = await setup();
      await storage().upsertEpisodeMetrics([metrics(seriesId, e2, '2026-03-02', 10), metrics(seriesId, e1, '2026-03-02', 20)]);
      expect(await storage().upsertEpisodeMetrics([metrics(seriesId, e1, '2026-03-01', 30), metrics(seriesId, e1, '2026-03-02', 25)])).toBe(2);
      const all = await storage().listEpisodeMetrics(seriesId);
      expect(all.map((m) => [m.episodeId, m.date, m.views])).toEqual([
        [e1, '2026-03-01', 30],
        [e1, '2026-03-02', 25],
        [e2, '2026-03-02', 10],
      ]);
      expect(all[0]).toEqual(metrics(seriesId, e1, '2026-03-01', 30));
      expect((await storage().listEpisodeMetrics(seriesId, { episodeId: e2 })).map((m) => m.views)).toEqual([10]);
      await expect(storage().upsertEpisodeMetrics([metrics(seriesId, UNKNOWN, '2026-03-01', 1)])).rejects.toBeInstanceOf(StorageNotFoundError);
    });

    it('[FB11] retention curves upsert per (episode, platform)', async () => {
      const { seriesId, e1 } = await setup();
      await storage().upsertRetentionCurves([{ seriesId, episodeId: e1, platform: 'douyin', points: [1, 0.9, 0.5] }]);
      await storage().upsertRetentionCurves([
        { seriesId, episodeId: e1, platform: 'douyin', points: [1, 0.8] },
        { seriesId, episodeId: e1, platform: 'bilibili', points: [1, 0.95, 0.9, 0.25] },
      ]);
      const curves = await storage().listRetentionCurves(e1);
      expect(curves.map((c) => [c.platform, c.points])).toEqual([
        ['bilibili', [1, 0.95, 0.9, 0.25]],
        ['douyin', [1, 0.8]],
      ]);
      expect(new Date(curves[0]!.updatedAt).toISOString()).toBe(curves[0]!.updatedAt);
      expect((await storage().listRetentionCurves(e1, 'douyin')).map((c) => c.points)).toEqual([[1, 0.8]]);
      expect(await storage().listRetentionCurves(e1, 'tiktok')).toEqual([]);
    });

    it('[FB16] releases are created and listed newest aired first', async () => {
      const { seriesId, e1, e2 } = await setup();
      const a = await storage().createRelease({ seriesId, episodeId: e1, platform: 'douyin', airedAt: '2026-03-01T12:00:00.000Z' });
      const b = await storage().createRelease({ seriesId, episodeId: e2, platform: 'douyin', airedAt: '2026-03-02T12:00:00.000Z' });
      expect(a).toMatchObject({ seriesId, episodeId: e1, platform: 'douyin', airedAt: '2026-03-01T12:00:00.000Z', revisionId: null });
      expect(await storage().listReleases(seriesId)).toEqual([b, a]);
      await expect(storage().createRelease({ seriesId, episodeId: UNKNOWN, platform: 'x', airedAt: a.airedAt })).rejects.toBeInstanceOf(
        StorageNotFoundError,
      );
    });

    it('[FB6] the series secret is created once: the first candidate wins, later ones get it back', async () => {
      const { seriesId } = await setup();
      const first = new Uint8Array(32).fill(7);
      expect(await storage().ensureSeriesSecret(seriesId, first)).toEqual(first);
      expect(await storage().ensureSeriesSecret(seriesId, new Uint8Array(32).fill(9))).toEqual(first);
      await storage().setRetentionDays(seriesId, 90);
      expect(await storage().ensureSeriesSecret(seriesId, new Uint8Array(32))).toEqual(first);
      await expect(storage().ensureSeriesSecret(UNKNOWN, first)).rejects.toBeInstanceOf(StorageNotFoundError);
    });

    it('[FB12] retention days are set, cleared and listed', async () => {
      const { seriesId } = await setup();
      expect(await storage().getRetentionDays(seriesId)).toBeNull();
      await storage().setRetentionDays(seriesId, 30);
      expect(await storage().getRetentionDays(seriesId)).toBe(30);
      expect(await storage().listRetentionPolicies()).toEqual([{ seriesId, retentionDays: 30 }]);
      await storage().setRetentionDays(seriesId, null);
      expect(await storage().listRetentionPolicies()).toEqual([]);
      // Setting retention first, then the secret, keeps both.
      const fresh = await storage().createSeries({ title: 'x', language: 'en' });
      await storage().setRetentionDays(fresh.id, 7);
      const secret = await storage().ensureSeriesSecret(fresh.id, new Uint8Array(32).fill(1));
      expect(secret).toEqual(new Uint8Array(32).fill(1));
      expect(await storage().getRetentionDays(fresh.id)).toBe(7);
    });
  });
}
