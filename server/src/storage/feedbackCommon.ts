import type { FeedbackFilter, FeedbackSort, NewFeedbackItem, SortOrder } from './feedbackTypes.js';

/**
 * Rules every backend's feedback storage shares, so SQLite and PostgreSQL
 * agree on page sizes, cursors, ids and the derived counts.
 */

/** Default and largest page of searchFeedback [FB9]. */
export const FEEDBACK_PAGE = { default: 50, max: 500 } as const;

/** Replies returned with an item's detail. */
export const MAX_REPLIES = 200;

/** Default and largest page of listImportErrors. */
export const IMPORT_ERROR_PAGE = { default: 1000, max: 10_000 } as const;

/** Default and largest number of jobs listImportJobs returns. */
export const IMPORT_LIST = { default: 50, max: 500 } as const;

/** Rows deleted per transaction by erasure and retention, so a big delete never holds the write lock for long. */
export const DELETE_CHUNK = 5000;

/** `limit` clamped into 1..max, `fallback` when absent. */
export function clampLimit(limit: number | undefined, page: { default: number; max: number }): number {
  if (limit === undefined || !Number.isFinite(limit)) return page.default;
  return Math.min(Math.max(Math.trunc(limit), 1), page.max);
}

/** Feedback ids are decimal integers (both backends number rows); anything else names nothing. */
export function feedbackRowId(id: string): number | null {
  return /^[1-9]\d{0,14}$/.test(id) ? Number(id) : null;
}

/** The sort key of an item: posting time in ms, or likes with "unknown" below 0. */
export function sortValue(sort: FeedbackSort, item: { postedAt: string; likes: number | null }): number {
  return sort === 'time' ? Date.parse(item.postedAt) : (item.likes ?? -1);
}

/** A keyset position: the last item's sort value and id, for the sort it was made for. */
export interface FeedbackCursor {
  sort: FeedbackSort;
  order: SortOrder;
  /** A number, or a decimal string for keys beyond JavaScript's exact integers (SQLite's fts_key). */
  value: number | string;
  id: number;
}

/** Encodes a keyset position as an opaque URL-safe string. */
export function encodeCursor(cursor: FeedbackCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.order, cursor.value, cursor.id])).toString('base64url');
}

/**
 * Decodes a cursor made by encodeCursor for the same sort and order. Throws
 * RangeError otherwise (a cursor from another listing would skip or repeat items).
 */
export function decodeCursor(raw: string, sort: FeedbackSort, order: SortOrder): FeedbackCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw new RangeError('malformed cursor');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    parsed[0] !== sort ||
    parsed[1] !== order ||
    !(Number.isSafeInteger(parsed[2]) || (typeof parsed[2] === 'string' && /^-?\d{1,20}$/.test(parsed[2]))) ||
    !Number.isSafeInteger(parsed[3])
  ) {
    throw new RangeError('the cursor belongs to another sort or is malformed');
  }
  return { sort, order, value: parsed[2] as number | string, id: parsed[3] as number };
}

/** Sort, order and limit of a filter with their defaults applied. */
export function pageOptions(filter: FeedbackFilter): { sort: FeedbackSort; order: SortOrder; limit: number; cursor: FeedbackCursor | null } {
  const sort = filter.sort ?? 'time';
  const order = filter.order ?? 'desc';
  const cursor = filter.cursor ? decodeCursor(filter.cursor, sort, order) : null;
  return { sort, order, limit: clampLimit(filter.limit, FEEDBACK_PAGE), cursor };
}

/** The cached-count group of an item: one row per (series, episode, kind, platform). */
export interface CountGroup {
  seriesId: string;
  /** '' for items of no episode (the column is part of a primary key). */
  episodeId: string;
  kind: string;
  platform: string;
  n: number;
}

/** One danmaku-density cell: (episode, platform, second). */
export interface DensityCell {
  seriesId: string;
  episodeId: string;
  platform: string;
  second: number;
  n: number;
}

/** The minimal item shape the derived aggregates are computed from. */
export interface AggregateSource {
  seriesId: string;
  episodeId: string | null;
  kind: string;
  platform: string;
  timecodeMs: number | null;
}

/**
 * Accumulates the derived aggregates of stored (or deleted) items: the
 * cached counts behind `total`, and danmaku per second of each episode.
 */
export class Aggregates {
  readonly counts = new Map<string, CountGroup>();
  readonly density = new Map<string, DensityCell>();

  add(item: AggregateSource): void {
    const episodeId = item.episodeId ?? '';
    const key = `${item.seriesId}\u0000${episodeId}\u0000${item.kind}\u0000${item.platform}`;
    const group = this.counts.get(key);
    if (group) group.n++;
    else this.counts.set(key, { seriesId: item.seriesId, episodeId, kind: item.kind, platform: item.platform, n: 1 });
    if (item.kind === 'danmaku' && item.episodeId !== null && item.timecodeMs !== null && item.timecodeMs >= 0) {
      const second = Math.floor(item.timecodeMs / 1000);
      const dkey = `${item.episodeId}\u0000${item.platform}\u0000${second}`;
      const cell = this.density.get(dkey);
      if (cell) cell.n++;
      else this.density.set(dkey, { seriesId: item.seriesId, episodeId: item.episodeId, platform: item.platform, second, n: 1 });
    }
  }
}

/** The dedup key of an item [FB3]: platform + external id, else the content hash. */
export function dedupKind(item: Pick<NewFeedbackItem, 'externalId'>): 'external' | 'hash' {
  return item.externalId !== null && item.externalId !== '' ? 'external' : 'hash';
}
