import { randomUUID } from 'node:crypto';
import type { EpisodeMetrics, Release, RetentionCurve } from '@loopline/shared';
import type Database from 'better-sqlite3';
import { nowIso, ownBytes, StorageNotFoundError } from '../common.js';
import type { AudienceStorage } from '../feedbackTypes.js';

interface MetricsRow {
  series_id: string;
  episode_id: string;
  platform: string;
  date: string;
  views: number | null;
  unique_viewers: number | null;
  completion_rate: number | null;
  five_second_completion: number | null;
  avg_watch_seconds: number | null;
  likes: number | null;
  shares: number | null;
  follows: number | null;
  comments: number | null;
  paywall_unlocks: number | null;
  paywall_conversion: number | null;
}

interface CurveRow {
  series_id: string;
  episode_id: string;
  platform: string;
  points: string;
  updated_at: string;
}

interface ReleaseRow {
  id: string;
  series_id: string;
  episode_id: string;
  platform: string;
  aired_at: string;
  revision_id: string | null;
  created_at: string;
}

function toMetrics(r: MetricsRow): EpisodeMetrics {
  return {
    seriesId: r.series_id,
    episodeId: r.episode_id,
    platform: r.platform,
    date: r.date,
    views: r.views,
    uniqueViewers: r.unique_viewers,
    completionRate: r.completion_rate,
    fiveSecondCompletion: r.five_second_completion,
    avgWatchSeconds: r.avg_watch_seconds,
    likes: r.likes,
    shares: r.shares,
    follows: r.follows,
    comments: r.comments,
    paywallUnlocks: r.paywall_unlocks,
    paywallConversion: r.paywall_conversion,
  };
}

function toCurve(r: CurveRow): RetentionCurve {
  return {
    seriesId: r.series_id,
    episodeId: r.episode_id,
    platform: r.platform,
    points: JSON.parse(r.points) as number[],
    updatedAt: r.updated_at,
  };
}

function toRelease(r: ReleaseRow): Release {
  return {
    id: r.id,
    seriesId: r.series_id,
    episodeId: r.episode_id,
    platform: r.platform,
    airedAt: r.aired_at,
    revisionId: r.revision_id,
    createdAt: r.created_at,
  };
}

