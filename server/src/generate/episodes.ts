import type { GenEpisode } from './moments.js';
import { hash32 } from './random.js';

/** Episodes 1..count of a demo series, 60–150 s each, ids `ep-<n>` unless a prefix is given. */
export function demoEpisodes(count: number, seed = 1, idPrefix = 'ep-'): GenEpisode[] {
  return Array.from({ length: count }, (_, k) => ({ id: `${idPrefix}${k + 1}`, number: k + 1, durationSeconds: 60 + (hash32('duration', seed ^ (k + 1)) % 91) }));
}
