import type Database from 'better-sqlite3';
import { Aggregates, DELETE_CHUNK, dedupKind, feedbackRowId, MAX_REPLIES } from '../feedbackCommon.js';
import type { FeedbackStorage, NewFeedbackItem } from '../feedbackTypes.js';
import type { SqliteSamples } from './evidenceSample.js';
import { FEEDBACK_COLUMNS_I, type FeedbackRow, SeriesKeys, toFeedbackItem } from './feedbackRows.js';
import { sqliteFeedbackSearch } from './feedbackSearch.js';
import { FTS_KEY_SPAN, indexText } from './ftsTokens.js';

/** The columns erasure and retention read before deleting, to take the items out of the aggregates. */
interface DoomedRow {
  id: number;
  episode_id: string | null;
  kind: string;
  platform: string;
  timecode_ms: number | null;
}

function postedMs(item: NewFeedbackItem): number {
  const ms = Date.parse(item.postedAt);
  if (!Number.isFinite(ms)) throw new RangeError(`feedback item with invalid postedAt ${item.postedAt}`);
  return ms;
}

/**
 * Feedback methods over one SQLite connection: the import hot path, reads,
 * erasure and retention. Erasure and retention also take the items out of
 * evidence links and sets (`samples`), in the transaction that deletes them.
 */
