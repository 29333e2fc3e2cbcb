import type { Episode } from '@loopline/shared';
import { useCallback, useMemo } from 'react';
import { listEpisodes } from '../../api/episodes';
import { useResource } from '../../ui/useResource';

/** The series' episodes in order, and a lookup by id (for labels like "Ep. 11"); shared by the feedback tabs. */
export function useEpisodes(seriesId: string): { episodes: Episode[]; byId: Map<string, Episode>; error: unknown; reload: () => void } {
  const loader = useCallback((signal: AbortSignal) => listEpisodes(seriesId, {}, signal), [seriesId]);
  const { data, error, reload } = useResource(loader);
  return useMemo(() => {
    const episodes = data ? [...data].sort((a, b) => a.number - b.number) : [];
    return { episodes, byId: new Map(episodes.map((e) => [e.id, e])), error, reload };
  }, [data, error, reload]);
}