function foreignKeyFailed(err: unknown): boolean {
  return (err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Metrics, retention curves, releases and privacy settings over one SQLite connection. */
export function sqliteAudience(db: Database.Database): AudienceStorage {
  const s = {
    upsertMetrics: db.prepare(
      `INSERT INTO episode_metrics (series_id, episode_id, platform, date, views, unique_viewers, completion_rate,
         five_second_completion, avg_watch_seconds, likes, shares, follows, comments, paywall_unlocks, paywall_conversion)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (series_id, episode_id, platform, date) DO UPDATE SET views = excluded.views,
         unique_viewers = excluded.unique_viewers, completion_rate = excluded.completion_rate,
         five_second_completion = excluded.five_second_completion, avg_watch_seconds = excluded.avg_watch_seconds,
         likes = excluded.likes, shares = excluded.shares, follows = excluded.follows, comments = excluded.comments,
         paywall_unlocks = excluded.paywall_unlocks, paywall_conversion = excluded.paywall_conversion`,
    ),
    metricsOfSeries: db.prepare<[string], MetricsRow>(
      `SELECT m.* FROM episode_metrics m JOIN episodes e ON e.id = m.episode_id
       WHERE m.series_id = ? ORDER BY e.number, m.date, m.platform`,
    ),
    metricsOfEpisode: db.prepare<[string, string], MetricsRow>(
      'SELECT * FROM episode_metrics WHERE series_id = ? AND episode_id = ? ORDER BY date, platform',
    ),
    upsertCurve: db.prepare(
      `INSERT INTO retention_curves (series_id, episode_id, platform, points, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (episode_id, platform) DO UPDATE SET series_id = excluded.series_id, points = excluded.points,
         updated_at = excluded.updated_at`,
    ),
    curves: db.prepare<[string], CurveRow>('SELECT * FROM retention_curves WHERE episode_id = ? ORDER BY platform'),
    curve: db.prepare<[string, string], CurveRow>('SELECT * FROM retention_curves WHERE episode_id = ? AND platform = ?'),
    insertRelease: db.prepare(
      `INSERT INTO releases (id, series_id, episode_id, platform, aired_at, revision_id, created_at)
       VALUES (?, ?, ?, ?, ?, NULL, ?)`,
    ),
    getRelease: db.prepare<[string], ReleaseRow>('SELECT * FROM releases WHERE id = ?'),
    releases: db.prepare<[string], ReleaseRow>('SELECT * FROM releases WHERE series_id = ? ORDER BY aired_at DESC, rowid DESC'),
    offerSecret: db.prepare(
      `INSERT INTO series_privacy (series_id, secret) VALUES (?, ?)
       ON CONFLICT (series_id) DO UPDATE SET secret = ifnull(secret, excluded.secret)`,
    ),
    secret: db.prepare<[string], { secret: Buffer | null }>('SELECT secret FROM series_privacy WHERE series_id = ?'),
    retention: db.prepare<[string], { retention_days: number | null }>(
      'SELECT retention_days FROM series_privacy WHERE series_id = ?',
    ),
    setRetention: db.prepare(
      `INSERT INTO series_privacy (series_id, retention_days) VALUES (?, ?)
       ON CONFLICT (series_id) DO UPDATE SET retention_days = excluded.retention_days`,
    ),
    policies: db.prepare<[], { series_id: string; retention_days: number }>(
      'SELECT series_id, retention_days FROM series_privacy WHERE retention_days IS NOT NULL ORDER BY series_id',
    ),
  };

  const upsertMetrics = db.transaction((rows: EpisodeMetrics[]) => {
    for (const m of rows) {
      s.upsertMetrics.run(
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
      );
    }
    return rows.length;
  });

  const upsertCurves = db.transaction((curves: Omit<RetentionCurve, 'updatedAt'>[]) => {
    const at = nowIso();
    for (const c of curves) s.upsertCurve.run(c.seriesId, c.episodeId, c.platform, JSON.stringify(c.points), at);
    return curves.length;
  });

  /** Runs a write, turning a missing series or episode into StorageNotFoundError. */
  function parents<T>(seriesId: string, run: () => T): T {
    try {
      return run();
    } catch (err) {
      if (foreignKeyFailed(err)) throw new StorageNotFoundError('episode', seriesId);
      throw err;
    }
  }

  return {
    async upsertEpisodeMetrics(rows) {
      if (rows.length === 0) return 0;
      return parents(rows[0]!.seriesId, () => upsertMetrics.immediate(rows));
    },
    async listEpisodeMetrics(seriesId, opts) {
      const rows = opts?.episodeId === undefined ? s.metricsOfSeries.all(seriesId) : s.metricsOfEpisode.all(seriesId, opts.episodeId);
      return rows.map(toMetrics);
    },
    async upsertRetentionCurves(curves) {
      if (curves.length === 0) return 0;
      return parents(curves[0]!.seriesId, () => upsertCurves.immediate(curves));
    },
    async listRetentionCurves(episodeId, platform) {
      if (platform === undefined) return s.curves.all(episodeId).map(toCurve);
      const row = s.curve.get(episodeId, platform);
      return row ? [toCurve(row)] : [];
    },
    async createRelease(input) {
      const id = randomUUID();
      parents(input.seriesId, () => s.insertRelease.run(id, input.seriesId, input.episodeId, input.platform, input.airedAt, nowIso()));
      return toRelease(s.getRelease.get(id)!);
    },
    async listReleases(seriesId) {
      return s.releases.all(seriesId).map(toRelease);
    },
    async ensureSeriesSecret(seriesId, candidate) {
      try {
        s.offerSecret.run(seriesId, Buffer.from(candidate));
      } catch (err) {
        if (foreignKeyFailed(err)) throw new StorageNotFoundError('series', seriesId);
        throw err;
      }
      return ownBytes(s.secret.get(seriesId)!.secret!);
    },
    async getRetentionDays(seriesId) {
      return s.retention.get(seriesId)?.retention_days ?? null;
    },
    async setRetentionDays(seriesId, days) {
      try {
        s.setRetention.run(seriesId, days);
      } catch (err) {
        if (foreignKeyFailed(err)) throw new StorageNotFoundError('series', seriesId);
        throw err;
      }
    },
    async listRetentionPolicies() {
      return s.policies.all().map((r) => ({ seriesId: r.series_id, retentionDays: r.retention_days }));
    },
  };
}
