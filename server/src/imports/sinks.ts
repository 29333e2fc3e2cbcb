import type { EpisodeMetrics, FeedbackKind, RowError } from '@loopline/shared';
import {
  createPseudonymizer,
  type FeedbackContext,
  normalizeFeedbackRow,
  normalizeMetricsRow,
  normalizeRetentionRow,
  privatizeFeedback,
  type RawRow,
  type RowContext,
  retentionPoints,
  searchTokens,
} from '../ingest/index.js';
import type { NewFeedbackItem, NewRetentionCurve, Storage } from '../storage/types.js';

/**
 * Where the rows of one import go. `accept` maps and validates a row and
 * queues it (or returns its problems); `flush` writes the queue in one batch
 * and returns how many of its rows were stored before; `finish` writes what
 * can only be written at the end.
 */
export interface ImportSink {
  accept(row: RawRow): RowError[] | null;
  flush(): Promise<{ duplicates: number }>;
  finish(): Promise<void>;
}

/** What every sink is built from. */
export interface SinkContext {
  storage: Storage;
  seriesId: string;
  importId: string;
  rows: RowContext;
  /** Feedback only: kind chosen at import. */
  kind?: FeedbackKind;
  /** Feedback only: the series' pseudonym key. */
  secret: Uint8Array;
}

/**
 * Feedback rows [FB6][FB7]: normalized, then made private before anything
 * is kept: the handle becomes the series-keyed pseudonym (the raw handle is
 * dropped here, never stored), personal data in text and quote is replaced
 * by markers, and the search tokens are taken from the redacted text, so a
 * removed phone number cannot be found by searching for it either.
 */
export function feedbackSink(ctx: SinkContext): ImportSink {
  const pseudonym = createPseudonymizer(ctx.secret);
  const rowContext: FeedbackContext = { ...ctx.rows, kind: ctx.kind, seriesSecret: ctx.secret };
  let queue: NewFeedbackItem[] = [];
  return {
    accept(row) {
      const result = normalizeFeedbackRow(row, rowContext);
      if (!result.ok) return result.errors;
      const item = privatizeFeedback(result.item, pseudonym);
      const searchText = searchTokens(item.quote === null ? item.text : `${item.text}\n${item.quote}`);
      queue.push({ ...item, seriesId: ctx.seriesId, importId: ctx.importId, searchText });
      return null;
    },
    async flush() {
      if (queue.length === 0) return { duplicates: 0 };
      const batch = queue;
      queue = [];
      const { duplicates } = await ctx.storage.insertFeedbackBatch(batch);
      return { duplicates };
    },
    async finish() {},
  };
}

/** Metrics rows [FB11]: upserted per (episode, platform, date); a later row for the same day wins. */
export function metricsSink(ctx: SinkContext): ImportSink {
  let queue = new Map<string, EpisodeMetrics>();
  return {
    accept(row) {
      const result = normalizeMetricsRow(row, ctx.rows);
      if (!result.ok) return result.errors;
      const m: EpisodeMetrics = { ...result.item, seriesId: ctx.seriesId };
      queue.set(`${m.episodeId}\u0000${m.platform}\u0000${m.date}`, m);
      return null;
    },
    async flush() {
      if (queue.size > 0) {
        const batch = [...queue.values()];
        queue = new Map();
        await ctx.storage.upsertEpisodeMetrics(batch);
      }
      return { duplicates: 0 };
    },
    async finish() {},
  };
}

/**
 * Retention rows [FB11]: one point (second, share) per row, gathered per
 * (episode, platform) and written as whole curves at the end (gaps
 * interpolated by the ingest core's retentionPoints).
 */
export function retentionSink(ctx: SinkContext): ImportSink {
  const curves = new Map<string, { episodeId: string; platform: string; points: { second: number; share: number }[] }>();
  return {
    accept(row) {
      const result = normalizeRetentionRow(row, ctx.rows);
      if (!result.ok) return result.errors;
      const { episodeId, platform, second, share } = result.item;
      const key = `${episodeId}\u0000${platform}`;
      let curve = curves.get(key);
      if (!curve) {
        curve = { episodeId, platform, points: [] };
        curves.set(key, curve);
      }
      curve.points.push({ second, share });
      return null;
    },
    async flush() {
      return { duplicates: 0 };
    },
    async finish() {
      const out: NewRetentionCurve[] = [...curves.values()].map((c) => ({
        seriesId: ctx.seriesId,
        episodeId: c.episodeId,
        platform: c.platform,
        points: retentionPoints(c.points),
      }));
      await ctx.storage.upsertRetentionCurves(out);
    },
  };
}
