import type { FeedbackItem, FeedbackKind, RedactionKind } from '@loopline/shared';
import type Database from 'better-sqlite3';

/** A feedback_items row as better-sqlite3 returns it. */
export interface FeedbackRow {
  id: number;
  series_id: string;
  episode_id: string | null;
  kind: string;
  platform: string;
  external_id: string | null;
  parent_external_id: string | null;
  posted_at: number;
  language: string | null;
  text: string;
  quote: string | null;
  author: string;
  likes: number | null;
  reply_count: number | null;
  timecode_ms: number | null;
  segments: string;
  redactions: string;
  import_id: string | null;
  coordinated: number;
}

/**
 * The columns a feedback read selects, from `feedback_items i` (content_hash
 * stays inside storage). Items name their series by a small key; the id is
 * looked up per returned row (pages are at most 500 rows).
 */
export const FEEDBACK_COLUMNS_I = `i.id, (SELECT series_id FROM feedback_series WHERE key = i.series_key) AS series_id, i.episode_id,
  i.kind, i.platform, i.external_id, i.parent_external_id, i.posted_at, i.language, i.text, i.quote, i.author, i.likes,
  i.reply_count, i.timecode_ms, i.segments, i.redactions, i.import_id, i.coordinated`;

/** Maps series ids to the small integer keys feedback items carry, with a cache (series are never deleted). */
export class SeriesKeys {
  private readonly cache = new Map<string, number>();
  private readonly find: Database.Statement<[string], { key: number }>;
  private readonly add: Database.Statement<[string]>;
  constructor(db: Database.Database) {
    this.find = db.prepare('SELECT key FROM feedback_series WHERE series_id = ?');
    this.add = db.prepare('INSERT INTO feedback_series (series_id) VALUES (?) ON CONFLICT (series_id) DO NOTHING');
  }
  /**
   * The key of a series; with `create`, one is made when the series has none.
   * Creation commits on its own, outside any batch transaction, so a cached
   * key always names a stored row even when a batch rolls back.
   */
  get(seriesId: string, create: boolean): number | null {
    const cached = this.cache.get(seriesId);
    if (cached !== undefined) return cached;
    let row = this.find.get(seriesId);
    if (!row && create) {
      this.add.run(seriesId);
      row = this.find.get(seriesId);
    }
    if (!row) return null;
    this.cache.set(seriesId, row.key);
    return row.key;
  }
}

function parseSegments(text: string): Record<string, string> {
  const value: unknown = JSON.parse(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) out[k] = String(v);
  return out;
}

/** Maps a feedback row to the domain type. */
export function toFeedbackItem(row: FeedbackRow): FeedbackItem {
  return {
    id: String(row.id),
    seriesId: row.series_id,
    episodeId: row.episode_id,
    kind: row.kind as FeedbackKind,
    platform: row.platform,
    externalId: row.external_id,
    parentExternalId: row.parent_external_id,
    postedAt: new Date(row.posted_at).toISOString(),
    language: row.language,
    text: row.text,
    quote: row.quote,
    author: row.author,
    likes: row.likes,
    replyCount: row.reply_count,
    timecodeMs: row.timecode_ms,
    segments: parseSegments(row.segments),
    redactions: JSON.parse(row.redactions) as RedactionKind[],
    importId: row.import_id,
    coordinated: row.coordinated !== 0,
  };
}
