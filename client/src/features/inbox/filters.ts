import type { FeedbackKind } from '@loopline/shared';
import type { FeedbackQuery } from '../../api/feedback';

/** What the filter bar's inputs hold (strings, as typed), before it becomes a query. */
export interface FilterForm {
  q: string;
  episodeId: string;
  kind: FeedbackKind | '';
  platform: string;
  /** `datetime-local` values, in the user's time zone. */
  from: string;
  to: string;
  minLikes: string;
  /** Danmaku timecodes as `m:ss`, `h:mm:ss` or plain seconds. */
  timecodeFrom: string;
  timecodeTo: string;
  region: string;
  /** Stored segment values are `yes` / `no` whatever the export said (ingest normalizes them [IN14]). */
  paying: '' | 'yes' | 'no';
  viewerType: '' | 'new' | 'returning';
  /** Custom segment filters as `key=value` pairs separated by commas, semicolons or new lines. */
  custom: string;
  /** Coordinated traffic: shown (''), left out or shown alone. */
  coordinated: '' | 'exclude' | 'only';
  sort: 'time' | 'likes';
  order: 'desc' | 'asc';
}

/** The filters of a fresh inbox: everything, newest first. */
export const EMPTY_FILTERS: FilterForm = {
  q: '',
  episodeId: '',
  kind: '',
  platform: '',
  from: '',
  to: '',
  minLikes: '',
  timecodeFrom: '',
  timecodeTo: '',
  region: '',
  paying: '',
  viewerType: '',
  custom: '',
  coordinated: '',
  sort: 'time',
  order: 'desc',
};

/** Parses `1:05`, `0:01:05` or `65` (seconds) into seconds; anything else is undefined. */
export function parseTimecode(text: string): number | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  if (!/^\d+(:\d{1,2}){0,2}(\.\d+)?$/.test(value)) return undefined;
  return value.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

/** Parses `key=value` pairs (comma, semicolon or newline separated); pairs without a key or value are skipped. */
export function parseSegments(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(/[,;\n]/)) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const key = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    if (key !== '' && value !== '') out[key] = value;
  }
  return out;
}

function isoOf(local: string): string | undefined {
  if (local === '') return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function count(text: string): number | undefined {
  const value = text.trim();
  if (value === '' || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/**
 * Turns the filter bar into the API query [UF8]: blank fields are left out,
 * dates become ISO instants, timecodes seconds; the well-known segments
 * (region, paying, viewerType) join the custom `key=value` pairs and
 * override a custom pair with the same key.
 */
export function toFeedbackQuery(form: FilterForm): FeedbackQuery {
  const segments: Record<string, string> = { ...parseSegments(form.custom) };
  if (form.region.trim() !== '') segments.region = form.region.trim();
  if (form.paying !== '') segments.paying = form.paying;
  if (form.viewerType !== '') segments.viewerType = form.viewerType;
  const query: FeedbackQuery = { sort: form.sort, order: form.order };
  const q = form.q.trim();
  if (q !== '') query.q = q;
  if (form.episodeId !== '') query.episodeId = form.episodeId;
  if (form.kind !== '') query.kind = form.kind;
  if (form.platform !== '') query.platform = form.platform;
  const from = isoOf(form.from);
  if (from) query.from = from;
  const to = isoOf(form.to);
  if (to) query.to = to;
  const minLikes = count(form.minLikes);
  if (minLikes !== undefined) query.minLikes = minLikes;
  const tcFrom = parseTimecode(form.timecodeFrom);
  if (tcFrom !== undefined) query.timecodeFrom = tcFrom;
  const tcTo = parseTimecode(form.timecodeTo);
  if (tcTo !== undefined) query.timecodeTo = tcTo;
  if (Object.keys(segments).length > 0) query.segments = segments;
  if (form.coordinated !== '') query.coordinated = form.coordinated === 'only';
  return query;
}

/** How many filters (besides search and sort) are active, for the "n filters" hint. */
export function activeFilterCount(form: FilterForm): number {
  const keys: (keyof FilterForm)[] = ['episodeId', 'kind', 'platform', 'from', 'to', 'minLikes', 'timecodeFrom', 'timecodeTo', 'region', 'paying', 'viewerType', 'custom', 'coordinated'];
  return keys.filter((k) => String(form[k]).trim() !== '').length;
}

/** A timecode in milliseconds as `m:ss` (or `h:mm:ss`), the way video players show it. */
export function formatTimecode(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
