import type { EpisodeMetrics } from '@loopline/shared';
import { type NormalizedRetention, retentionPoints } from '../ingest/index.js';
import type { NewFeedbackItem, NewRetentionCurve, Storage } from '../storage/types.js';
import type { PrepareContext, PreparedRow } from './prepare.js';

/**
 * Where prepared rows go, on the thread that owns the storage: `write`
 * stores one batch and says how many of its rows were stored before;
 * `finish` writes what can only be written at the end.
 */
export interface RowWriter {
  write(rows: PreparedRow[]): Promise<{ duplicates: number }>;
  finish(): Promise<void>;
}

/** The writer of an import's target. */
export function rowWriter(storage: Storage, ctx: Pick<PrepareContext, 'target' | 'seriesId'>): RowWriter {
  if (ctx.target === 'feedback') {
    return {
      async write(rows) {
        if (rows.length === 0) return { duplicates: 0 };
        const { duplicates } = await storage.insertFeedbackBatch(rows as NewFeedbackItem[]);
        return { duplicates };
      },
      async finish() {},
    };
  }
  if (ctx.target === 'metrics') {
    // Upserts per (episode, platform, day) [FB11]; within a batch the later row for a day wins.
    return {
      async write(rows) {
        const byDay = new Map<string, EpisodeMetrics>();
        for (const m of rows as EpisodeMetrics[]) byDay.set(`${m.episodeId}\u0000${m.platform}\u0000${m.date}`, m);
        if (byDay.size > 0) await storage.upsertEpisodeMetrics([...byDay.values()]);
        return { duplicates: 0 };
      },
      async finish() {},
    };
  }
  // Retention points are gathered per (episode, platform) and written as whole curves at the end [FB11].
  const curves = new Map<string, { episodeId: string; platform: string; points: { second: number; share: number }[] }>();
  return {
    async write(rows) {
      for (const p of rows as NormalizedRetention[]) {
        const key = `${p.episodeId}\u0000${p.platform}`;
        let curve = curves.get(key);
        if (!curve) {
          curve = { episodeId: p.episodeId, platform: p.platform, points: [] };
          curves.set(key, curve);
        }
        curve.points.push({ second: p.second, share: p.share });
      }
      return { duplicates: 0 };
    },
    async finish() {
      const out: NewRetentionCurve[] = [...curves.values()].map((c) => ({
        seriesId: ctx.seriesId,
        episodeId: c.episodeId,
        platform: c.platform,
        points: retentionPoints(c.points),
      }));
      await storage.upsertRetentionCurves(out);
    },
  };
}
