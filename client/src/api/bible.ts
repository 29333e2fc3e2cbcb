import type { Bible, BibleCharacter, BibleLocation } from '@loopline/shared';
import { request } from './http';

/** Editable fields of a bible entry (character or location). */
export interface BibleEntryInput {
  name: string;
  aliases: string[];
  description: string;
}

/** The two kinds of bible entry; each has its own REST collection. */
export type BibleKind = 'characters' | 'locations';

/** Entry type per kind. */
export type BibleEntryOf<K extends BibleKind> = K extends 'characters' ? BibleCharacter : BibleLocation;

const biblePath = (seriesId: string) => `/api/series/${encodeURIComponent(seriesId)}/bible`;
const entryPath = (seriesId: string, kind: BibleKind, id?: string) =>
  `${biblePath(seriesId)}/${kind}${id === undefined ? '' : `/${encodeURIComponent(id)}`}`;

/** GET /api/series/:seriesId/bible */
export function getBible(seriesId: string, signal?: AbortSignal): Promise<Bible> {
  return request<Bible>('GET', biblePath(seriesId), undefined, signal);
}

/** POST /api/series/:seriesId/bible/{characters|locations} */
export function createBibleEntry<K extends BibleKind>(seriesId: string, kind: K, input: BibleEntryInput): Promise<BibleEntryOf<K>> {
  return request<BibleEntryOf<K>>('POST', entryPath(seriesId, kind), input);
}

/** PATCH /api/series/:seriesId/bible/{characters|locations}/:id */
export function updateBibleEntry<K extends BibleKind>(
  seriesId: string,
  kind: K,
  id: string,
  patch: Partial<BibleEntryInput>,
): Promise<BibleEntryOf<K>> {
  return request<BibleEntryOf<K>>('PATCH', entryPath(seriesId, kind, id), patch);
}

/** DELETE /api/series/:seriesId/bible/{characters|locations}/:id */
export async function deleteBibleEntry(seriesId: string, kind: BibleKind, id: string): Promise<void> {
  await request<unknown>('DELETE', entryPath(seriesId, kind, id));
}

