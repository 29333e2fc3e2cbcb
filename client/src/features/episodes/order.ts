import type { Episode } from '@loopline/shared';

/** Direction of a one-step move in the episode list. */
export type MoveDirection = 'up' | 'down';

/**
 * The number to PATCH onto `episodeId` to move it one step among the episodes
 * shown (archived ones may be hidden, so the neighbour's number is used rather
 * than ±1). null when it is already first/last or not in the list.
 */
export function moveTarget(episodes: readonly Episode[], episodeId: string, direction: MoveDirection): number | null {
  const sorted = [...episodes].sort((a, b) => a.number - b.number);
  const index = sorted.findIndex((e) => e.id === episodeId);
  if (index < 0) return null;
  const neighbour = sorted[direction === 'up' ? index - 1 : index + 1];
  return neighbour ? neighbour.number : null;
}

/** Total runtime of the listed, non-archived episodes in seconds. */
export function totalRuntime(episodes: readonly Episode[]): number {
  return episodes.reduce((sum, e) => sum + (e.archived ? 0 : e.runtimeSeconds), 0);
}
