import type { Node } from 'prosemirror-model';
import { NodeName } from '../schema/nodes.js';

/** The pinned number of a scene heading, or null when the scene is auto-numbered. */
export function pinnedNumber(scene: Node): string | null {
  const heading = scene.firstChild;
  if (!heading || heading.type.name !== NodeName.sceneHeading) return null;
  const pinned: unknown = heading.attrs.number;
  if (pinned === null || pinned === undefined) return null;
  const text = String(pinned).trim();
  return text === '' ? null : text;
}

/**
 * Scene numbers of an episode in document order [SC4]: `${episode}-${i}` with
 * i the 1-based position, except scenes whose heading pins a number (after a
 * script is locked, an inserted scene is pinned as e.g. `3-2A`). Numbering
 * continues from the position, so pins never shift the scenes after them.
 */
export function sceneNumbers(doc: Node, episodeNumber: number): string[] {
  const out: string[] = [];
  doc.forEach((scene, _offset, index) => {
    if (scene.type.name !== NodeName.scene) return;
    out.push(pinnedNumber(scene) ?? `${episodeNumber}-${index + 1}`);
  });
  return out;
}
