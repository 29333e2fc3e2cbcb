import { MAX_LINK_ITEMS } from '@loopline/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SelectedItem } from './sample';

/** Selections bigger than this stay in memory only (sessionStorage holds a few MB). */
const PERSIST_LIMIT = 5000;
const storageKey = (seriesId: string) => `loopline:evidence-selection:${seriesId}`;

function load(seriesId: string): Map<string, SelectedItem> {
  try {
    const raw = globalThis.sessionStorage?.getItem(storageKey(seriesId));
    const list = raw ? (JSON.parse(raw) as SelectedItem[]) : [];
    return new Map(list.filter((s) => typeof s?.id === 'string').map((s) => [s.id, { id: s.id, author: String(s.author ?? ''), coordinated: s.coordinated === true }]));
  } catch {
    return new Map();
  }
}

// Storage may be missing or full (private mode): the selection is a convenience, so failures only lose the carry-over.
function save(seriesId: string, selected: ReadonlyMap<string, SelectedItem>): void {
  try {
    if (selected.size === 0 || selected.size > PERSIST_LIMIT) globalThis.sessionStorage?.removeItem(storageKey(seriesId));
    else globalThis.sessionStorage?.setItem(storageKey(seriesId), JSON.stringify([...selected.values()]));
  } catch {
    /* see above */
  }
}

/** The inbox selection of one series and how to change it [UE1]. */
export interface EvidenceSelection {
  selected: ReadonlyMap<string, SelectedItem>;
  size: number;
  has: (id: string) => boolean;
  /**
   * A click on an item's checkbox: toggles it, or with shift sets every item
   * from the last clicked one to this one (in `order`, the loaded list) to
   * this item's new state.
   */
  toggle: (item: SelectedItem, shift: boolean, order: readonly SelectedItem[]) => void;
  /** Adds these items (e.g. every loaded one). */
  add: (items: readonly SelectedItem[]) => void;
  /** Updates the coordinated flag of selected items after it changed on the server. */
  setCoordinated: (ids: readonly string[], coordinated: boolean) => void;
  clear: () => void;
}

/**
 * The selection of items to link, kept per series in sessionStorage so a
 * writer can select in the series inbox and link from the episode page.
 * `enabled` false gives an inert selection (a parent passes its own).
 */
export function useEvidenceSelection(seriesId: string, enabled = true): EvidenceSelection {
  const [selected, setSelected] = useState<ReadonlyMap<string, SelectedItem>>(() => (enabled ? load(seriesId) : new Map()));
  const lastClicked = useRef<string | null>(null);
  const loadedFor = useRef(seriesId);

  useEffect(() => {
    if (!enabled) return;
    if (loadedFor.current !== seriesId) {
      loadedFor.current = seriesId;
      setSelected(load(seriesId));
      return;
    }
    save(seriesId, selected);
  }, [seriesId, selected, enabled]);

  const toggle = useCallback((item: SelectedItem, shift: boolean, order: readonly SelectedItem[]) => {
    // Read before the update: React may run the updater after the ref has moved on.
    const anchor = shift ? lastClicked.current : null;
    lastClicked.current = item.id;
    setSelected((current) => {
      const next = new Map(current);
      const on = !current.has(item.id);
      const from = anchor !== null ? order.findIndex((o) => o.id === anchor) : -1;
      const to = order.findIndex((o) => o.id === item.id);
      const range = from >= 0 && to >= 0 ? order.slice(Math.min(from, to), Math.max(from, to) + 1) : [item];
      for (const o of range) {
        if (on && next.size < MAX_LINK_ITEMS) next.set(o.id, o);
        else if (!on) next.delete(o.id);
      }
      return next;
    });
  }, []);

  const add = useCallback((items: readonly SelectedItem[]) => {
    setSelected((current) => {
      const next = new Map(current);
      for (const item of items) {
        if (next.size >= MAX_LINK_ITEMS) break;
        next.set(item.id, item);
      }
      return next;
    });
  }, []);

  const setCoordinated = useCallback((ids: readonly string[], coordinated: boolean) => {
    setSelected((current) => {
      const next = new Map(current);
      for (const id of ids) {
        const item = next.get(id);
        if (item) next.set(id, { ...item, coordinated });
      }
      return next;
    });
  }, []);

  const clear = useCallback(() => {
    lastClicked.current = null;
    setSelected(new Map());
  }, []);

  return useMemo(
    () => ({ selected, size: selected.size, has: (id: string) => selected.has(id), toggle, add, setCoordinated, clear }),
    [selected, toggle, add, setCoordinated, clear],
  );
}
