import { randomUUID } from 'node:crypto';
import type { EpisodeMetrics, Release, RetentionCurve } from '@loopline/shared';
import type { Pool } from 'pg';
import { nowIso, ownBytes } from '../common.js';
import type { AudienceStorage } from '../feedbackTypes.js';
import { inTransaction, parentMustExist } from './tx.js';

interface MetricsRow {
  series_id: string;
  episode_id: string;
  platform: string;
  date: string;
  views: string | null;
  unique_viewers: string | null;
  completion_rate: number | null;
  five_second_completion: number | null;
  avg_watch_seconds: number | null;
  likes: string | null;
  shares: string | null;
  follows: string | null;
  comments: string | null;
  paywall_unlocks: string | null;
  paywall_conversion: number | null;
}

interface CurveRow {
  series_id: string;
  episode_id: string;
  platform: string;
  points: number[];
  updated_at: Date;
}

interface ReleaseRow {
  id: string;
  series_id: string;
  episode_id: string;
  platform: string;
  aired_at: Date;
  revision_id: string | null;
  created_at: Date;
}

const num = (v: string | null): number | null => (v === null ? null : Number(v));

function toMetrics(r: MetricsRow): EpisodeMetrics {
  return {
    seriesId: r.series_id,
    episodeId: r.episode_id,
    platform: r.platform,
    date: r.date,
    views: num(r.views),
    uniqueViewers: num(r.unique_viewers),
    completionRate: r.completion_rate,
    fiveSecondCompletion: r.five_second_completion,
    avgWatchSeconds: r.avg_watch_seconds,
    likes: num(r.likes),
    shares: num(r.shares),
    follows: num(r.follows),
    comments: num(r.comments),
    paywallUnlocks: num(r.paywall_unlocks),
    paywallConversion: r.paywall_conversion,
  };
}

function toCurve(r: CurveRow): RetentionCurve {
  return {
    seriesId: r.series_id,
    episodeId: r.episode_id,
    platform: r.platform,
    points: r.points.map(Number),
    updatedAt: r.updated_at.toISOString(),
  };
}

function toRelease(r: ReleaseRow): Release {
  return {
    id: r.id,
    seriesId: r.series_id,
    episodeId: r.episode_id,
    platform: r.platform,
    airedAt: r.aired_at.toISOString(),
    revisionId: r.revision_id,
    createdAt: r.created_at.toISOString(),
  };
}

const UPSERT_METRICS = `
  INSERT INTO episode_metrics (series_id, episode_id, platform, date, views, unique_viewers, completion_rate,
    five_second_completion, avg_watch_seconds, likes, shares, follows, comments, paywall_unlocks, paywall_conversion)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
  ON CONFLICT (series_id, episode_id, platform, date) DO UPDATE SET views = excluded.views,
    unique_viewers = excluded.unique_viewers, completion_rate = excluded.completion_rate,
    five_second_completion = excluded.five_second_completion, avg_watch_seconds = excluded.avg_watch_seconds,
    likes = excluded.likes, shares = excluded.shares, follows = excluded.follows, comments = excluded.comments,
    paywall_unlocks = excluded.paywall_unlocks, paywall_conversion = excluded.paywall_conversion`;

