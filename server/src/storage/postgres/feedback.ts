import type { Pool, PoolClient } from 'pg';
import { Aggregates, DELETE_CHUNK, dedupKind, feedbackRowId, MAX_REPLIES } from '../feedbackCommon.js';
import type { FeedbackStorage, NewFeedbackItem } from '../feedbackTypes.js';
import { forgetItems, refreshStaleSamples } from './evidenceSample.js';
import { FEEDBACK_COLUMNS, type FeedbackRow, toFeedbackItem } from './feedbackRows.js';
import { postgresFeedbackSearch } from './feedbackSearch.js';
import { inTransaction } from './tx.js';

/** What a deleted row leaves to take out of the aggregates (and, by id, out of evidence). */
interface DoomedRow {
  id?: string;
  series_id: string;
  episode_id: string | null;
  kind: string;
  platform: string;
  timecode_ms: string | null;
}

/**
 * One INSERT for the whole batch: the columns travel as arrays and unnest
 * turns them back into rows, so a 5,000-row batch is one round trip.
 * ON CONFLICT DO NOTHING skips rows whose dedup key is stored [FB3];
 * RETURNING names the rows that were new, for the aggregates.
 */
const INSERT_BATCH = `
  INSERT INTO feedback_items (series_id, episode_id, kind, platform, external_id, parent_external_id, posted_at, language,
    text, quote, author, likes, reply_count, timecode_ms, segments, redactions, import_id, content_hash, search)
  SELECT u.series_id, u.episode_id, u.kind, u.platform, u.external_id, u.parent_external_id, u.posted_at::timestamptz,
    u.language, u.text, u.quote, u.author, u.likes, u.reply_count, u.timecode_ms, u.segments::jsonb, u.redactions::jsonb,
    u.import_id, u.content_hash, to_tsvector('simple', u.search)
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
    $10::text[], $11::text[], $12::bigint[], $13::bigint[], $14::bigint[], $15::text[], $16::text[], $17::text[], $18::text[],
    $19::text[])
    AS u(series_id, episode_id, kind, platform, external_id, parent_external_id, posted_at, language, text, quote, author,
      likes, reply_count, timecode_ms, segments, redactions, import_id, content_hash, search)
  ON CONFLICT DO NOTHING
  RETURNING series_id, episode_id, kind, platform, timecode_ms`;

const ADD_COUNTS = `
  INSERT INTO feedback_counts (series_id, episode_id, kind, platform, n)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[])
  ON CONFLICT (series_id, episode_id, kind, platform) DO UPDATE SET n = feedback_counts.n + excluded.n`;

const ADD_DENSITY = `
  INSERT INTO danmaku_density (series_id, episode_id, platform, second, n)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::bigint[])
  ON CONFLICT (episode_id, platform, second) DO UPDATE SET n = danmaku_density.n + excluded.n`;

function aggregateOf(rows: DoomedRow[]): Aggregates {
  const aggregates = new Aggregates();
  for (const r of rows) {
    aggregates.add({
      seriesId: r.series_id,
      episodeId: r.episode_id,
      kind: r.kind,
      platform: r.platform,
      timecodeMs: r.timecode_ms === null ? null : Number(r.timecode_ms),
    });
  }
  return aggregates;
}

/** Adds (sign 1) or subtracts (sign -1) aggregates, dropping groups that reach zero. */
async function applyAggregates(client: PoolClient, a: Aggregates, sign: 1 | -1, density: boolean): Promise<void> {
  const counts = [...a.counts.values()];
  if (counts.length > 0) {
    await client.query(ADD_COUNTS, [
      counts.map((g) => g.seriesId),
      counts.map((g) => g.episodeId),
      counts.map((g) => g.kind),
      counts.map((g) => g.platform),
      counts.map((g) => sign * g.n),
    ]);
    if (sign < 0) await client.query('DELETE FROM feedback_counts WHERE series_id = ANY($1) AND n <= 0', [[...new Set(counts.map((g) => g.seriesId))]]);
  }
  const cells = [...a.density.values()];
  if (density && cells.length > 0) {
    await client.query(ADD_DENSITY, [
      cells.map((c) => c.seriesId),
      cells.map((c) => c.episodeId),
      cells.map((c) => c.platform),
      cells.map((c) => c.second),
      cells.map((c) => sign * c.n),
    ]);
    if (sign < 0) await client.query('DELETE FROM danmaku_density WHERE series_id = ANY($1) AND n <= 0', [[...new Set(cells.map((c) => c.seriesId))]]);
  }
}

function columns(items: NewFeedbackItem[]): unknown[] {
  const external = items.map((i) => dedupKind(i) === 'external');
  const col = <T>(f: (i: NewFeedbackItem, n: number) => T) => items.map(f);
  return [
    col((i) => i.seriesId),
    col((i) => i.episodeId),
    col((i) => i.kind),
    col((i) => i.platform),
    col((i, n) => (external[n] ? i.externalId : null)),
    col((i) => i.parentExternalId),
    col((i) => {
      if (!Number.isFinite(Date.parse(i.postedAt))) throw new RangeError(`feedback item with invalid postedAt ${i.postedAt}`);
      return i.postedAt;
    }),
    col((i) => i.language),
    col((i) => i.text),
    col((i) => i.quote),
    col((i) => i.author),
    col((i) => i.likes),
    col((i) => i.replyCount),
    col((i) => i.timecodeMs),
    col((i) => JSON.stringify(i.segments)),
    col((i) => JSON.stringify(i.redactions)),
    col((i) => i.importId),
    col((i, n) => (external[n] ? null : i.contentHash)),
    col((i) => i.searchText),
  ];
}

