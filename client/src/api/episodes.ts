import type { Episode, EpisodeStatus, Language } from '@loopline/shared';
import { query, request, unwrapList } from './http';

/** Body of POST /api/series/:seriesId/episodes; the server appends it at the end. */
export interface NewEpisodeInput {
  title: string;
  language?: Language;
  assignee?: string | null;
}

/** Body of PATCH /api/episodes/:episodeId; `number` moves the episode within its series. */
export interface EpisodePatchInput {
  title?: string;
  status?: EpisodeStatus;
  assignee?: string | null;
  archived?: boolean;
  number?: number;
}

const seriesPath = (seriesId: string) => `/api/series/${encodeURIComponent(seriesId)}/episodes`;
const episodePath = (episodeId: string) => `/api/episodes/${encodeURIComponent(episodeId)}`;

/** GET /api/series/:seriesId/episodes — ordered by number. */
export async function listEpisodes(seriesId: string, opts: { includeArchived?: boolean } = {}, signal?: AbortSignal): Promise<Episode[]> {
  const body = await request<unknown>('GET', `${seriesPath(seriesId)}${query({ includeArchived: opts.includeArchived })}`, undefined, signal);
  return unwrapList<Episode>(body, 'episodes');
}

/** POST /api/series/:seriesId/episodes */
export function createEpisode(seriesId: string, input: NewEpisodeInput): Promise<Episode> {
  return request<Episode>('POST', seriesPath(seriesId), input);
}

/** GET /api/episodes/:episodeId */
export function getEpisode(episodeId: string, signal?: AbortSignal): Promise<Episode> {
  return request<Episode>('GET', episodePath(episodeId), undefined, signal);
}

/** PATCH /api/episodes/:episodeId */
export function updateEpisode(episodeId: string, patch: EpisodePatchInput): Promise<Episode> {
  return request<Episode>('PATCH', episodePath(episodeId), patch);
}

/** GET /api/episodes/:episodeId/outline — shape owned by the server (scenes with number, heading, runtime). */
export function getOutline<T = unknown>(episodeId: string, signal?: AbortSignal): Promise<T> {
  return request<T>('GET', `${episodePath(episodeId)}/outline`, undefined, signal);
}