/** Metrics, retention curves, releases and privacy settings over a node-postgres pool. */
export function postgresAudience(pool: Pool): AudienceStorage {
  return {
    async upsertEpisodeMetrics(rows) {
      if (rows.length === 0) return 0;
      await parentMustExist('episode', rows[0]!.episodeId, () =>
        inTransaction(pool, async (client) => {
          for (const m of rows) {
            await client.query(UPSERT_METRICS, [
              m.seriesId,
              m.episodeId,
              m.platform,
              m.date,
              m.views,
              m.uniqueViewers,
              m.completionRate,
              m.fiveSecondCompletion,
              m.avgWatchSeconds,
              m.likes,
              m.shares,
              m.follows,
              m.comments,
              m.paywallUnlocks,
              m.paywallConversion,
            ]);
          }
        }),
      );
      return rows.length;
    },
    async listEpisodeMetrics(seriesId, opts) {
      const res =
        opts?.episodeId === undefined
          ? await pool.query<MetricsRow>(
              `SELECT m.* FROM episode_metrics m JOIN episodes e ON e.id = m.episode_id
               WHERE m.series_id = $1 ORDER BY e.number, m.date, m.platform COLLATE "C"`,
              [seriesId],
            )
          : await pool.query<MetricsRow>(
              'SELECT * FROM episode_metrics WHERE series_id = $1 AND episode_id = $2 ORDER BY date, platform COLLATE "C"',
              [seriesId, opts.episodeId],
            );
      return res.rows.map(toMetrics);
    },
    async upsertRetentionCurves(curves) {
      if (curves.length === 0) return 0;
      const at = nowIso();
      await parentMustExist('episode', curves[0]!.episodeId, () =>
        inTransaction(pool, async (client) => {
          for (const c of curves) {
            await client.query(
              `INSERT INTO retention_curves (series_id, episode_id, platform, points, updated_at) VALUES ($1, $2, $3, $4, $5)
               ON CONFLICT (episode_id, platform) DO UPDATE SET series_id = excluded.series_id, points = excluded.points,
                 updated_at = excluded.updated_at`,
              [c.seriesId, c.episodeId, c.platform, JSON.stringify(c.points), at],
            );
          }
        }),
      );
      return curves.length;
    },
    async listRetentionCurves(episodeId, platform) {
      const res =
        platform === undefined
          ? await pool.query<CurveRow>('SELECT * FROM retention_curves WHERE episode_id = $1 ORDER BY platform COLLATE "C"', [episodeId])
          : await pool.query<CurveRow>('SELECT * FROM retention_curves WHERE episode_id = $1 AND platform = $2', [episodeId, platform]);
      return res.rows.map(toCurve);
    },
    async createRelease(input) {
      const res = await parentMustExist('episode', input.episodeId, () =>
        pool.query<ReleaseRow>(
          `INSERT INTO releases (id, series_id, episode_id, platform, aired_at, revision_id, created_at)
           VALUES ($1, $2, $3, $4, $5, NULL, $6) RETURNING *`,
          [randomUUID(), input.seriesId, input.episodeId, input.platform, input.airedAt, nowIso()],
        ),
      );
      return toRelease(res.rows[0]!);
    },
    async listReleases(seriesId) {
      const res = await pool.query<ReleaseRow>('SELECT * FROM releases WHERE series_id = $1 ORDER BY aired_at DESC, ord DESC', [seriesId]);
      return res.rows.map(toRelease);
    },
    async ensureSeriesSecret(seriesId, candidate) {
      const res = await parentMustExist('series', seriesId, () =>
        pool.query<{ secret: Buffer }>(
          `INSERT INTO series_privacy (series_id, secret) VALUES ($1, $2)
           ON CONFLICT (series_id) DO UPDATE SET secret = coalesce(series_privacy.secret, excluded.secret)
           RETURNING secret`,
          [seriesId, Buffer.from(candidate)],
        ),
      );
      return ownBytes(res.rows[0]!.secret);
    },
    async getRetentionDays(seriesId) {
      const res = await pool.query<{ retention_days: number | null }>('SELECT retention_days FROM series_privacy WHERE series_id = $1', [
        seriesId,
      ]);
      return res.rows[0]?.retention_days ?? null;
    },
    async setRetentionDays(seriesId, days) {
      await parentMustExist('series', seriesId, () =>
        pool.query(
          `INSERT INTO series_privacy (series_id, retention_days) VALUES ($1, $2)
           ON CONFLICT (series_id) DO UPDATE SET retention_days = excluded.retention_days`,
          [seriesId, days],
        ),
      );
    },
    async listRetentionPolicies() {
      const res = await pool.query<{ series_id: string; retention_days: number }>(
        'SELECT series_id, retention_days FROM series_privacy WHERE retention_days IS NOT NULL ORDER BY series_id COLLATE "C"',
      );
      return res.rows.map((r) => ({ seriesId: r.series_id, retentionDays: r.retention_days }));
    },
  };
}
