import { type Language, ROLES, type Role, type Series } from '@loopline/shared';
import { query, request, unwrapList } from './http';

/** A Series as the API returns it since issue 3: with the caller's role in it. */
export type SeriesWithRole = Series & { myRole?: Role };

/**
 * The caller's role in a series. Anything missing or unknown reads as "no
 * role", which shows no editing controls — the server enforces either way.
 */
export function myRoleOf(series: Series): Role | null {
  const role: unknown = (series as Series & { myRole?: unknown }).myRole;
  return ROLES.find((r) => r === role) ?? null;
}

/** Body of POST /api/series. */
export interface NewSeriesInput {
  title: string;
  language: Language;
}

/** Body of PATCH /api/series/:seriesId. */
export interface SeriesPatchInput {
  title?: string;
  language?: Language;
  archived?: boolean;
}

/** GET /api/series — active series, or all with `includeArchived`. */
export async function listSeries(opts: { includeArchived?: boolean } = {}, signal?: AbortSignal): Promise<Series[]> {
  const body = await request<unknown>('GET', `/api/series${query({ includeArchived: opts.includeArchived })}`, undefined, signal);
  return unwrapList<Series>(body, 'series');
}

/** GET /api/series/:seriesId */
export function getSeries(seriesId: string, signal?: AbortSignal): Promise<Series> {
  return request<Series>('GET', `/api/series/${encodeURIComponent(seriesId)}`, undefined, signal);
}

/** POST /api/series */
export function createSeries(input: NewSeriesInput): Promise<Series> {
  return request<Series>('POST', '/api/series', input);
}

/** PATCH /api/series/:seriesId — rename, change language, archive or unarchive. */
export function updateSeries(seriesId: string, patch: SeriesPatchInput): Promise<Series> {
  return request<Series>('PATCH', `/api/series/${encodeURIComponent(seriesId)}`, patch);
}
