import * as Y from 'yjs';
import { NodeName, SCRIPT_FRAGMENT } from '../schema/nodes.js';

/** Origin of the scene-id repair transaction; not tracked by undo managers. */
export const SCENE_ID_REPAIR_ORIGIN = { kind: 'repair', reason: 'scene-ids' } as const;

/**
 * The id a duplicated or id-less scene receives, derived from the Yjs item
 * that holds it. Every replica sees the same item id for the same element, so
 * two clients repairing one duplicate write the same value and converge; item
 * ids are never reused in a document, so neither is a derived scene id [SC2].
 */
export function derivedSceneId(element: Y.XmlElement): string {
  const item = element._item;
  if (!item) throw new Error('derivedSceneId: element is not integrated into a document');
  return `y${item.id.client.toString(36)}.${item.id.clock.toString(36)}`;
}

/** A fresh id for a scene created in the editor (random; never derived). */
export function newSceneId(): string {
  const bytes = new Uint8Array(9);
  globalThis.crypto.getRandomValues(bytes);
  return `s${Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('')}`;
}

/**
 * Scenes whose `sceneId` must be replaced [SC1]: a missing id, an id an
 * earlier scene (document order) already kept, or an id derived from another
 * scene still in the document. The first occurrence keeps the id, so
 * evidence stays with the original half after a split and with the original
 * after a copy; but a derived id always stays with the scene it was derived
 * from: otherwise a copy pasted above a repaired scene would keep that id,
 * and re-deriving the original's id would write the same value back and
 * leave the duplicate in place.
 */
export function scenesNeedingRepair(fragment: Y.XmlFragment): Y.XmlElement[] {
  const scenes = fragment
    .toArray()
    .filter((child): child is Y.XmlElement => child instanceof Y.XmlElement && child.nodeName === NodeName.scene);
  const ownerOf = new Map<string, Y.XmlElement>();
  for (const scene of scenes) if (scene._item) ownerOf.set(derivedSceneId(scene), scene);
  const kept = new Set<string>();
  const out: Y.XmlElement[] = [];
  for (const scene of scenes) {
    const id = scene.getAttribute('sceneId');
    const owner = typeof id === 'string' ? ownerOf.get(id) : undefined;
    if (typeof id !== 'string' || id === '' || kept.has(id) || (owner !== undefined && owner !== scene)) out.push(scene);
    else kept.add(id);
  }
  return out;
}

/**
 * Restores unique scene ids in an episode document [SC1]. Returns how many
 * scenes were given a new id. Runs in one transaction with a repair origin,
 * which undo managers do not track.
 */
export function repairSceneIds(doc: Y.Doc, origin: unknown = SCENE_ID_REPAIR_ORIGIN): number {
  const fragment = doc.getXmlFragment(SCRIPT_FRAGMENT);
  const broken = scenesNeedingRepair(fragment);
  if (broken.length === 0) return 0;
  doc.transact(() => {
    for (const element of broken) element.setAttribute('sceneId', derivedSceneId(element));
  }, origin);
  return broken.length;
}
