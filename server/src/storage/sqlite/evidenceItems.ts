import type Database from 'better-sqlite3';
import { StorageNotFoundError } from '../common.js';
import { itemRowIds } from '../evidenceCommon.js';
import type { SeriesKeys } from './feedbackRows.js';

/** A feedback item as a link or set stores it: its row id and posting time (the link's item order). */
export interface ItemRef {
  id: number;
  postedAt: number;
}

/**
 * Checks that feedback items exist and belong to a series, and writes the
 * join rows of sets and links. Shared by sets, links and their re-evaluation.
 */
export class SqliteEvidenceItems {
  private readonly s;

  constructor(
    db: Database.Database,
    private readonly keys: SeriesKeys,
  ) {
    this.s = {
      item: db.prepare<[number], { series_key: number; posted_at: number }>('SELECT series_key, posted_at FROM feedback_items WHERE id = ?'),
      addSetItem: db.prepare('INSERT OR IGNORE INTO evidence_set_items (set_key, item_id) VALUES (?, ?)'),
      clearSet: db.prepare('DELETE FROM evidence_set_items WHERE set_key = ?'),
      addLinkItem: db.prepare('INSERT OR IGNORE INTO link_items (link_key, posted_at, item_id) VALUES (?, ?, ?)'),
      addExplicit: db.prepare('INSERT OR IGNORE INTO link_explicit_items (link_key, item_id) VALUES (?, ?)'),
      addSetToLink: db.prepare(
        `INSERT OR IGNORE INTO link_items (link_key, posted_at, item_id)
         SELECT ?, i.posted_at, i.id FROM evidence_set_items si CROSS JOIN feedback_items i ON i.id = si.item_id WHERE si.set_key = ?`,
      ),
      addExplicitToLink: db.prepare(
        `INSERT OR IGNORE INTO link_items (link_key, posted_at, item_id)
         SELECT ?, i.posted_at, i.id FROM link_explicit_items e CROSS JOIN feedback_items i ON i.id = e.item_id WHERE e.link_key = ?`,
      ),
      clearLink: db.prepare('DELETE FROM link_items WHERE link_key = ?'),
      countLink: db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM link_items WHERE link_key = ?'),
    };
  }

  /** The items, checked to be of the series; throws StorageNotFoundError('feedback item') naming the first that is not. */
  resolve(seriesId: string, ids: readonly string[]): ItemRef[] {
    const notFound = (id: string) => new StorageNotFoundError('feedback item', id);
    const rowIds = itemRowIds(ids, notFound);
    if (rowIds.length === 0) return [];
    const key = this.keys.get(seriesId, false);
    return rowIds.map((id) => {
      const row = this.s.item.get(id);
      if (!row || row.series_key !== key) throw notFound(String(id));
      return { id, postedAt: row.posted_at };
    });
  }

  /** Replaces a set's items. */
  setItems(setKey: number, items: readonly ItemRef[]): void {
    this.s.clearSet.run(setKey);
    for (const item of items) this.s.addSetItem.run(setKey, item.id);
  }

  /** Stores a new link's items: the explicit ones (remembered apart when it has a set) and the set's. Returns how many. */
  fillLink(linkKey: number, explicit: readonly ItemRef[], setKey: number | null): number {
    for (const item of explicit) this.s.addLinkItem.run(linkKey, item.postedAt, item.id);
    if (setKey !== null) {
      for (const item of explicit) this.s.addExplicit.run(linkKey, item.id);
      this.s.addSetToLink.run(linkKey, setKey);
    }
    return this.s.countLink.get(linkKey)!.n;
  }

  /** Rebuilds a set-backed link's items from its explicit ones and the set's current items. Returns how many. */
  rebuildLink(linkKey: number, setKey: number): number {
    this.s.clearLink.run(linkKey);
    this.s.addExplicitToLink.run(linkKey, linkKey);
    this.s.addSetToLink.run(linkKey, setKey);
    return this.s.countLink.get(linkKey)!.n;
  }
}
