import { hash } from 'node:crypto';
import type { ColumnMapping, FeedbackKind, RowError } from '@loopline/shared';
import { defaultUtcOffset, guessLanguage, normalizeSegment, parseKind, platformSlug } from './labels.js';
import { SEGMENT_VALUE_CAP, TEXT_CAP } from './limits.js';
import { keyedHash, normalizeHandle } from './pseudonym.js';
import type { NormalizedFeedback, RawRow, RawValue } from './types.js';
import { parseCount, parseDateTime, parseEpisodeNumber, parseTimecode, str } from './values.js';

/** Outcome of normalizing one row: the item, or every problem found (line + column + reason). */
export type NormalizeResult<T> = { ok: true; item: T } | { ok: false; errors: RowError[] };

/** What every normalizer needs besides the row. */
export interface RowContext {
  mapping: ColumnMapping;
  /** Platform chosen at import; a mapped platform column wins per row. */
  platform: string | null;
  /**
   * Resolves an episode column value (number or title) to an episode id. Called
   * only with a non-empty value; `undefined` means unknown episode (row error).
   */
  resolveEpisode: (value: string | null) => string | null | undefined;
  /** Episode for rows without an episode column value. */
  defaultEpisodeId: string | null;
  now: Date;
  /** Offset for date-times without a zone; default from the platform (UTC+8 for Chinese platforms). */
  utcOffsetMinutes?: number;
}

/** Context of `normalizeFeedbackRow`. */
export interface FeedbackContext extends RowContext {
  /** Kind chosen at import; a mapped kind column wins per row. */
  kind?: FeedbackKind;
  /**
   * The series secret. When given, the content hash is an HMAC keyed with it,
   * so the stored dedup key cannot be used to test guesses of who wrote what [IN16].
   */
  seriesSecret?: Uint8Array;
}

/** Collects row problems and reads mapped values. */
export class RowReader {
  readonly errors: RowError[] = [];
  constructor(
    readonly row: RawRow,
    private readonly mapping: ColumnMapping,
  ) {}

  /** The raw value of a mapped field (undefined when the field is not mapped). */
  raw(field: string): RawValue | undefined {
    const col = this.mapping[field];
    return col === undefined ? undefined : this.row.fields[col];
  }

  /** The column a field maps to, for error reports (the field name when unmapped). */
  column(field: string): string {
    return this.mapping[field] ?? field;
  }

  fail(field: string | null, reason: string): void {
    this.errors.push({ line: this.row.line, column: field === null ? null : this.column(field), reason });
  }

  /** Applies a parser to a field; records the reason and returns null on failure. */
  parse<T>(field: string, p: { ok: true; value: T } | { ok: false; reason: string }): T | null {
    if (p.ok) return p.value;
    this.fail(field, p.reason);
    return null;
  }
}

