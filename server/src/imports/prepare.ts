import type { EpisodeMetrics, FeedbackKind, ImportTarget, RowError } from '@loopline/shared';
import {
  createPseudonymizer,
  type FeedbackContext,
  type NormalizedRetention,
  normalizeFeedbackRow,
  normalizeMetricsRow,
  normalizeRetentionRow,
  privatizeFeedback,
  type RawRow,
  searchTokens,
} from '../ingest/index.js';
import type { NewFeedbackItem } from '../storage/types.js';
import { episodeResolver } from './setup.js';

/** Distinct handles whose pseudonyms an import keeps at hand. */
const PSEUDONYM_CACHE = 50_000;

/** A row ready to write: a feedback item, a day of metrics, or a retention point. */
export type PreparedRow = NewFeedbackItem | EpisodeMetrics | NormalizedRetention;

/**
 * Everything row preparation needs, as plain data: it crosses into the
 * preparation worker (structured clone), so no functions and no storage.
 */
export interface PrepareContext {
  target: ImportTarget;
  seriesId: string;
  importId: string;
  mapping: Record<string, string>;
  /** Platform of rows without a platform column. */
  platform: string | null;
  /** The series' episodes, to resolve an episode column (id, number or title). */
  episodes: { id: string; number: number; title: string }[];
  /** Episode of rows without an episode column. */
  defaultEpisodeId: string | null;
  /** Clock of the import (ms): dates after it are refused. */
  now: number;
  /** Feedback only: kind of rows without a kind column. */
  kind?: FeedbackKind;
  /** Feedback only: the series' pseudonym key. */
  secret: Uint8Array;
}

/** What preparing one row gives: the row to write, or every problem of it. */
export type Prepared = { ok: true; row: PreparedRow } | { ok: false; errors: RowError[] };

/**
 * The preparation of one import's rows: map and validate (ingest core), and
 * for feedback make it private before anything is kept [FB6][FB7]: the
 * handle becomes the series-keyed pseudonym (the raw handle is dropped here),
 * personal data in text and quote is replaced by markers, and the search
 * tokens are cut from the redacted text, so a removed phone number cannot be
 * found by searching for it either. Pure: runs in the import's worker thread
 * or, where workers are unavailable, in line.
 */
export function rowPreparer(ctx: PrepareContext): (row: RawRow) => Prepared {
  const rows = {
    mapping: ctx.mapping,
    platform: ctx.platform,
    resolveEpisode: episodeResolver(ctx.episodes),
    defaultEpisodeId: ctx.defaultEpisodeId,
    now: new Date(ctx.now),
  };
  if (ctx.target === 'metrics') {
    return (row) => {
      const result = normalizeMetricsRow(row, rows);
      return result.ok ? { ok: true, row: { ...result.item, seriesId: ctx.seriesId } } : result;
    };
  }
  if (ctx.target === 'retention') {
    return (row) => {
      const result = normalizeRetentionRow(row, rows);
      return result.ok ? { ok: true, row: result.item } : result;
    };
  }
  // Heavy commenters repeat (a Zipf tail), so a modest cache catches most
  // repeats; it is sized to leave room in the worker's heap limit.
  const pseudonym = createPseudonymizer(ctx.secret, PSEUDONYM_CACHE);
  const feedback: FeedbackContext = { ...rows, kind: ctx.kind, seriesSecret: ctx.secret };
  return (row) => {
    const result = normalizeFeedbackRow(row, feedback);
    if (!result.ok) return result;
    const item = privatizeFeedback(result.item, pseudonym);
    const searchText = searchTokens(item.quote === null ? item.text : `${item.text}\n${item.quote}`);
    return { ok: true, row: { ...item, seriesId: ctx.seriesId, importId: ctx.importId, searchText } };
  };
}
