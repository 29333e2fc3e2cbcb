import type Database from 'better-sqlite3';
import { SAMPLE_REFRESH_CHUNK, type SampleRecord } from '../evidenceCommon.js';

/** The items of one link (`?` = its key). */
const ONE_LINK = 'SELECT item_id FROM link_items WHERE link_key = ?';
/** The items of several links, once each (`?` = a JSON array of link ids). */
const MANY_LINKS = `SELECT DISTINCT item_id FROM link_items
  WHERE link_key IN (SELECT key FROM evidence_links WHERE id IN (SELECT value FROM json_each(?)))`;

/**
 * Counts over the items: mentions, distinct viewers, coordinated items. The
 * authors of coordinated items are not counted as viewers, so a bought burst
 * cannot lift evidence over the audit's viewer minimum [AU6].
 */
const counts = (items: string) => `
  SELECT count(*) AS mentions, count(DISTINCT CASE WHEN i.coordinated = 0 THEN i.author END) AS viewers,
    ifnull(sum(i.coordinated), 0) AS coordinated
  FROM (${items}) it CROSS JOIN feedback_items i ON i.id = it.item_id`;

/**
 * The segment value held by the most distinct viewers [EV17] (of the same
 * viewers: coordinated items left out); ties go to the first name, then
 * value, so both backends agree. Empty values are no data.
 */
const topSegment = (items: string) => `
  SELECT j.key AS name, j.value AS value, count(DISTINCT i.author) AS n
  FROM (${items}) it CROSS JOIN feedback_items i ON i.id = it.item_id, json_each(i.segments) j
  WHERE i.coordinated = 0 AND j.type = 'text' AND j.value <> ''
  GROUP BY j.key, j.value ORDER BY n DESC, name, value LIMIT 1`;

type Counts = { mentions: number; viewers: number; coordinated: number };
type Top = { name: string; value: string; n: number };

/**
 * Samples of links over SQLite, and the bookkeeping that keeps each link's
 * cached sample and each set's item count true when items go away (erasure,
 * retention) or change flags [EV17][EV18].
 */
export class SqliteSamples {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      countsOne: db.prepare<[number], Counts>(counts(ONE_LINK)),
      topOne: db.prepare<[number], Top>(topSegment(ONE_LINK)),
      countsMany: db.prepare<[string], Counts>(counts(MANY_LINKS)),
      topMany: db.prepare<[string], Top>(topSegment(MANY_LINKS)),
      store: db.prepare(
        `UPDATE evidence_links SET item_count = ?, s_mentions = ?, s_viewers = ?, s_coordinated = ?, s_top_name = ?,
           s_top_value = ?, s_top_viewers = ?, sample_stale = 0 WHERE key = ?`,
      ),
      stale: db.prepare<[number], { key: number }>('SELECT key FROM evidence_links WHERE sample_stale = 1 LIMIT ?'),
      markLinksOf: db.prepare('UPDATE evidence_links SET sample_stale = 1 WHERE key IN (SELECT link_key FROM link_items WHERE item_id = ?)'),
      dropLinkItem: db.prepare('DELETE FROM link_items WHERE item_id = ?'),
      dropExplicitItem: db.prepare('DELETE FROM link_explicit_items WHERE item_id = ?'),
      shrinkSets: db.prepare(
        'UPDATE evidence_sets SET matched = matched - 1 WHERE key IN (SELECT set_key FROM evidence_set_items WHERE item_id = ?)',
      ),
      dropSetItem: db.prepare('DELETE FROM evidence_set_items WHERE item_id = ?'),
    };
  }

  /** The sample of one link's items, computed now. */
  ofLink(linkKey: number): SampleRecord {
    return record(this.s.countsOne.get(linkKey)!, this.s.topOne.get(linkKey));
  }

  /** The sample of several links' items, each item and viewer counted once. */
  ofLinks(linkIds: readonly string[]): SampleRecord {
    const json = JSON.stringify(linkIds);
    return record(this.s.countsMany.get(json)!, this.s.topMany.get(json));
  }

  /** Recomputes and stores a link's cached sample and item count (inside the caller's transaction). */
  refresh(linkKey: number): void {
    const r = this.ofLink(linkKey);
    this.s.store.run(r.mentions, r.mentions, r.viewers, r.coordinated, r.top_name, r.top_value, r.top_viewers, linkKey);
  }

  /** Marks the links holding an item for a sample refresh (its flags are about to change). */
  touchItem(itemId: number): void {
    this.s.markLinksOf.run(itemId);
  }

  /**
   * Takes a feedback item out of every link and set, inside the transaction
   * that deletes it: its links are marked for a sample refresh, its sets
   * count one item fewer. Privacy by design: nothing keeps an erased item [EV18].
   */
  forgetItem(itemId: number): void {
    this.s.markLinksOf.run(itemId);
    this.s.dropLinkItem.run(itemId);
    this.s.dropExplicitItem.run(itemId);
    this.s.shrinkSets.run(itemId);
    this.s.dropSetItem.run(itemId);
  }

  /** Recomputes every sample marked stale, a chunk of links per transaction; returns how many. */
  refreshStale(): number {
    const chunk = this.db.transaction(() => {
      const keys = this.s.stale.all(SAMPLE_REFRESH_CHUNK);
      for (const { key } of keys) this.refresh(key);
      return keys.length;
    });
    let total = 0;
    for (;;) {
      const n = chunk.immediate();
      total += n;
      if (n < SAMPLE_REFRESH_CHUNK) return total;
    }
  }
}

function record(c: Counts, top: Top | undefined): SampleRecord {
  return {
    mentions: c.mentions,
    viewers: c.viewers,
    coordinated: c.coordinated,
    top_name: top?.name ?? null,
    top_value: top?.value ?? null,
    top_viewers: top?.n ?? null,
  };
}
