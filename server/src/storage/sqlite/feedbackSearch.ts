import type Database from 'better-sqlite3';
import { encodeCursor, pageOptions } from '../feedbackCommon.js';
import type { FeedbackFilter, FeedbackPage, FeedbackStorage } from '../feedbackTypes.js';
import { FEEDBACK_COLUMNS_I, type FeedbackRow, type SeriesKeys, toFeedbackItem } from './feedbackRows.js';
import { filterToken, hasSearchablePiece, matchExpression, segmentToken } from './ftsTokens.js';

type Param = string | number;

/** A WHERE clause under construction: SQL fragments and their parameters, in order. */
class Where {
  readonly sql: string[] = [];
  readonly params: Param[] = [];
  add(sql: string, ...params: Param[]): void {
    this.sql.push(sql);
    this.params.push(...params);
  }
  text(): string {
    return this.sql.join(' AND ');
  }
}

// Prepared statements by SQL text: a search's shape depends on which filters
// it has, and there are few shapes. Bounded all the same.
const STATEMENT_CACHE = 256;

/**
 * Feedback search over SQLite [FB9], within the p95 ≤ 50 ms budget on a
 * million items [FB20]:
 * - without words or segment filters, the page is read in order from the
 *   sort index and `total` comes from the cached counts (or, with a range
 *   filter, from a count over the index);
 * - with words or segment filters, FTS5 answers both which items match and
 *   how many (filter tokens for series, episode, kind, platform and segments
 *   are in the index). For the page, two plans: look up every match and
 *   sort them (cheap when matches are few), or walk the sort index and keep
 *   the rows that match (cheap when matches are many: the first page is found
 *   after about limit × series size / matches rows). The cheaper one by that
 *   estimate runs.
 */
