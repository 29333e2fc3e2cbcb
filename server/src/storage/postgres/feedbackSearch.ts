import type { Pool } from 'pg';
import { encodeCursor, pageOptions } from '../feedbackCommon.js';
import type { FeedbackStorage } from '../feedbackTypes.js';
import { FEEDBACK_COLUMNS, type FeedbackRow, toFeedbackItem } from './feedbackRows.js';

/**
 * Feedback search over PostgreSQL [FB9]: one WHERE clause of plain
 * predicates (words through the GIN-indexed tsvector, segments through jsonb
 * containment), an exact count, and a keyset page on (sort key, id).
 */
export function postgresFeedbackSearch(pool: Pool): Pick<FeedbackStorage, 'searchFeedback'> {
  return {
    async searchFeedback(filter) {
      const { sort, order, limit, cursor } = pageOptions(filter);
      const params: unknown[] = [];
      const p = (value: unknown) => {
        params.push(value);
        return `$${params.length}`;
      };
      const where: string[] = [`series_id = ${p(filter.seriesId)}`];
      const words = (filter.terms ?? []).map((t) => t.trim()).filter((t) => t !== '');
      if (words.length > 0) where.push(`search @@ plainto_tsquery('simple', ${p(words.join(' '))})`);
      if (filter.episodeId !== undefined) where.push(`episode_id = ${p(filter.episodeId)}`);
      if (filter.kind !== undefined) where.push(`kind = ${p(filter.kind)}`);
      if (filter.platform !== undefined) where.push(`platform = ${p(filter.platform)}`);
      if (filter.segments && Object.keys(filter.segments).length > 0) where.push(`segments @> ${p(JSON.stringify(filter.segments))}::jsonb`);
      if (filter.postedFrom !== undefined) where.push(`posted_at >= ${p(iso(filter.postedFrom))}`);
      if (filter.postedTo !== undefined) where.push(`posted_at < ${p(iso(filter.postedTo))}`);
      if (filter.minLikes !== undefined) where.push(`likes >= ${p(filter.minLikes)}`);
      if (filter.timecodeFromMs !== undefined) where.push(`timecode_ms >= ${p(filter.timecodeFromMs)}`);
      if (filter.timecodeToMs !== undefined) where.push(`timecode_ms <= ${p(filter.timecodeToMs)}`);
      if (filter.author !== undefined) where.push(`author = ${p(filter.author)}`);
      if (filter.coordinated !== undefined) where.push(`coordinated = ${p(filter.coordinated)}`);

      const countParams = [...params];
      const countSql = `SELECT count(*)::bigint AS n FROM feedback_items WHERE ${where.join(' AND ')}`;

      const sortExpr = sort === 'time' ? 'posted_at' : 'coalesce(likes, -1)';
      const dir = order === 'desc' ? 'DESC' : 'ASC';
      if (cursor) {
        const value = sort === 'time' ? `${p(new Date(cursor.value).toISOString())}::timestamptz` : p(cursor.value);
        where.push(`(${sortExpr}, id) ${order === 'desc' ? '<' : '>'} (${value}, ${p(cursor.id)})`);
      }
      const pageSql = `SELECT ${FEEDBACK_COLUMNS} FROM feedback_items WHERE ${where.join(' AND ')}
        ORDER BY ${sortExpr} ${dir}, id ${dir} LIMIT ${p(limit + 1)}`;

      const [count, page] = await Promise.all([
        pool.query<{ n: string }>(countSql, countParams),
        pool.query<FeedbackRow>(pageSql, params),
      ]);
      const rows = page.rows;
      const more = rows.length > limit;
      const items = (more ? rows.slice(0, limit) : rows).map(toFeedbackItem);
      const last = more ? items[limit - 1] : undefined;
      const nextCursor = last
        ? encodeCursor({ sort, order, value: sort === 'time' ? Date.parse(last.postedAt) : (last.likes ?? -1), id: Number(last.id) })
        : null;
      return { items, total: Number(count.rows[0]!.n), nextCursor };
    },
  };
}

function iso(value: string): string {
  if (!Number.isFinite(Date.parse(value))) throw new RangeError(`invalid timestamp ${value}`);
  return value;
}
