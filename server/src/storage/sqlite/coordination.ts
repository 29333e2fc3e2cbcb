import type Database from 'better-sqlite3';
import { decodeItemFactsCursor, type EvidenceStorage, ITEM_FACTS_PAGE, LINK_FACTS } from '../evidenceCommon.js';
import { clampLimit, feedbackRowId } from '../feedbackCommon.js';
import type { ItemFacts } from '../types.js';
import type { SqliteSamples } from './evidenceSample.js';
import type { SeriesKeys } from './feedbackRows.js';

interface FactsRow {
  id: number;
  author: string;
  posted_at: number;
  coordinated: number;
  segments: string;
  text?: string;
}

function toFacts(r: FactsRow): ItemFacts & { text?: string } {
  const segments: Record<string, string> = {};
  const parsed: unknown = JSON.parse(r.segments);
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
    for (const [k, v] of Object.entries(parsed)) segments[k] = String(v);
  }
  const facts: ItemFacts & { text?: string } = {
    id: String(r.id),
    author: r.author,
    postedAt: new Date(r.posted_at).toISOString(),
    coordinated: r.coordinated !== 0,
    segments,
  };
  if (r.text !== undefined) facts.text = r.text;
  return facts;
}

/**
 * SQLite migration 8 (issue 5): a series' items in time order. Migration 5
 * dropped the (series, posted_at) index for the time-ordered search key, but
 * that key spans every series and is not exact for items stored before it;
 * coordination detection reads a series oldest first in keyset pages, which
 * this index (with the implicit rowid: series_key, posted_at, id) serves as
 * one range per page [CO12].
 */
export const SQLITE_FEEDBACK_FACTS_INDEX = `
  CREATE INDEX feedback_facts ON feedback_items (series_key, posted_at);
`;

/** Coordination flags and item facts over SQLite (issue 5). */
export function sqliteCoordination(
  db: Database.Database,
  keys: SeriesKeys,
  samples: SqliteSamples,
): Pick<EvidenceStorage, 'setCoordinated' | 'listItemFacts' | 'itemFactsOfLinks'> {
  const s = {
    flag: db.prepare('UPDATE feedback_items SET coordinated = ? WHERE id = ? AND series_key = ? AND coordinated <> ?'),
    // Oldest first off feedback_facts (series_key, posted_at, rowid): a keyset page is one index range [CO12].
    // The first page starts below every valid Date time (±8.64e15 ms).
    facts: db.prepare<[number, number, number, number], FactsRow>(
      `SELECT id, author, posted_at, coordinated, segments FROM feedback_items INDEXED BY feedback_facts
       WHERE series_key = ? AND (posted_at, id) > (?, ?) ORDER BY posted_at, id LIMIT ?`,
    ),
    factsText: db.prepare<[number, number, number, number], FactsRow>(
      `SELECT id, author, posted_at, coordinated, segments, text FROM feedback_items INDEXED BY feedback_facts
       WHERE series_key = ? AND (posted_at, id) > (?, ?) ORDER BY posted_at, id LIMIT ?`,
    ),
    factsOfLinks: db.prepare<[string, number], FactsRow>(
      `SELECT i.id, i.author, i.posted_at, i.coordinated, i.segments FROM feedback_items i
       WHERE i.id IN (SELECT item_id FROM link_items
         WHERE link_key IN (SELECT key FROM evidence_links WHERE id IN (SELECT value FROM json_each(?))))
       ORDER BY i.posted_at, i.id LIMIT ?`,
    ),
  };

  const flag = db.transaction((seriesKey: number, ids: number[], value: number) => {
    let changed = 0;
    for (const id of ids) {
      // Mark first: the links holding the item get their sample recomputed afterwards [EV17].
      if (s.flag.run(value, id, seriesKey, value).changes > 0) {
        samples.touchItem(id);
        changed++;
      }
    }
    return changed;
  });

  return {
    async setCoordinated(seriesId, itemIds, coordinated) {
      const key = keys.get(seriesId, false);
      if (key === null) return 0;
      const ids = [...new Set(itemIds.map(feedbackRowId).filter((id): id is number => id !== null))];
      const changed = flag.immediate(key, ids, coordinated ? 1 : 0);
      if (changed > 0) samples.refreshStale();
      return changed;
    },
    async listItemFacts(seriesId, opts) {
      const key = keys.get(seriesId, false);
      if (key === null) return [];
      const after = decodeItemFactsCursor(opts?.after) ?? { postedMs: -9e15, id: 0 };
      const limit = clampLimit(opts?.limit, ITEM_FACTS_PAGE);
      return (opts?.withText ? s.factsText : s.facts).all(key, after.postedMs, after.id, limit).map(toFacts);
    },
    async itemFactsOfLinks(linkIds, opts) {
      if (linkIds.length === 0) return [];
      return s.factsOfLinks.all(JSON.stringify(linkIds), clampLimit(opts?.limit, LINK_FACTS)).map(toFacts);
    },
  };
}
