import type Database from 'better-sqlite3';
import { encodeCursor, pageOptions } from '../feedbackCommon.js';
import type { FeedbackFilter, FeedbackPage, FeedbackStorage } from '../feedbackTypes.js';
import { FEEDBACK_COLUMNS_I, type FeedbackRow, type SeriesKeys, toFeedbackItem } from './feedbackRows.js';
import { FTS_KEY_SPAN, filterToken, hasSearchablePiece, likesToken, matchExpression, segmentToken } from './ftsTokens.js';

type Param = string | number;

/** SQL fragments and their parameters, in order. */
class Clause {
  readonly sql: string[] = [];
  readonly params: Param[] = [];
  add(sql: string, ...params: Param[]): this {
    this.sql.push(sql);
    this.params.push(...params);
    return this;
  }
  /** `AND`-joined, with a leading ` AND ` when not empty. */
  and(): string {
    return this.sql.map((s) => ` AND ${s}`).join('');
  }
}

// Prepared statements by SQL text: a search's shape depends on which filters
// it has, and there are few shapes. Bounded all the same.
const STATEMENT_CACHE = 256;
/** Matches up to which a likes-sorted word search looks up every match and sorts (below: cheaper than walking). */
const LOOK_UP_ALL_MAX = 20_000;

type Row = FeedbackRow & { k: string };