/** Resolves platform (column, else import choice) and episode (column, else import choice). */
export function commonFields(r: RowReader, ctx: RowContext, episodeRequired: boolean): { platform: string | null; episodeId: string | null } {
  let platform = ctx.platform === null || ctx.platform === '' ? null : platformSlug(ctx.platform);
  const pv = str(r.raw('platform'));
  if (pv !== null) {
    platform = platformSlug(pv);
    if (platform === null) r.fail('platform', `not a platform: ${JSON.stringify(pv.slice(0, 40))}`);
  } else if (platform === null) r.fail('platform', 'platform missing: map a platform column or choose the platform at import');
  let episodeId = ctx.defaultEpisodeId;
  const ev = str(r.raw('episode'));
  if (ev !== null) {
    let id = ctx.resolveEpisode(ev);
    // A label like 第12集 or EP12: try its number too, so resolvers need only know numbers and titles.
    const n = parseEpisodeNumber(ev);
    if (id === undefined && n !== null && String(n) !== ev) id = ctx.resolveEpisode(String(n));
    if (id === undefined) r.fail('episode', `unknown episode: ${JSON.stringify(ev.slice(0, 60))}`);
    else episodeId = id;
  } else if (episodeRequired && episodeId === null) r.fail('episode', 'episode missing: map an episode column or choose the episode at import');
  return { platform, episodeId };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point here
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Removes control characters (keeping tab and newline) and unifies line ends; trims. */
export function cleanText(s: string): string {
  if (!CONTROL.test(s)) return s.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point here
  return s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim();
}

/**
 * Maps and validates one feedback row [IN11–IN16]. Every problem of the row is
 * reported (line, the file's column name, reason), not only the first.
 * Text is returned unredacted and the handle raw: pass the item to
 * `privatizeFeedback` before storing anything.
 */
export function normalizeFeedbackRow(row: RawRow, ctx: FeedbackContext): NormalizeResult<NormalizedFeedback> {
  if (row.error !== undefined) return { ok: false, errors: [{ line: row.line, column: row.column ?? null, reason: row.error }] };
  const r = new RowReader(row, ctx.mapping);
  const { platform, episodeId } = commonFields(r, ctx, false);

  const timecodeMs = r.parse('timecode', parseTimecode(r.raw('timecode'), r.column('timecode')));
  let kind: FeedbackKind = ctx.kind ?? (timecodeMs !== null ? 'danmaku' : 'comment');
  const kv = str(r.raw('kind'));
  if (kv !== null) {
    const k = parseKind(kv);
    if (k === null) r.fail('kind', `unknown kind: ${JSON.stringify(kv.slice(0, 40))} (comment, danmaku, repost, mention)`);
    else kind = k;
  }

  const text = cleanText(str(r.raw('text')) ?? '');
  const quoteRaw = str(r.raw('quote'));
  const quote = quoteRaw === null ? null : cleanText(quoteRaw) || null;
  if (text === '' && !(kind === 'repost' && quote !== null)) r.fail('text', 'text missing');
  if (text.length > TEXT_CAP) r.fail('text', `text longer than ${TEXT_CAP} characters (${text.length})`);
  if (quote !== null && quote.length > TEXT_CAP) r.fail('quote', `quote longer than ${TEXT_CAP} characters`);

  const offset = ctx.utcOffsetMinutes ?? defaultUtcOffset(platform);
  const postedAt = r.parse('postedAt', parseDateTime(r.raw('postedAt'), offset, ctx.now));
  const likes = r.parse('likes', parseCount(r.raw('likes')));
  const replyCount = r.parse('replyCount', parseCount(r.raw('replyCount')));

  const languageRaw = str(r.raw('language'));
  let language = languageRaw === null ? guessLanguage(text || (quote ?? '')) : languageRaw.toLowerCase().replace('_', '-');
  if (language !== null && !/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(language)) {
    r.fail('language', `not a language tag: ${JSON.stringify(languageRaw?.slice(0, 20))}`);
    language = null;
  }

  const segments: Record<string, string> = {};
  for (const [field, name, col] of segmentColumns(ctx.mapping)) {
    const v = str(row.fields[col]);
    if (v === null) continue;
    if (v.length > SEGMENT_VALUE_CAP) r.fail(field, `segment value longer than ${SEGMENT_VALUE_CAP} characters`);
    else segments[name] = normalizeSegment(name, v);
  }

  const authorHandle = cleanText(str(r.raw('author')) ?? '');
  const externalId = idValue(r, 'externalId');
  const parentExternalId = idValue(r, 'parentExternalId');

  // platform and postedAt are null only when their failure is already recorded.
  if (r.errors.length > 0 || platform === null || postedAt === null) return { ok: false, errors: r.errors };
  const contentHash = feedbackHash([platform, kind, episodeId, normalizeHandle(authorHandle), postedAt, text, quote, timecodeMs], ctx.seriesSecret);
  return {
    ok: true,
    item: { episodeId, kind, platform, externalId, parentExternalId, postedAt, language, text, quote, likes, replyCount, timecodeMs, segments, authorHandle, contentHash },
  };
}

const segmentCache = new WeakMap<ColumnMapping, [field: string, name: string, column: string][]>();

/** The `segment.<name>` entries of a mapping, computed once per mapping object. */
function segmentColumns(mapping: ColumnMapping): [string, string, string][] {
  let list = segmentCache.get(mapping);
  if (!list) {
    list = Object.entries(mapping)
      .filter(([f]) => f.startsWith('segment.') && f.length > 8)
      .map(([f, c]) => [f, f.slice(8), c]);
    segmentCache.set(mapping, list);
  }
  return list;
}

/** Ids are opaque strings; very long ones are refused (they would bloat the dedup index). */
function idValue(r: RowReader, field: string): string | null {
  const v = str(r.raw(field));
  if (v === null) return null;
  if (v.length > 128) {
    r.fail(field, 'id longer than 128 characters');
    return null;
  }
  return v;
}

/** sha256 (or HMAC-SHA256 keyed per series) over the identifying fields, hex. */
function feedbackHash(parts: unknown[], secret: Uint8Array | undefined): string {
  const data = JSON.stringify(parts);
  return secret ? keyedHash(secret, data) : hash('sha256', data, 'hex');
}
