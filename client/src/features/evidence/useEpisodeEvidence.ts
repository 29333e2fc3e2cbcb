import type { EvidenceLink } from '@loopline/shared';
import { useCallback, useMemo, useState } from 'react';
import { listLinks } from '../../api/evidence';
import type { EvidenceDragPayload, EvidenceDropHandler } from '../../editor/evidence/drag';
import { useResource } from '../../ui/useResource';

/** Feedback dropped on a scene of the navigator, waiting for the link dialog. */
export interface DropRequest {
  sceneId: string;
  payload: EvidenceDragPayload;
}

/** The evidence of one episode as the editor page shares it between the side panel, the marks and drops. */
export interface EpisodeEvidence {
  episodeId: string;
  /** The episode's links, oldest first (empty until loaded). */
  links: readonly EvidenceLink[];
  loaded: boolean;
  error: unknown;
  loading: boolean;
  reload: () => void;
  drop: DropRequest | null;
  /** For EvidenceDropContext: a drop on the navigator opens the link dialog. */
  onDrop: EvidenceDropHandler;
  clearDrop: () => void;
}

const NONE: readonly EvidenceLink[] = [];

/** Loads an episode's links (`GET /api/episodes/:id/links`) and holds a pending drop [UE5] [UE9]. */
export function useEpisodeEvidence(episodeId: string): EpisodeEvidence {
  const loader = useCallback((signal: AbortSignal) => (episodeId === '' ? Promise.resolve([]) : listLinks(episodeId, {}, signal)), [episodeId]);
  const { data, error, loading, reload } = useResource(loader);
  const [drop, setDrop] = useState<DropRequest | null>(null);
  const onDrop = useCallback<EvidenceDropHandler>((sceneId, payload) => setDrop({ sceneId, payload }), []);
  const clearDrop = useCallback(() => setDrop(null), []);
  return useMemo(
    () => ({ episodeId, links: data ?? NONE, loaded: data !== undefined, error, loading, reload, drop, onDrop, clearDrop }),
    [episodeId, data, error, loading, reload, drop, onDrop, clearDrop],
  );
}
