import { createContext } from 'react';

/**
 * Dragging feedback onto a scene (issue 5) [UE5]: the inbox puts the item
 * ids on an HTML5 drag under this MIME type; the scene navigator accepts it
 * beside its own scene-reordering drag (`application/x-loopline-scene`).
 */
export const EVIDENCE_DRAG_TYPE = 'application/x-loopline-evidence';

/** What a drag from the inbox carries. */
export interface EvidenceDragPayload {
  seriesId: string;
  itemIds: string[];
}

/** Puts `payload` on a drag (plain text too, so dropping into a text field gives the ids). */
export function writeEvidenceDrag(data: DataTransfer, payload: EvidenceDragPayload): void {
  data.setData(EVIDENCE_DRAG_TYPE, JSON.stringify(payload));
  data.setData('text/plain', payload.itemIds.join('\n'));
  data.effectAllowed = 'copy';
}

/** Whether a drag (during dragover, when only the types are readable) carries evidence. */
export function isEvidenceDrag(data: DataTransfer | null): boolean {
  return data !== null && [...data.types].includes(EVIDENCE_DRAG_TYPE);
}

/** The payload of a dropped evidence drag, or null when it is missing or malformed (a drop from another page). */
export function readEvidenceDrag(data: DataTransfer | null): EvidenceDragPayload | null {
  const raw = data?.getData(EVIDENCE_DRAG_TYPE) ?? '';
  if (raw === '') return null;
  try {
    const value = JSON.parse(raw) as Partial<EvidenceDragPayload>;
    if (typeof value.seriesId !== 'string' || !Array.isArray(value.itemIds)) return null;
    const itemIds = value.itemIds.filter((id): id is string => typeof id === 'string' && id !== '');
    return itemIds.length > 0 ? { seriesId: value.seriesId, itemIds } : null;
  } catch {
    return null;
  }
}

/** Called when evidence is dropped on a scene of the navigator; none = the navigator ignores evidence drags. */
export type EvidenceDropHandler = (sceneId: string, payload: EvidenceDragPayload) => void;

/** Provided around the workspace by the page that can link evidence (EpisodePage). */
export const EvidenceDropContext = createContext<EvidenceDropHandler | null>(null);
