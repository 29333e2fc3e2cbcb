import { type EvidenceFilter, MAX_LINK_ITEMS } from '@loopline/shared';
import { searchQuery } from '../ingest/index.js';
import { FEEDBACK_PAGE } from '../storage/feedbackCommon.js';
import type { FeedbackFilter, Storage } from '../storage/types.js';

/**
 * Evidence sets run their saved filter through the same search as the inbox
 * (`GET /api/series/:seriesId/feedback`): the same fields, translated the
 * same way (search tokens, timecodes in ms), so a set holds exactly what
 * the inbox showed for that filter.
 */

/** The storage search for a saved filter (dates must already be valid ISO-8601). */
export function feedbackFilterOf(seriesId: string, f: EvidenceFilter): FeedbackFilter {
  return {
    seriesId,
    terms: f.q === undefined ? [] : searchQuery(f.q),
    episodeId: f.episodeId,
    kind: f.kind,
    platform: f.platform,
    postedFrom: f.from === undefined ? undefined : new Date(Date.parse(f.from)).toISOString(),
    postedTo: f.to === undefined ? undefined : new Date(Date.parse(f.to)).toISOString(),
    segments: f.segments ?? {},
    minLikes: f.minLikes,
    timecodeFromMs: f.timecodeFrom === undefined ? undefined : Math.round(f.timecodeFrom * 1000),
    timecodeToMs: f.timecodeTo === undefined ? undefined : Math.round(f.timecodeTo * 1000),
    coordinated: f.coordinated,
  };
}

/** Thrown when a filter matches more items than a link may hold. */
export class TooManyMatchesError extends Error {
  constructor(readonly matched: number) {
    super(`the filter matches ${matched} feedback items; an evidence set holds at most ${MAX_LINK_ITEMS}`);
    this.name = 'TooManyMatchesError';
  }
}

/**
 * Ids of every item the filter matches, read page by page (largest pages,
 * keyset cursor). Refuses before reading past the first page when the total
 * is over MAX_LINK_ITEMS.
 */
export async function matchingItemIds(storage: Pick<Storage, 'searchFeedback'>, seriesId: string, f: EvidenceFilter): Promise<string[]> {
  const base = { ...feedbackFilterOf(seriesId, f), limit: FEEDBACK_PAGE.max };
  const ids: string[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = await storage.searchFeedback({ ...base, cursor });
    if (page.total > MAX_LINK_ITEMS) throw new TooManyMatchesError(page.total);
    for (const item of page.items) ids.push(item.id);
    if (page.nextCursor === null || page.items.length === 0) return ids;
    cursor = page.nextCursor;
  }
}