/** Feedback methods over a node-postgres pool. */
export function postgresFeedback(pool: Pool): FeedbackStorage {
  async function deleteAll(select: string, params: unknown[], density: boolean): Promise<number> {
    let deleted = 0;
    for (;;) {
      const n = await inTransaction(pool, async (client) => {
        const res = await client.query<DoomedRow>(
          `DELETE FROM feedback_items WHERE id IN (${select} LIMIT ${DELETE_CHUNK})
           RETURNING id, series_id, episode_id, kind, platform, timecode_ms`,
          params,
        );
        // Erased items leave every evidence link and set in the same transaction [EV18].
        await forgetItems(client, res.rows.map((r) => r.id!));
        await applyAggregates(client, aggregateOf(res.rows), -1, density);
        return res.rows.length;
      });
      deleted += n;
      if (n === 0) {
        // The links that held deleted items get their samples recomputed once, after every chunk [EV18].
        if (deleted > 0) await refreshStaleSamples(pool);
        return deleted;
      }
    }
  }

  async function rows(sql: string, params: unknown[]): Promise<FeedbackRow[]> {
    return (await pool.query<FeedbackRow>(sql, params)).rows;
  }

  return {
    async insertFeedbackBatch(items) {
      if (items.length === 0) return { inserted: 0, duplicates: 0 };
      return inTransaction(pool, async (client) => {
        const res = await client.query<DoomedRow>(INSERT_BATCH, columns(items));
        await applyAggregates(client, aggregateOf(res.rows), 1, true);
        return { inserted: res.rows.length, duplicates: items.length - res.rows.length };
      });
    },
    ...postgresFeedbackSearch(pool),
    async getFeedbackItem(id) {
      const rowId = feedbackRowId(id);
      if (rowId === null) return null;
      const [row] = await rows(`SELECT ${FEEDBACK_COLUMNS} FROM feedback_items WHERE id = $1`, [rowId]);
      return row ? toFeedbackItem(row) : null;
    },
    async seriesOfFeedbackItem(id) {
      const rowId = feedbackRowId(id);
      if (rowId === null) return null;
      const res = await pool.query<{ series_id: string }>('SELECT series_id FROM feedback_items WHERE id = $1', [rowId]);
      return res.rows[0]?.series_id ?? null;
    },
    async getFeedbackDetail(id) {
      const rowId = feedbackRowId(id);
      if (rowId === null) return null;
      const [row] = await rows(`SELECT ${FEEDBACK_COLUMNS} FROM feedback_items WHERE id = $1`, [rowId]);
      if (!row) return null;
      const [parent] =
        row.parent_external_id === null
          ? []
          : await rows(`SELECT ${FEEDBACK_COLUMNS} FROM feedback_items WHERE series_id = $1 AND platform = $2 AND external_id = $3`, [
              row.series_id,
              row.platform,
              row.parent_external_id,
            ]);
      const replies =
        row.external_id === null
          ? []
          : await rows(
              `SELECT ${FEEDBACK_COLUMNS} FROM feedback_items WHERE series_id = $1 AND platform = $2 AND parent_external_id = $3
               ORDER BY posted_at, id LIMIT $4`,
              [row.series_id, row.platform, row.external_id, MAX_REPLIES],
            );
      const count = await pool.query<{ n: number }>(
        'SELECT count(*)::integer AS n FROM feedback_items WHERE series_id = $1 AND author = $2',
        [row.series_id, row.author],
      );
      return {
        item: toFeedbackItem(row),
        parent: parent ? toFeedbackItem(parent) : null,
        replies: replies.map(toFeedbackItem),
        authorItemCount: count.rows[0]!.n,
      };
    },
    async countFeedback(seriesId) {
      const res = await pool.query<{ n: string | null }>('SELECT sum(n) AS n FROM feedback_counts WHERE series_id = $1', [seriesId]);
      return Number(res.rows[0]?.n ?? 0);
    },
    async danmakuDensity(episodeId, platform) {
      const res =
        platform === undefined
          ? await pool.query<{ second: number; count: string }>(
              'SELECT second, sum(n) AS count FROM danmaku_density WHERE episode_id = $1 AND n > 0 GROUP BY second ORDER BY second',
              [episodeId],
            )
          : await pool.query<{ second: number; count: string }>(
              'SELECT second, n AS count FROM danmaku_density WHERE episode_id = $1 AND platform = $2 AND n > 0 ORDER BY second',
              [episodeId, platform],
            );
      return res.rows.map((r) => ({ second: r.second, count: Number(r.count) }));
    },
    async deleteFeedbackByAuthor(seriesId, author, opts) {
      if (opts?.platform !== undefined) {
        return deleteAll('SELECT id FROM feedback_items WHERE series_id = $1 AND author = $2 AND platform = $3', [seriesId, author, opts.platform], true);
      }
      return deleteAll('SELECT id FROM feedback_items WHERE series_id = $1 AND author = $2', [seriesId, author], true);
    },
    async deleteFeedbackOlderThan(seriesId, cutoff) {
      if (!Number.isFinite(Date.parse(cutoff))) throw new RangeError(`invalid cutoff ${cutoff}`);
      return deleteAll('SELECT id FROM feedback_items WHERE series_id = $1 AND posted_at < $2', [seriesId, cutoff], false);
    },
  };
}
