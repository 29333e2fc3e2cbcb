import type { FeedbackItem, FeedbackKind } from '@loopline/shared';
import { query, request } from './http';

/** Filters and sort of the feedback list (all optional; empty strings mean "any"). */
export interface FeedbackQuery {
  q?: string;
  episodeId?: string;
  kind?: FeedbackKind | '';
  platform?: string;
  /** ISO date-time bounds of postedAt. */
  from?: string;
  to?: string;
  minLikes?: number;
  /** false: leave out items flagged as coordinated; true: only those. */
  coordinated?: boolean;
  /** Danmaku timecode bounds, in seconds. */
  timecodeFrom?: number;
  timecodeTo?: number;
  /** Segment attributes, sent as `segment.<name>=<value>`. */
  segments?: Record<string, string>;
  sort?: 'time' | 'likes';
  order?: 'desc' | 'asc';
}

/** One page of the feedback list. */
export interface FeedbackPage {
  items: FeedbackItem[];
  total: number;
  nextCursor: string | null;
}

/** An item with its thread and how much its (pseudonymous) author wrote. */
export interface FeedbackDetail {
  item: FeedbackItem;
  parent: FeedbackItem | null;
  replies: FeedbackItem[];
  authorItemCount: number;
}

/** The query string of the list: blank filters are left out, segments become `segment.<name>`. */
export function feedbackQuery(filters: FeedbackQuery, cursor?: string | null, limit?: number): string {
  const segments: Record<string, string> = {};
  for (const [name, value] of Object.entries(filters.segments ?? {})) {
    if (name.trim() !== '' && value.trim() !== '') segments[`segment.${name.trim()}`] = value.trim();
  }
  const num = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? undefined : n);
  return query({
    q: filters.q?.trim() || undefined,
    episodeId: filters.episodeId || undefined,
    kind: filters.kind || undefined,
    platform: filters.platform || undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
    minLikes: num(filters.minLikes),
    timecodeFrom: num(filters.timecodeFrom),
    timecodeTo: num(filters.timecodeTo),
    // Spelled out: `query` drops a false value, and false here means "leave them out".
    coordinated: filters.coordinated === undefined ? undefined : String(filters.coordinated),
    ...segments,
    sort: filters.sort,
    order: filters.order,
    cursor: cursor ?? undefined,
    limit,
  });
}

/** GET /api/series/:seriesId/feedback — one page; pass `nextCursor` of the previous page to go on. */
export function listFeedback(seriesId: string, filters: FeedbackQuery, cursor?: string | null, limit?: number, signal?: AbortSignal): Promise<FeedbackPage> {
  return request<FeedbackPage>('GET', `/api/series/${encodeURIComponent(seriesId)}/feedback${feedbackQuery(filters, cursor, limit)}`, undefined, signal);
}

/** GET /api/feedback/:itemId */
export function getFeedbackItem(itemId: string, signal?: AbortSignal): Promise<FeedbackDetail> {
  return request<FeedbackDetail>('GET', `/api/feedback/${encodeURIComponent(itemId)}`, undefined, signal);
}
