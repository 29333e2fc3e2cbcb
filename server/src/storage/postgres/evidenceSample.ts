import type { Pool, PoolClient } from 'pg';
import { SAMPLE_REFRESH_CHUNK, type SampleRecord } from '../evidenceCommon.js';
import { inTransaction } from './tx.js';

/**
 * The sample of a set of items as CTEs `c` (counts) and `t` (top segment),
 * the same rules as SQLite's (sqlite/evidenceSample.ts): authors of
 * coordinated items are not viewers [AU6]; the top segment value is the one
 * held by most distinct viewers, ties by name then value in code-point order
 * (COLLATE "C", as SQLite compares) [EV17].
 */
const sampleOf = (items: string) => `
  WITH f AS (SELECT i.author, i.coordinated, i.segments FROM (${items}) it JOIN feedback_items i ON i.id = it.item_id),
  c AS (SELECT count(*)::integer AS mentions, (count(DISTINCT author) FILTER (WHERE NOT coordinated))::integer AS viewers,
          (count(*) FILTER (WHERE coordinated))::integer AS coordinated FROM f),
  t AS (SELECT j.key AS name, j.value #>> '{}' AS value, count(DISTINCT f.author)::integer AS n
        FROM f CROSS JOIN LATERAL jsonb_each(f.segments) j
        WHERE NOT f.coordinated AND jsonb_typeof(j.value) = 'string' AND j.value #>> '{}' <> ''
        GROUP BY 1, 2 ORDER BY 3 DESC, j.key COLLATE "C", (j.value #>> '{}') COLLATE "C" LIMIT 1)`;

const ONE_LINK = 'SELECT item_id FROM link_items WHERE link_key = $1';
const MANY_LINKS = 'SELECT DISTINCT item_id FROM link_items WHERE link_key IN (SELECT key FROM evidence_links WHERE id = ANY($1::text[]))';

const SAMPLE_OF_LINKS = `${sampleOf(MANY_LINKS)}
  SELECT c.mentions, c.viewers, c.coordinated, t.name AS top_name, t.value AS top_value, t.n AS top_viewers FROM c LEFT JOIN t ON true`;

/** Recomputes one link's cached sample and item count in one statement. */
const REFRESH = `${sampleOf(ONE_LINK)}
  UPDATE evidence_links SET item_count = c.mentions, s_mentions = c.mentions, s_viewers = c.viewers, s_coordinated = c.coordinated,
    s_top_name = t.name, s_top_value = t.value, s_top_viewers = t.n, sample_stale = false
  FROM c LEFT JOIN t ON true WHERE key = $1`;

type Queryable = Pool | PoolClient;

/** The sample of several links' items, each item and viewer once. */
export async function sampleOfLinks(db: Queryable, linkIds: readonly string[]): Promise<SampleRecord> {
  return (await db.query<SampleRecord>(SAMPLE_OF_LINKS, [linkIds])).rows[0]!;
}

/** Recomputes a link's cached sample (inside the caller's transaction). */
export async function refreshSample(db: Queryable, linkKey: string): Promise<void> {
  await db.query(REFRESH, [linkKey]);
}

/** Marks the links holding these items for a sample refresh. */
export async function touchItems(db: Queryable, itemIds: readonly (string | number)[]): Promise<void> {
  if (itemIds.length === 0) return;
  await db.query('UPDATE evidence_links SET sample_stale = true WHERE key IN (SELECT link_key FROM link_items WHERE item_id = ANY($1::bigint[]))', [
    itemIds,
  ]);
}

/**
 * Takes deleted feedback items out of every link and set, in the transaction
 * that deletes them [EV18]: links holding them are marked for a sample
 * refresh, sets count fewer items.
 */
export async function forgetItems(client: PoolClient, itemIds: readonly (string | number)[]): Promise<void> {
  if (itemIds.length === 0) return;
  await touchItems(client, itemIds);
  await client.query('DELETE FROM link_items WHERE item_id = ANY($1::bigint[])', [itemIds]);
  await client.query('DELETE FROM link_explicit_items WHERE item_id = ANY($1::bigint[])', [itemIds]);
  await client.query(
    `UPDATE evidence_sets s SET matched = s.matched - d.n
     FROM (SELECT set_key, count(*)::integer AS n FROM evidence_set_items WHERE item_id = ANY($1::bigint[]) GROUP BY set_key) d
     WHERE s.key = d.set_key`,
    [itemIds],
  );
  await client.query('DELETE FROM evidence_set_items WHERE item_id = ANY($1::bigint[])', [itemIds]);
}

/** Recomputes every sample marked stale, a chunk of links per transaction; returns how many. */
export async function refreshStaleSamples(pool: Pool): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await inTransaction(pool, async (client) => {
      // SKIP LOCKED: two servers refreshing at once share the work instead of queueing on the same rows.
      const keys = await client.query<{ key: string }>(
        'SELECT key FROM evidence_links WHERE sample_stale ORDER BY key LIMIT $1 FOR UPDATE SKIP LOCKED',
        [SAMPLE_REFRESH_CHUNK],
      );
      for (const { key } of keys.rows) await refreshSample(client, key);
      return keys.rows.length;
    });
    total += n;
    if (n < SAMPLE_REFRESH_CHUNK) return total;
  }
}
