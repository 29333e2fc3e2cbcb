import type { FeedbackItem } from '@loopline/shared';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { type FeedbackQuery, listFeedback } from '../../api/feedback';

/** Items per request: big enough that a fast scroll needs few round trips, small enough to answer quickly. */
export const FEEDBACK_PAGE_SIZE = 200;

/** The loaded part of a feedback list and how to load more. */
export interface FeedbackPages {
  /** Loaded items in list order; the same array grows in place (see `version`). */
  items: readonly FeedbackItem[];
  /** Bumps whenever `items` changed, so memoised children re-render. */
  version: number;
  total: number | null;
  hasMore: boolean;
  loading: boolean;
  error: unknown;
  /** Loads the next page unless one is loading or none is left. */
  loadMore: () => void;
  /** Starts over from the first page (after a failure). */
  retry: () => void;
}

/**
 * Cursor paging over GET /api/series/:id/feedback [UF7]. New filters start a
 * new list (the old request is aborted, so a slow answer for old filters
 * never lands in the new list). Items are appended to one array in place:
 * with 100,000+ items, copying the array on every page would cost more than
 * the request.
 */
export function useFeedbackPages(seriesId: string, filters: FeedbackQuery, pageSize = FEEDBACK_PAGE_SIZE): FeedbackPages {
  const items = useRef<FeedbackItem[]>([]);
  const cursor = useRef<string | null>(null);
  const inFlight = useRef<AbortController | null>(null);
  const [version, bump] = useReducer((v: number) => v + 1, 0);
  const [total, setTotal] = useState<number | null>(null);
  const [hasMore, setHasMore] = useState(true);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  const fetchPage = useCallback(
    (first: boolean) => {
      if (!first && (inFlight.current || cursor.current === null)) return;
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      setLoading(true);
      listFeedback(seriesId, filters, first ? null : cursor.current, pageSize, controller.signal).then(
        (page) => {
          if (controller.signal.aborted) return;
          inFlight.current = null;
          if (first) items.current = [];
          items.current.push(...page.items);
          cursor.current = page.nextCursor;
          setTotal(page.total);
          setHasMore(page.nextCursor !== null);
          setError(null);
          setLoading(false);
          bump();
        },
        (err: unknown) => {
          if (controller.signal.aborted) return;
          inFlight.current = null;
          setError(err);
          setLoading(false);
        },
      );
    },
    [seriesId, filters, pageSize],
  );

  // New filters (or a retry): drop what was loaded and fetch the first page.
  useEffect(() => {
    void generation;
    items.current = [];
    cursor.current = null;
    setTotal(null);
    setHasMore(true);
    bump();
    fetchPage(true);
    return () => {
      inFlight.current?.abort();
      inFlight.current = null;
    };
  }, [fetchPage, generation]);

  const loadMore = useCallback(() => fetchPage(false), [fetchPage]);
  const retry = useCallback(() => setGeneration((g) => g + 1), []);
  return { items: items.current, version, total, hasMore, loading, error, loadMore, retry };
}
