import type { FeedbackItem, FeedbackKind, RedactionKind } from '@loopline/shared';

/** A feedback_items row as node-postgres returns it (bigint as string, timestamptz as Date, jsonb parsed). */
export interface FeedbackRow {
  id: string;
  series_id: string;
  episode_id: string | null;
  kind: string;
  platform: string;
  external_id: string | null;
  parent_external_id: string | null;
  posted_at: Date;
  language: string | null;
  text: string;
  quote: string | null;
  author: string;
  likes: string | null;
  reply_count: string | null;
  timecode_ms: string | null;
  segments: Record<string, unknown>;
  redactions: unknown[];
  import_id: string | null;
  coordinated: boolean;
}

/** The columns a feedback read selects (content_hash and the tsvector stay inside storage). */
export const FEEDBACK_COLUMNS = `id, series_id, episode_id, kind, platform, external_id, parent_external_id, posted_at, language,
  text, quote, author, likes, reply_count, timecode_ms, segments, redactions, import_id, coordinated`;

const num = (v: string | null): number | null => (v === null ? null : Number(v));

/** Maps a feedback row to the domain type. */
export function toFeedbackItem(row: FeedbackRow): FeedbackItem {
  const segments: Record<string, string> = {};
  for (const [k, v] of Object.entries(row.segments ?? {})) segments[k] = String(v);
  return {
    id: String(row.id),
    seriesId: row.series_id,
    episodeId: row.episode_id,
    kind: row.kind as FeedbackKind,
    platform: row.platform,
    externalId: row.external_id,
    parentExternalId: row.parent_external_id,
    postedAt: row.posted_at.toISOString(),
    language: row.language,
    text: row.text,
    quote: row.quote,
    author: row.author,
    likes: num(row.likes),
    replyCount: num(row.reply_count),
    timecodeMs: num(row.timecode_ms),
    segments,
    redactions: (row.redactions ?? []) as RedactionKind[],
    importId: row.import_id,
    coordinated: row.coordinated,
  };
}
