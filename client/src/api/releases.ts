import type { Release } from '@loopline/shared';
import { request, unwrapList } from './http';

/** Body of POST /api/series/:seriesId/releases. */
export interface NewReleaseInput {
  episodeId: string;
  platform: string;
  /** ISO date-time the episode aired. */
  airedAt: string;
}

const releasesPath = (seriesId: string) => `/api/series/${encodeURIComponent(seriesId)}/releases`;

/** GET /api/series/:seriesId/releases */
export async function listReleases(seriesId: string, signal?: AbortSignal): Promise<Release[]> {
  return unwrapList<Release>(await request<unknown>('GET', releasesPath(seriesId), undefined, signal), 'releases');
}

/** POST /api/series/:seriesId/releases — marks an episode aired on a platform. */
export function markReleased(seriesId: string, input: NewReleaseInput): Promise<Release> {
  return request<Release>('POST', releasesPath(seriesId), input);
}
