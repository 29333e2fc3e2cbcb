import { request } from './http';

/** A series' retention setting: raw items older than this many days are deleted (null = kept). */
export interface PrivacySettings {
  retentionDays: number | null;
}

/** Body of POST /api/series/:seriesId/erasure: the viewer's raw handle (pseudonymized by the server, never stored). */
export interface ErasureInput {
  handle: string;
  platform?: string;
}

const privacyPath = (seriesId: string) => `/api/series/${encodeURIComponent(seriesId)}/privacy`;

/** GET /api/series/:seriesId/privacy */
export function getPrivacy(seriesId: string, signal?: AbortSignal): Promise<PrivacySettings> {
  return request<PrivacySettings>('GET', privacyPath(seriesId), undefined, signal);
}

/** PUT /api/series/:seriesId/privacy */
export function setPrivacy(seriesId: string, settings: PrivacySettings): Promise<PrivacySettings> {
  return request<PrivacySettings>('PUT', privacyPath(seriesId), settings);
}

/** POST /api/series/:seriesId/privacy/apply-retention — deletes expired items now. */
export function applyRetention(seriesId: string): Promise<{ deleted: number }> {
  return request<{ deleted: number }>('POST', `${privacyPath(seriesId)}/apply-retention`);
}

/** POST /api/series/:seriesId/erasure — removes every item of one viewer and what derives from it. */
export function eraseViewer(seriesId: string, input: ErasureInput): Promise<{ itemsDeleted: number }> {
  return request<{ itemsDeleted: number }>('POST', `/api/series/${encodeURIComponent(seriesId)}/erasure`, input);
}