export function sqliteFeedback(db: Database.Database, samples: SqliteSamples): FeedbackStorage {
  const keys = new SeriesKeys(db);
  const s = {
    // A stored dedup key skips the row [FB3]; a taken fts_key (same millisecond,
    // same sequence number) is an error the caller retries with the next number.
    insert: db.prepare(
      `INSERT INTO feedback_items (series_key, episode_id, kind, platform, external_id, parent_external_id, posted_at, language,
         text, quote, author, likes, reply_count, timecode_ms, segments, redactions, import_id, content_hash, fts_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (series_key, platform, external_id) WHERE external_id IS NOT NULL DO NOTHING
       ON CONFLICT (series_key, content_hash) WHERE external_id IS NULL DO NOTHING`,
    ),
    insertFts: db.prepare('INSERT INTO feedback_fts (rowid, tokens) VALUES (?, ?)'),
    deleteFts: db.prepare('DELETE FROM feedback_fts WHERE rowid = (SELECT fts_key FROM feedback_items WHERE id = ?)'),
    lastId: db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'feedback_items'"),
    deleteItem: db.prepare('DELETE FROM feedback_items WHERE id = ?'),
    addCount: db.prepare(
      `INSERT INTO feedback_counts (series_id, episode_id, kind, platform, n) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (series_id, episode_id, kind, platform) DO UPDATE SET n = n + excluded.n`,
    ),
    subtractCount: db.prepare(
      'UPDATE feedback_counts SET n = n - ? WHERE series_id = ? AND episode_id = ? AND kind = ? AND platform = ?',
    ),
    dropEmptyCounts: db.prepare('DELETE FROM feedback_counts WHERE series_id = ? AND n <= 0'),
    addDensity: db.prepare(
      `INSERT INTO danmaku_density (series_id, episode_id, platform, second, n) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (episode_id, platform, second) DO UPDATE SET n = n + excluded.n`,
    ),
    subtractDensity: db.prepare('UPDATE danmaku_density SET n = n - ? WHERE episode_id = ? AND platform = ? AND second = ?'),
    dropEmptyDensity: db.prepare('DELETE FROM danmaku_density WHERE series_id = ? AND n <= 0'),
    get: db.prepare<[number], FeedbackRow>(`SELECT ${FEEDBACK_COLUMNS_I} FROM feedback_items i WHERE i.id = ?`),
    key: db.prepare<[number], { series_key: number }>('SELECT series_key FROM feedback_items WHERE id = ?'),
    seriesOf: db.prepare<[number], { series_id: string }>(
      'SELECT s.series_id FROM feedback_items i JOIN feedback_series s ON s.key = i.series_key WHERE i.id = ?',
    ),
    parent: db.prepare<[number, string, string], FeedbackRow>(
      `SELECT ${FEEDBACK_COLUMNS_I} FROM feedback_items i WHERE i.series_key = ? AND i.platform = ? AND i.external_id = ?`,
    ),
    replies: db.prepare<[number, string, string, number], FeedbackRow>(
      `SELECT ${FEEDBACK_COLUMNS_I} FROM feedback_items i
       WHERE i.series_key = ? AND i.platform = ? AND i.parent_external_id = ? ORDER BY i.posted_at, i.id LIMIT ?`,
    ),
    authorCount: db.prepare<[number, string], { n: number }>(
      'SELECT count(*) AS n FROM feedback_items WHERE series_key = ? AND author = ?',
    ),
    seriesCount: db.prepare<[string], { n: number | null }>('SELECT sum(n) AS n FROM feedback_counts WHERE series_id = ?'),
    densityAll: db.prepare<[string], { second: number; count: number }>(
      'SELECT second, sum(n) AS count FROM danmaku_density WHERE episode_id = ? AND n > 0 GROUP BY second ORDER BY second',
    ),
    densityOne: db.prepare<[string, string], { second: number; count: number }>(
      'SELECT second, n AS count FROM danmaku_density WHERE episode_id = ? AND platform = ? AND n > 0 ORDER BY second',
    ),
    byAuthor: db.prepare<[number, string, number], DoomedRow>(
      `SELECT id, episode_id, kind, platform, timecode_ms FROM feedback_items
       WHERE series_key = ? AND author = ? LIMIT ?`,
    ),
    byAuthorOn: db.prepare<[number, string, string, number], DoomedRow>(
      `SELECT id, episode_id, kind, platform, timecode_ms FROM feedback_items
       WHERE series_key = ? AND author = ? AND platform = ? LIMIT ?`,
    ),
    // The time key orders by posted-at; posted_at itself keeps items stored before migration 5 exact.
    olderThan: db.prepare<[number, number, number, number], DoomedRow>(
      `SELECT id, episode_id, kind, platform, timecode_ms FROM feedback_items INDEXED BY feedback_fts_key
       WHERE fts_key < CAST(? AS INTEGER) * ${FTS_KEY_SPAN} AND series_key = ? AND posted_at < ? LIMIT ?`,
    ),
  };

  // The sequence part of fts_key follows the item ids, so keys only meet when
  // two items share a millisecond and their ids differ by a multiple of 2^20.
  let sequence = -1;
  const SPAN = BigInt(FTS_KEY_SPAN);

  /**
   * Inserts one item, retrying the rare fts_key collision with the next
   * sequence number. Returns its fts_key (a BigInt: about 2^60, beyond
   * JavaScript's exact numbers), or null when the item was stored before.
   */
  function insertOne(item: NewFeedbackItem, seriesKey: number, external: boolean, posted: number): bigint | null {
    const base = BigInt(posted) * SPAN;
    for (let attempt = 0; ; attempt++) {
      sequence = (sequence + 1) % FTS_KEY_SPAN;
      const ftsKey = base + BigInt(sequence);
      try {
        const info = s.insert.run(
          seriesKey,
          item.episodeId,
          item.kind,
        item.platform,
          external ? item.externalId : null,
        item.parentExternalId,
          posted,
          item.language,
        item.text,
        item.quote,
        item.author,
        item.likes,
        item.replyCount,
        item.timecodeMs,
        JSON.stringify(item.segments),
        JSON.stringify(item.redactions),
        item.importId,
          external ? null : item.contentHash,
          ftsKey,
        );
        return info.changes === 0 ? null : ftsKey;
      } catch (err) {
        if ((err as { code?: unknown }).code !== 'SQLITE_CONSTRAINT_UNIQUE' || attempt >= 100) throw err;
      }
    }
  }

  const insertBatch = db.transaction((items: NewFeedbackItem[], seriesKeys: number[]) => {
    if (sequence < 0) sequence = (s.lastId.get()?.seq ?? 0) % FTS_KEY_SPAN;
    const aggregates = new Aggregates();
    const entries: { key: bigint; text: string }[] = [];
    for (let n = 0; n < items.length; n++) {
      const item = items[n]!;
      const ftsKey = insertOne(item, seriesKeys[n]!, dedupKind(item) === 'external', postedMs(item));
      if (ftsKey === null) continue;
      entries.push({ key: ftsKey, text: indexText(item) });
      aggregates.add(item);
    }
    // FTS5 appends to its in-memory index only while rowids ascend; a smaller
    // rowid flushes it to disk first. Rows of an export come in any time
    // order, so the batch's entries go in sorted: one flush per batch, not per row.
    entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const e of entries) s.insertFts.run(e.key, e.text);
    const inserted = entries.length;
    for (const g of aggregates.counts.values()) s.addCount.run(g.seriesId, g.episodeId, g.kind, g.platform, g.n);
    for (const c of aggregates.density.values()) s.addDensity.run(c.seriesId, c.episodeId, c.platform, c.second, c.n);
    return { inserted, duplicates: items.length - inserted };
  });

  /**
   * Deletes rows with their index entries and takes them out of the counts
   * (and, for erasure, out of the danmaku density), one chunk per transaction.
   */
  const deleteChunk = db.transaction((rows: DoomedRow[], seriesId: string, fromDensity: boolean) => {
    const aggregates = new Aggregates();
    for (const row of rows) {
      samples.forgetItem(row.id);
      s.deleteFts.run(row.id);
      s.deleteItem.run(row.id);
      aggregates.add({
        seriesId,
        episodeId: row.episode_id,
        kind: row.kind,
        platform: row.platform,
        timecodeMs: row.timecode_ms,
      });
    }
    for (const g of aggregates.counts.values()) s.subtractCount.run(g.n, g.seriesId, g.episodeId, g.kind, g.platform);
    s.dropEmptyCounts.run(seriesId);
    if (fromDensity) {
      for (const c of aggregates.density.values()) s.subtractDensity.run(c.n, c.episodeId, c.platform, c.second);
      s.dropEmptyDensity.run(seriesId);
    }
  });

  function deleteAll(select: () => DoomedRow[], seriesId: string, fromDensity: boolean): number {
    let deleted = 0;
    for (;;) {
      const rows = select();
      if (rows.length === 0) {
        // The links that held deleted items get their samples recomputed once, after every chunk [EV18].
        if (deleted > 0) samples.refreshStale();
        return deleted;
      }
      deleteChunk.immediate(rows, seriesId, fromDensity);
      deleted += rows.length;
    }
  }

  return {
    async insertFeedbackBatch(items) {
      if (items.length === 0) return { inserted: 0, duplicates: 0 };
      // Keys first, each committed on its own: see SeriesKeys.get.
      const seriesKeys = items.map((item) => keys.get(item.seriesId, true)!);
      return insertBatch.immediate(items, seriesKeys);
    },
    ...sqliteFeedbackSearch(db, keys),
    async getFeedbackItem(id) {
      const rowId = feedbackRowId(id);
      const row = rowId === null ? undefined : s.get.get(rowId);
      return row ? toFeedbackItem(row) : null;
    },
    async seriesOfFeedbackItem(id) {
      const rowId = feedbackRowId(id);
      return (rowId === null ? undefined : s.seriesOf.get(rowId))?.series_id ?? null;
    },
    async getFeedbackDetail(id) {
      const rowId = feedbackRowId(id);
      const row = rowId === null ? undefined : s.get.get(rowId);
      if (!row) return null;
      const key = s.key.get(row.id)!.series_key;
      const parent = row.parent_external_id === null ? undefined : s.parent.get(key, row.platform, row.parent_external_id);
      const replies = row.external_id === null ? [] : s.replies.all(key, row.platform, row.external_id, MAX_REPLIES);
      return {
        item: toFeedbackItem(row),
        parent: parent ? toFeedbackItem(parent) : null,
        replies: replies.map(toFeedbackItem),
        authorItemCount: s.authorCount.get(key, row.author)!.n,
      };
    },
    async countFeedback(seriesId) {
      return s.seriesCount.get(seriesId)?.n ?? 0;
    },
    async danmakuDensity(episodeId, platform) {
      return platform === undefined ? s.densityAll.all(episodeId) : s.densityOne.all(episodeId, platform);
    },
    async deleteFeedbackByAuthor(seriesId, author, opts) {
      const key = keys.get(seriesId, false);
      if (key === null) return 0;
      const platform = opts?.platform;
      const select =
        platform === undefined
          ? () => s.byAuthor.all(key, author, DELETE_CHUNK)
          : () => s.byAuthorOn.all(key, author, platform, DELETE_CHUNK);
      return deleteAll(select, seriesId, true);
    },
    async deleteFeedbackOlderThan(seriesId, cutoff) {
      const ms = Date.parse(cutoff);
      if (!Number.isFinite(ms)) throw new RangeError(`invalid cutoff ${cutoff}`);
      const key = keys.get(seriesId, false);
      if (key === null) return 0;
      return deleteAll(() => s.olderThan.all(ms, key, ms, DELETE_CHUNK), seriesId, false);
    },
  };
}
