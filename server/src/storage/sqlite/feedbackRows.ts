import type { FeedbackItem, FeedbackKind, RedactionKind } from '@loopline/shared';

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
}

/** The columns a feedback read selects (content_hash stays inside storage). */
export const FEEDBACK_COLUMNS = `id, series_id, episode_id, kind, platform, external_id, parent_external_id, posted_at, language,
  text, quote, author, likes, reply_count, timecode_ms, segments, redactions, import_id`;

/** The same columns qualified with the table alias `i`. */
export const FEEDBACK_COLUMNS_I = FEEDBACK_COLUMNS.split(',')
  .map((c) => `i.${c.trim()}`)
  .join(', ');

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
  };
}
