import type { Pool } from 'pg';
import { afterId, type EvidenceStorage, ITEM_FACTS_PAGE, LINK_FACTS } from '../evidenceCommon.js';
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
      const after = afterId(opts?.after);
      const limit = clampLimit(opts?.limit, ITEM_FACTS_PAGE);
      const res = await pool.query<FactsRow>(
        `SELECT id, author, posted_at, coordinated, segments${opts?.withText ? ', text' : ''} FROM feedback_items
         WHERE series_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
        [seriesId, after, limit],
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
