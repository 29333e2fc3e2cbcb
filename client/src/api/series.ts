import type { Language, Series } from '@loopline/shared';
import { query, request, unwrapList } from './http';

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