/**
 * Feedback search over SQLite [FB9], built for p95 ≤ 50 ms over a million
 * items [FB20]. Words and every equality filter (series, episode, kind,
 * platform, segment values, "likes at least" thresholds) are tokens in one
 * FTS5 index whose rowid is the item's time key (migration 5):
 * - newest/oldest first: FTS5 yields the matches in rowid order, so the page
 *   is the first 50 that also pass the few SQL-only filters (a timecode
 *   range, an author, a likes bound between thresholds);
 * - a posted-at range is a rowid range;
 * - most liked first: the likes index is walked, keeping rows whose key
 *   matches (a probe of the index per row), when matches are many; when they
 *   are few, every match is looked up and sorted;
 * - the total: the index counts its matches; with SQL-only filters, the
 *   matches are joined and counted; equality filters alone read the counts
 *   kept per (series, episode, kind, platform).
 * Without any token filter, the time key index or the likes index is walked.
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
  const one = (sql: string, params: Param[]) => Number((prepare(sql).get(...params) as { n: number | null } | undefined)?.n ?? 0);
  const all = (sql: string, params: Param[]) => prepare(sql).all(...params) as Row[];
  const seriesWithFeedback = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM feedback_series');

  function search(filter: FeedbackFilter): FeedbackPage {
    const { sort, order, limit, cursor } = pageOptions(filter);
    const seriesKey = keys.get(filter.seriesId, false);
    if (seriesKey === null) return { items: [], total: 0, nextCursor: null };
    const dir = order === 'desc' ? 'DESC' : 'ASC';
    const cmp = order === 'desc' ? '<' : '>';
    const terms = hasSearchablePiece(filter.terms ?? []) ? (filter.terms ?? []) : [];
    const segments = Object.entries(filter.segments ?? {});

    // Token filters.
    const tokens: string[] = [];
    if (filter.episodeId !== undefined) tokens.push(filterToken('episode', filter.episodeId));
    if (filter.kind !== undefined) tokens.push(filterToken('kind', filter.kind));
    if (filter.platform !== undefined) tokens.push(filterToken('platform', filter.platform));
    for (const [name, value] of segments) tokens.push(segmentToken(name, value));
    const likes = filter.minLikes === undefined ? null : likesToken(filter.minLikes);
    if (likes) tokens.push(likes.token);
    const useIndex = terms.length > 0 || tokens.length > 0;
    // With one series in the index, every entry is that series': its token would only cost time.
    if (useIndex && seriesWithFeedback.get()!.n > 1) tokens.push(filterToken('series', filter.seriesId));
    const match = useIndex ? matchExpression(terms, tokens)! : null;

    // Filters only SQL can check, in every plan.
    const residual = new Clause();
    if (likes && !likes.exact) residual.add('ifnull(i.likes, -1) >= ?', filter.minLikes!);
    if (filter.timecodeFromMs !== undefined) residual.add('i.timecode_ms >= ?', filter.timecodeFromMs);
    if (filter.timecodeToMs !== undefined) residual.add('i.timecode_ms <= ?', filter.timecodeToMs);
    if (filter.author !== undefined) residual.add('i.author = ?', filter.author);
    if (filter.coordinated !== undefined) residual.add('i.coordinated = ?', filter.coordinated ? 1 : 0);

    // A posted-at range is a range of time keys: [from × span, to × span).
    const range = (column: string) => {
      const c = new Clause();
      if (filter.postedFrom !== undefined) c.add(`${column} >= CAST(? AS INTEGER) * ${FTS_KEY_SPAN}`, ms(filter.postedFrom));
      if (filter.postedTo !== undefined) c.add(`${column} < CAST(? AS INTEGER) * ${FTS_KEY_SPAN}`, ms(filter.postedTo));
      return c;
    };
    const hasRange = filter.postedFrom !== undefined || filter.postedTo !== undefined;

    // --- total
    let total: number;
    const onlyEqualities = terms.length === 0 && segments.length === 0 && !likes && residual.sql.length === 0 && !hasRange;
    if (onlyEqualities) {
      const counted = new Clause().add('series_id = ?', filter.seriesId);
      if (filter.episodeId !== undefined) counted.add('episode_id = ?', filter.episodeId);
      if (filter.kind !== undefined) counted.add('kind = ?', filter.kind);
      if (filter.platform !== undefined) counted.add('platform = ?', filter.platform);
      total = one(`SELECT sum(n) AS n FROM feedback_counts WHERE ${counted.sql.join(' AND ')}`, counted.params);
    } else if (match !== null) {
      const r = range('f.rowid');
      total =
        residual.sql.length === 0
          ? one(`SELECT count(*) AS n FROM feedback_fts f WHERE f.feedback_fts MATCH ?${r.and()}`, [match, ...r.params])
          : one(
              `SELECT count(*) AS n FROM feedback_fts f CROSS JOIN feedback_items i ON i.fts_key = f.rowid
               WHERE f.feedback_fts MATCH ?${r.and()}${residual.and()}`,
              [match, ...r.params, ...residual.params],
            );
    } else {
      const r = range('i.fts_key');
      const index = hasRange ? ' INDEXED BY feedback_fts_key' : '';
      total = one(`SELECT count(*) AS n FROM feedback_items i${index} WHERE i.series_key = ?${r.and()}${residual.and()}`, [
        seriesKey,
        ...r.params,
        ...residual.params,
      ]);
    }

    // --- page
    let rows: Row[] = [];
    const cols = `${FEEDBACK_COLUMNS_I}, CAST(i.fts_key AS TEXT) AS k`;
    if (total === 0) {
      rows = [];
    } else if (sort === 'time') {
      const after = cursor ? ` AND %K ${cmp} CAST(? AS INTEGER)` : '';
      const afterParams = cursor ? [String(cursor.value)] : [];
      if (match !== null) {
        const r = range('f.rowid');
        rows = all(
          `SELECT ${cols} FROM feedback_fts f CROSS JOIN feedback_items i ON i.fts_key = f.rowid
           WHERE f.feedback_fts MATCH ?${r.and()}${after.replace('%K', 'f.rowid')}${residual.and()}
           ORDER BY f.rowid ${dir} LIMIT ?`,
          [match, ...r.params, ...afterParams, ...residual.params, limit + 1],
        );
      } else {
        const r = range('i.fts_key');
        rows = all(
          `SELECT ${cols} FROM feedback_items i INDEXED BY feedback_fts_key
           WHERE i.series_key = ?${r.and()}${after.replace('%K', 'i.fts_key')}${residual.and()}
           ORDER BY i.fts_key ${dir} LIMIT ?`,
          [seriesKey, ...r.params, ...afterParams, ...residual.params, limit + 1],
        );
      }
    } else {
      const keyset = new Clause();
      if (cursor) keyset.add(`(ifnull(i.likes, -1), i.id) ${cmp} (?, ?)`, Number(cursor.value), cursor.id);
      const orderBy = `ORDER BY ifnull(i.likes, -1) ${dir}, i.id ${dir}`;
      const walk = (extra: Clause, budget: number | null) => {
        const r = range('i.fts_key');
        const inner = `SELECT ${cols} FROM feedback_items i INDEXED BY feedback_likes
          WHERE i.series_key = ?${r.and()}${keyset.and()} ${orderBy}${budget === null ? '' : ` LIMIT ${budget}`}`;
        const base = [seriesKey, ...r.params, ...keyset.params];
        // The filters apply to the walked rows, outside the budgeted walk.
        const outerResidual = residual.sql.map((s) => s.replaceAll('i.', 'w.'));
        const outerExtra = extra.sql.map((s) => s.replaceAll('i.fts_key', 'w.k'));
        const where = [...outerResidual, ...outerExtra];
        return all(
          `SELECT * FROM (${inner}) w${where.length ? ` WHERE ${where.join(' AND ')}` : ''} LIMIT ?`,
          [...base, ...residual.params, ...extra.params, limit + 1],
        );
      };
      if (match === null) {
        rows = walk(new Clause(), null);
      } else {
        // Walking the likes index finds the page after about limit × series size / matches rows.
        const seriesSize = one('SELECT sum(n) AS n FROM feedback_counts WHERE series_id = ?', [filter.seriesId]);
        const matches = residual.sql.length === 0 ? total : one(`SELECT count(*) AS n FROM feedback_fts f WHERE f.feedback_fts MATCH ?`, [match]);
        if (matches > LOOK_UP_ALL_MAX) {
          const budget = Math.min(200_000, Math.ceil(((limit + 1) * seriesSize * 4) / Math.max(1, total)));
          const probe = new Clause().add('EXISTS (SELECT 1 FROM feedback_fts f WHERE f.feedback_fts MATCH ? AND f.rowid = CAST(i.fts_key AS INTEGER))', match);
          rows = walk(probe, budget);
        }
        // Few matches, or the walk ran out of budget (or reached the end): look every match up and sort.
        if (rows.length <= limit) {
          const r = range('f.rowid');
          rows = all(
            `SELECT ${cols} FROM (SELECT f.rowid AS key FROM feedback_fts f WHERE f.feedback_fts MATCH ?${r.and()}) m
             CROSS JOIN feedback_items i ON i.fts_key = m.key WHERE 1${residual.and()}${keyset.and()} ${orderBy} LIMIT ?`,
            [match, ...r.params, ...residual.params, ...keyset.params, limit + 1],
          );
        }
      }
    }

    const more = rows.length > limit;
    const items = (more ? rows.slice(0, limit) : rows).map(toFeedbackItem);
    const last = more ? rows[limit - 1] : undefined;
    const nextCursor = last ? encodeCursor({ sort, order, value: sort === 'time' ? last.k : (last.likes ?? -1), id: last.id }) : null;
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
