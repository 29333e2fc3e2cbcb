import type { Episode, FeedbackItem } from '@loopline/shared';
import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { InboxRow } from './InboxRow';

/** Height of one row in px; the CSS clamps a row to it (two lines of text). */
export const ROW_HEIGHT = 68;
/** Start loading the next page when the user is this many rows from the end. */
const PREFETCH_ROWS = 40;
/**
 * Viewport height assumed before layout (or where there is none, as in a
 * DOM without layout): the first screen of rows still renders.
 */
const FALLBACK_VIEWPORT = 600;

// The default measures the scroll box; a zero height (not laid out yet) would render no rows.
function observeRect(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void) {
  return observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width, height: FALLBACK_VIEWPORT }));
}

/** Props of {@link InboxList}. */
export interface InboxListProps {
  items: readonly FeedbackItem[];
  /** Bumps when `items` grew in place. */
  version: number;
  hasMore: boolean;
  loading: boolean;
  episodes: Map<string, Episode>;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onNeedMore: () => void;
  /** Items checked for linking and what a checkbox click does (issue 5) [UE1]. */
  checked?: { has: (id: string) => boolean };
  onCheck?: (item: FeedbackItem, shift: boolean) => void;
  /** Rows are draggable onto scenes [UE5]. */
  onDragItem?: (item: FeedbackItem, data: DataTransfer) => void;
  /** Scrolls this item into view once it is loaded (`?item=`) [UE10]. */
  scrollToId?: string | null;
}

/**
 * The virtualized feedback list [UF7]: only the rows in view (plus a few)
 * exist in the DOM, so 100,000+ loaded items scroll like 50. Rows have a
 * fixed height; the next page is asked for before the end comes into view.
 */
export function InboxList(props: InboxListProps) {
  const { items, version, hasMore, loading, episodes, selectedId, onSelect, onNeedMore, checked, onCheck, onDragItem, scrollToId } = props;
  const { t } = useTranslation('app');
  const scroller = useRef<HTMLDivElement>(null);
  const count = items.length + (hasMore ? 1 : 0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    observeElementRect: observeRect,
  });
  const rows = virtualizer.getVirtualItems();
  const lastIndex = rows.length > 0 ? (rows[rows.length - 1]?.index ?? 0) : 0;
  const scrolledTo = useRef<string | null>(null);

  // Once per target: after that the user scrolls freely.
  useEffect(() => {
    void version;
    if (!scrollToId || scrolledTo.current === scrollToId) return;
    const index = items.findIndex((i) => i.id === scrollToId);
    if (index < 0) return;
    scrolledTo.current = scrollToId;
    virtualizer.scrollToIndex(index, { align: 'center' });
  }, [scrollToId, items, version, virtualizer]);

  // `version` marks growth of the same array; asking again after each page keeps filling a tall screen.
  useEffect(() => {
    void version;
    if (hasMore && !loading && lastIndex >= items.length - PREFETCH_ROWS) onNeedMore();
  }, [lastIndex, items.length, hasMore, loading, onNeedMore, version]);

  return (
    <div ref={scroller} className="inbox-scroller" data-testid="inbox-list" aria-busy={loading}>
      <div className="inbox-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => {
          const item = items[row.index];
          return (
            <div key={item ? item.id : 'more'} className="inbox-slot" style={{ height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}>
              {item ? (
                <InboxRow
                  item={item}
                  episode={item.episodeId ? episodes.get(item.episodeId) : undefined}
                  selected={item.id === selectedId}
                  onSelect={onSelect}
                  checked={checked?.has(item.id)}
                  onCheck={onCheck}
                  onDragItem={onDragItem}
                />
              ) : (
                <div className="inbox-loading-row muted">{t('common.loading')}</div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
