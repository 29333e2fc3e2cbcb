import type { FeedbackItem } from '@loopline/shared';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { getLinkItems } from '../../api/evidence';

/** Items per request of a link's items (the route allows up to 500). */
export const LINK_ITEMS_PAGE = 200;

/** The loaded part of a link's items, shaped like the inbox's feedback pages. */
export interface LinkItemPages {
  items: readonly FeedbackItem[];
  version: number;
  total: number | null;
  hasMore: boolean;
  loading: boolean;
  error: unknown;
  loadMore: () => void;
  retry: () => void;
}

/**
 * Offset paging over `GET /api/links/:id/items` for the inbox's "show in
 * inbox" view [UE10]; items are appended in place like the feedback list's.
 */
export function useLinkItemPages(linkId: string, pageSize = LINK_ITEMS_PAGE): LinkItemPages {
  const items = useRef<FeedbackItem[]>([]);
  const inFlight = useRef<AbortController | null>(null);
  const [version, bump] = useReducer((v: number) => v + 1, 0);
  const [total, setTotal] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  const fetchPage = useCallback(() => {
    if (inFlight.current) return;
    const controller = new AbortController();
    inFlight.current = controller;
    setLoading(true);
    getLinkItems(linkId, { offset: items.current.length, limit: pageSize }, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        inFlight.current = null;
        items.current.push(...page.items);
        // An item erased since the link was made shortens the list: stop at an empty page.
        setTotal(page.items.length === 0 ? items.current.length : page.total);
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
  }, [linkId, pageSize]);

  useEffect(() => {
    void generation;
    items.current = [];
    setTotal(null);
    bump();
    fetchPage();
    return () => {
      inFlight.current?.abort();
      inFlight.current = null;
    };
  }, [fetchPage, generation]);

  const hasMore = total === null || items.current.length < total;
  const retry = useCallback(() => setGeneration((g) => g + 1), []);
  return { items: items.current, version, total, hasMore, loading, error, loadMore: fetchPage, retry };
}