export function sqliteFeedbackSearch(db: Database.Database, keys: SeriesKeys): Pick<FeedbackStorage, 'searchFeedback'> {
  const cache = new Map<string, Database.Statement<Param[]>>();
  function prepare(sql: string): Database.Statement<Param[]> {
    let stmt = cache.get(sql);
    if (!stmt) {
      if (cache.size >= STATEMENT_CACHE) cache.clear();
      stmt = db.prepare<Param[]>(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  }
  const one = (sql: string, params: Param[]) => (prepare(sql).get(...params) as { n: number | null } | undefined)?.n ?? 0;

  function search(filter: FeedbackFilter): FeedbackPage {
    const { sort, order, limit, cursor } = pageOptions(filter);
    const sortExpr = sort === 'time' ? 'i.posted_at' : 'ifnull(i.likes, -1)';
    const index = sort === 'time' ? 'feedback_time' : 'feedback_likes';
    const dir = order === 'desc' ? 'DESC' : 'ASC';
    const segments = Object.entries(filter.segments ?? {});
    const terms = filter.terms ?? [];
    const useFts = hasSearchablePiece(terms) || segments.length > 0;
    const seriesKey = keys.get(filter.seriesId, false);
    if (seriesKey === null) return { items: [], total: 0, nextCursor: null };

    // Equality filters: FTS tokens when the index is used anyway, else SQL.
    const where = new Where();
    where.add('i.series_key = ?', seriesKey);
    const tokens: string[] = [];
    const counted = new Where(); // the same equality filters over feedback_counts
    counted.add('series_id = ?', filter.seriesId);
    const equal = (field: 'episode' | 'kind' | 'platform', column: string, value: string | undefined) => {
      if (value === undefined) return;
      if (useFts) tokens.push(filterToken(field, value));
      else where.add(`i.${column} = ?`, value);
      counted.add(`${column} = ?`, value);
    };
    equal('episode', 'episode_id', filter.episodeId);
    equal('kind', 'kind', filter.kind);
    equal('platform', 'platform', filter.platform);
    if (useFts) {
      tokens.push(filterToken('series', filter.seriesId));
      for (const [name, value] of segments) tokens.push(segmentToken(name, value));
    }

    // Range filters and the author are SQL predicates in every plan.
    const ranges = where.sql.length;
    if (filter.postedFrom !== undefined) where.add('i.posted_at >= ?', ms(filter.postedFrom));
    if (filter.postedTo !== undefined) where.add('i.posted_at < ?', ms(filter.postedTo));
    if (filter.minLikes !== undefined) where.add('i.likes >= ?', filter.minLikes);
    if (filter.timecodeFromMs !== undefined) where.add('i.timecode_ms >= ?', filter.timecodeFromMs);
    if (filter.timecodeToMs !== undefined) where.add('i.timecode_ms <= ?', filter.timecodeToMs);
    if (filter.author !== undefined) where.add('i.author = ?', filter.author);
    const hasRanges = where.sql.length > ranges;

    const page = new Where();
    page.sql.push(...where.sql);
    page.params.push(...where.params);
    if (cursor) page.add(`(${sortExpr}, i.id) ${order === 'desc' ? '<' : '>'} (?, ?)`, cursor.value, cursor.id);
    const orderBy = `ORDER BY ${sortExpr} ${dir}, i.id ${dir} LIMIT ?`;

    let total: number;
    let rows: FeedbackRow[];
    if (!useFts) {
      total = hasRanges
        ? one(`SELECT count(*) AS n FROM feedback_items i WHERE ${where.text()}`, where.params)
        : one(`SELECT sum(n) AS n FROM feedback_counts WHERE ${counted.text()}`, counted.params);
      rows = prepare(`SELECT ${FEEDBACK_COLUMNS_I} FROM feedback_items i WHERE ${page.text()} ${orderBy}`).all(
        ...page.params,
        limit + 1,
      ) as FeedbackRow[];
    } else {
      const match = matchExpression(terms, tokens)!;
      const matches = one('SELECT count(*) AS n FROM feedback_fts WHERE feedback_fts MATCH ?', [match]);
      total = hasRanges
        ? one(
            `SELECT count(*) AS n FROM feedback_fts f CROSS JOIN feedback_items i ON i.id = f.rowid
             WHERE f.feedback_fts MATCH ? AND ${where.text()}`,
            [match, ...where.params],
          )
        : matches;
      if (matches === 0) {
        rows = [];
      } else {
        const seriesSize = one('SELECT sum(n) AS n FROM feedback_counts WHERE series_id = ?', [filter.seriesId]);
        // Estimated row visits of each plan (see the doc comment); building the
        // IN set costs about a third of a lookup per match.
        const lookUpAll = matches;
        const walkIndex = matches / 3 + ((limit + 1) * seriesSize) / matches;
        rows = (
          lookUpAll <= walkIndex
            ? prepare(
                `SELECT ${FEEDBACK_COLUMNS_I} FROM (SELECT rowid AS id FROM feedback_fts WHERE feedback_fts MATCH ?) m
                 CROSS JOIN feedback_items i ON i.id = m.id WHERE ${page.text()} ${orderBy}`,
              ).all(match, ...page.params, limit + 1)
            : prepare(
                `SELECT ${FEEDBACK_COLUMNS_I} FROM feedback_items i INDEXED BY ${index}
                 WHERE ${page.text()} AND i.id IN (SELECT rowid FROM feedback_fts WHERE feedback_fts MATCH ?) ${orderBy}`,
              ).all(...page.params, match, limit + 1)
        ) as FeedbackRow[];
      }
    }

    const more = rows.length > limit;
    const items = (more ? rows.slice(0, limit) : rows).map(toFeedbackItem);
    const last = more ? rows[limit - 1] : undefined;
    const nextCursor = last
      ? encodeCursor({ sort, order, value: sort === 'time' ? last.posted_at : (last.likes ?? -1), id: last.id })
      : null;
    return { items, total, nextCursor };
  }

  return {
    async searchFeedback(filter) {
      return search(filter);
    },
  };
}

function ms(iso: string): number {
  const value = Date.parse(iso);
  if (!Number.isFinite(value)) throw new RangeError(`invalid timestamp ${iso}`);
  return value;
}
