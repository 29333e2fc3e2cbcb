import * as Y from 'yjs';
import { NodeName, SCRIPT_FRAGMENT } from '../schema/nodes.js';
import { scriptSchema } from '../schema/schema.js';

/**
 * Reading an episode's Yjs tree the way y-prosemirror writes it: the `script`
 * fragment holds scene elements (attribute `sceneId`); a scene holds block
 * elements; a textblock holds XmlText (usually one; two writers typing into
 * the same empty line at once can leave two).
 */

/** Scene elements by id; the first one in document order owns an id, as scene-id repair decides [SC1]. */
export function scenesById(ydoc: Y.Doc): Map<string, Y.XmlElement> {
  const out = new Map<string, Y.XmlElement>();
  for (const child of ydoc.getXmlFragment(SCRIPT_FRAGMENT).toArray()) {
    if (!(child instanceof Y.XmlElement) || child.nodeName !== NodeName.scene) continue;
    const id = child.getAttribute('sceneId');
    if (typeof id === 'string' && id !== '' && !out.has(id)) out.set(id, child);
  }
  return out;
}

function isTextblockName(name: string): boolean {
  return scriptSchema.nodes[name]?.isTextblock === true;
}

/** A textblock of a scene and where its text sits in ProseMirror terms. */
export interface TextblockRange {
  element: Y.XmlElement;
  /** Index among the scene's textblocks. */
  index: number;
  /** ProseMirror offset of the start of the block's text inside the scene's content. */
  contentStart: number;
  /** Characters of text in the block. */
  length: number;
}

/**
 * The textblocks of a scene in document order, heading first, the lines of a
 * dual dialogue one by one — the same indexes as `sceneTextblocks` on the
 * ProseMirror side [RV7] — with their ProseMirror offsets (one token opens
 * and one closes every element).
 */
export function sceneTextblockRanges(scene: Y.XmlElement): TextblockRange[] {
  const out: TextblockRange[] = [];
  const walk = (parent: Y.XmlElement, offset: number): number => {
    for (const child of parent.toArray()) {
      if (child instanceof Y.XmlElement && isTextblockName(child.nodeName)) {
        const length = blockTexts(child).reduce((n, t) => n + t.length, 0);
        out.push({ element: child, index: out.length, contentStart: offset + 1, length });
        offset += length + 2;
      } else if (child instanceof Y.XmlElement) offset = walk(child, offset + 1) + 1;
      else offset += child instanceof Y.XmlText ? child.length : 1;
    }
    return offset;
  };
  walk(scene, 0);
  return out;
}

/** The textblock elements of a scene in document order (see `sceneTextblockRanges`). */
export function sceneTextElements(scene: Y.XmlElement): Y.XmlElement[] {
  return sceneTextblockRanges(scene).map((r) => r.element);
}

/** The XmlText children of a textblock element. */
export function blockTexts(block: Y.XmlElement): Y.XmlText[] {
  return block.toArray().filter((c): c is Y.XmlText => c instanceof Y.XmlText);
}

/** The plain text of an XmlText (its toString() would add formatting tags). */
export function plainText(text: Y.XmlText): string {
  return Y.Text.prototype.toString.call(text);
}

/** The heading text of a scene element ('' when it has none). */
export function sceneHeadingText(scene: Y.XmlElement): string {
  const first = scene.toArray()[0];
  if (!(first instanceof Y.XmlElement) || first.nodeName !== NodeName.sceneHeading) return '';
  return blockTexts(first).map(plainText).join('');
}

/**
 * Whether `type` is alive and lies inside `scene`: neither it nor any element
 * between it and the scene has been deleted.
 */
export function isLiveWithin(type: Y.XmlText | Y.XmlElement, scene: Y.XmlElement): boolean {
  // Typed by the one field walked, since Yjs's AbstractType<T> generics do not unify across XmlText and XmlElement.
  let current: { _item: Y.Item | null } = type;
  while (current !== scene) {
    const item = current._item;
    if (item === null || item.deleted || !(item.parent instanceof Y.AbstractType)) return false;
    current = item.parent;
  }
  return !(scene._item?.deleted ?? false);
}
