import { createContext } from 'react';

/**
 * Dragging feedback onto a scene (issue 5) [UE5]: the inbox puts the item
 * ids on an HTML5 drag under this MIME type; the scene navigator accepts it
 * beside its own scene-reordering drag (`application/x-loopline-scene`).
 */
export const EVIDENCE_DRAG_TYPE = 'application/x-loopline-evidence';

/** What a drag from the inbox carries: the item ids, and what the inbox knows of them for the sample preview. */
export interface EvidenceDragPayload {
  seriesId: string;
  itemIds: string[];
  items?: { id: string; author: string; coordinated: boolean }[];
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
    if (itemIds.length === 0) return null;
    const ids = new Set(itemIds);
    const items = Array.isArray(value.items)
      ? value.items
          .filter((i) => typeof i?.id === 'string' && ids.has(i.id) && typeof i.author === 'string')
          .map((i) => ({ id: i.id, author: i.author, coordinated: i.coordinated === true }))
      : [];
    return items.length === itemIds.length ? { seriesId: value.seriesId, itemIds, items } : { seriesId: value.seriesId, itemIds };
  } catch {
    return null;
  }
}

/** Called when evidence is dropped on a scene of the navigator; none = the navigator ignores evidence drags. */
export type EvidenceDropHandler = (sceneId: string, payload: EvidenceDragPayload) => void;

/** Provided around the workspace by the page that can link evidence (EpisodePage). */
export const EvidenceDropContext = createContext<EvidenceDropHandler | null>(null);
