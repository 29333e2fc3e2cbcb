import type { EpisodeMetrics, RetentionCurve } from '@loopline/shared';
import { query, request, unwrapList } from './http';

/** Danmaku count in one second of the video. */
export interface DensityPoint {
  second: number;
  count: number;
}

/** Retention curves of an episode and the danmaku density over the same seconds. */
export interface EpisodeRetention {
  curves: RetentionCurve[];
  danmakuDensity: DensityPoint[];
}

/** GET /api/series/:seriesId/metrics[?episodeId=] */
export async function listMetrics(seriesId: string, episodeId?: string, signal?: AbortSignal): Promise<EpisodeMetrics[]> {
  const body = await request<unknown>('GET', `/api/series/${encodeURIComponent(seriesId)}/metrics${query({ episodeId: episodeId || undefined })}`, undefined, signal);
  return unwrapList<EpisodeMetrics>(body, 'metrics');
}

/** GET /api/episodes/:episodeId/retention[?platform=] */
export async function getRetention(episodeId: string, platform?: string, signal?: AbortSignal): Promise<EpisodeRetention> {
  const body = await request<Partial<EpisodeRetention> | undefined>(
    'GET',
    `/api/episodes/${encodeURIComponent(episodeId)}/retention${query({ platform: platform || undefined })}`,
    undefined,
    signal,
  );
  return { curves: body?.curves ?? [], danmakuDensity: body?.danmakuDensity ?? [] };
}
