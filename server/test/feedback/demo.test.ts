import { afterEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.js';
import { searchQuery } from '../../src/ingest/index.js';
import { openSqliteStorage } from '../../src/storage/sqlite/index.js';
import type { Storage } from '../../src/storage/types.js';

let storage: Storage | undefined;
afterEach(async () => {
  await storage?.close();
});

describe('demo audience data', () => {
  it('[FB21] the seeded demo series comes with feedback, metrics and retention curves, imported like an upload', async () => {
    storage = openSqliteStorage({ file: ':memory:' });
    const started = performance.now();
    const result = await seedDemo(storage);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result.feedbackItems).toBe(20_000);
    const seriesId = result.seriesId!;
    const episodes = await storage.listEpisodes(seriesId);
    expect(await storage.countFeedback(seriesId)).toBe(20_000);
    for (const episode of episodes.slice(0, 5)) expect((await storage.searchFeedback({ seriesId, episodeId: episode.id, limit: 1 })).total).toBeGreaterThan(0);
    const meme = await storage.searchFeedback({ seriesId, terms: searchQuery('请签收') });
    expect(meme.total).toBeGreaterThan(100);
    expect((await storage.searchFeedback({ seriesId, terms: searchQuery('twins') })).total).toBeGreaterThan(10);
    const metrics = await storage.listEpisodeMetrics(seriesId);
    expect(new Set(metrics.map((m) => m.episodeId))).toEqual(new Set([episodes[0]!.id, episodes[1]!.id]));
    expect((await storage.listRetentionCurves(episodes[0]!.id)).length).toBeGreaterThan(0);
    expect((await storage.danmakuDensity(episodes[0]!.id)).length).toBeGreaterThan(10);
    const jobs = await storage.listImportJobs(seriesId);
    expect(jobs.map((j) => [j.target, j.status, j.rejected])).toEqual([
      ['retention', 'done', 0],
      ['metrics', 'done', 0],
      ['feedback', 'done', 0],
    ]);
  });
});
