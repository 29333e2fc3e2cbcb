import type { Pool } from 'pg';
import { decodeItemFactsCursor, type EvidenceStorage, ITEM_FACTS_PAGE, LINK_FACTS } from '../evidenceCommon.js';
import { clampLimit, feedbackRowId } from '../feedbackCommon.js';
import type { ItemFacts } from '../types.js';
import { refreshStaleSamples, touchItems } from './evidenceSample.js';
import { inTransaction } from './tx.js';

interface FactsRow {
  id: string;
  author: string;
  posted_at: Date;
  coordinated: boolean;
  segments: Record<string, unknown>;
  text?: string;
}

function toFacts(r: FactsRow): ItemFacts & { text?: string } {
  const segments: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.segments ?? {})) segments[k] = String(v);
  const facts: ItemFacts & { text?: string } = {
    id: String(r.id),
    author: r.author,
    postedAt: r.posted_at.toISOString(),
    coordinated: r.coordinated,
    segments,
  };
  if (r.text !== undefined) facts.text = r.text;
  return facts;
}

/** The earliest time PostgreSQL stores (4714-11-24 BC): a cursor before it continues from the start. */
const PG_MIN_MS = -210_866_803_200_000;

/**
 * A cursor's time as PostgreSQL timestamp text, exact to the millisecond for
 * every JavaScript time (ISO strings stop at year 9999 and float seconds lose
 * milliseconds far from 1970).
 */
function pgTimestamp(ms: number): string {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${String(year > 0 ? year : 1 - year).padStart(4, '0')}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
  return `${date} ${time}+00${year > 0 ? '' : ' BC'}`;
}

/** Coordination flags and item facts over PostgreSQL (issue 5). */
export function postgresCoordination(pool: Pool): Pick<EvidenceStorage, 'setCoordinated' | 'listItemFacts' | 'itemFactsOfLinks'> {
  return {
    async setCoordinated(seriesId, itemIds, coordinated) {
      const ids = [...new Set(itemIds.map(feedbackRowId).filter((id): id is number => id !== null))];
      if (ids.length === 0) return 0;
      const changed = await inTransaction(pool, async (client) => {
        const res = await client.query<{ id: string }>(
          'UPDATE feedback_items SET coordinated = $1 WHERE id = ANY($2::bigint[]) AND series_id = $3 AND coordinated <> $1 RETURNING id',
          [coordinated, ids, seriesId],
        );
        // The links holding changed items get their samples recomputed after the commit [EV17].
        await touchItems(client, res.rows.map((r) => r.id));
        return res.rows.length;
      });
      if (changed > 0) await refreshStaleSamples(pool);
      return changed;
    },
    async listItemFacts(seriesId, opts) {
      const decoded = decodeItemFactsCursor(opts?.after);
      const after = decoded !== null && decoded.postedMs >= PG_MIN_MS ? decoded : null;
      const limit = clampLimit(opts?.limit, ITEM_FACTS_PAGE);
      // Oldest first; feedback_time (series_id, posted_at, id) serves each keyset page as one index range [CO12].
      // The cursor holds milliseconds; a time stored with microseconds is read back from the cursor's item
      // (while it exists), so such items are neither repeated nor skipped.
      const params: unknown[] = [seriesId, limit];
      if (after !== null) params.push(pgTimestamp(after.postedMs), after.id);
      const from =
        after === null
          ? ''
          : ` AND (posted_at, id) > (coalesce((SELECT c.posted_at FROM feedback_items c WHERE c.id = $4 AND c.series_id = $1
               AND c.posted_at >= $3::timestamptz AND c.posted_at < $3::timestamptz + interval '1 millisecond'), $3::timestamptz), $4)`;
      const res = await pool.query<FactsRow>(
        `SELECT id, author, posted_at, coordinated, segments${opts?.withText ? ', text' : ''} FROM feedback_items
         WHERE series_id = $1${from} ORDER BY posted_at, id LIMIT $2`,
        params,
      );
      return res.rows.map(toFacts);
    },
    async itemFactsOfLinks(linkIds, opts) {
      if (linkIds.length === 0) return [];
      const res = await pool.query<FactsRow>(
        `SELECT i.id, i.author, i.posted_at, i.coordinated, i.segments FROM feedback_items i
         WHERE i.id IN (SELECT item_id FROM link_items WHERE link_key IN (SELECT key FROM evidence_links WHERE id = ANY($1::text[])))
         ORDER BY i.posted_at, i.id LIMIT $2`,
        [linkIds, clampLimit(opts?.limit, LINK_FACTS)],
      );
      return res.rows.map(toFacts);
    },
  };
}
