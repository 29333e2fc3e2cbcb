import * as Y from 'yjs';
import type { ItemIdJSON, RelativePositionJSON, SceneAnchor, SpanAnchor } from './types.js';
import { blockTexts, plainText, sceneHeadingText, scenesById, sceneTextblockRanges, sceneTextElements } from './yscript.js';

/** Where a span is, by line: a textblock of the scene and character offsets in its text. */
export interface SpanByBlock {
  sceneId: string;
  /** Index among the scene's textblocks (heading = 0; see `sceneTextElements`). */
  blockIndex: number;
  /** Offset of the first quoted character in the line's text. */
  from: number;
  /** Offset just after the last quoted character. */
  to: number;
}

/** Where a span is, in ProseMirror terms: offsets inside the scene's content (document position − scene position − 1). */
export interface SpanInScene {
  sceneId: string;
  from: number;
  to: number;
}

const idJSON = (id: Y.ID | null): ItemIdJSON | undefined => (id ? { client: id.client, clock: id.clock } : undefined);

/** A relative position as plain JSON (Yjs's own JSON keeps ID class instances). */
export function relativePositionJSON(rpos: Y.RelativePosition): RelativePositionJSON {
  const json: RelativePositionJSON = {};
  const type = idJSON(rpos.type);
  const item = idJSON(rpos.item);
  if (type) json.type = type;
  if (rpos.tname !== null) json.tname = rpos.tname;
  if (item) json.item = item;
  json.assoc = rpos.assoc;
  return json;
}

/** A link to scene `sceneId` as a whole, or null when the document has no such scene [EV1]. */
export function createSceneAnchor(ydoc: Y.Doc, sceneId: string): SceneAnchor | null {
  const scene = scenesById(ydoc).get(sceneId);
  return scene ? { kind: 'scene', sceneId, heading: sceneHeadingText(scene) } : null;
}

/**
 * A link to the text between `from` and `to` of one line of a scene [EV2]:
 * Yjs relative positions sticking to the first and the last quoted character,
 * plus the quote. Null when the scene or line does not exist, the span is
 * empty or out of range, or it crosses two XmlTexts of one line (rare: two
 * writers typed into the same empty line at once) [EV3].
 */
export function createSpanAnchor(ydoc: Y.Doc, span: SpanByBlock): SpanAnchor | null {
  const { sceneId, blockIndex, from, to } = span;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to <= from) return null;
  const scene = scenesById(ydoc).get(sceneId);
  const block = scene ? sceneTextElements(scene)[blockIndex] : undefined;
  if (!scene || !block) return null;
  let offset = 0;
  for (const text of blockTexts(block)) {
    const length = text.length;
    if (from >= offset && to <= offset + length) {
      const a = from - offset;
      const b = to - offset;
      return {
        kind: 'span',
        sceneId,
        heading: sceneHeadingText(scene),
        blockIndex,
        // assoc 0 sticks to the character at `a`; assoc -1 sticks to the character before `b`.
        start: relativePositionJSON(Y.createRelativePositionFromTypeIndex(text, a, 0)),
        end: relativePositionJSON(Y.createRelativePositionFromTypeIndex(text, b, -1)),
        quote: plainText(text).slice(a, b),
      };
    }
    offset += length;
  }
  return null;
}

/**
 * `createSpanAnchor` for a span given as ProseMirror offsets inside the
 * scene's content (what the editor's selection gives, minus the scene's
 * position + 1). Both ends must lie in the text of one line [EV3].
 */
export function createSpanAnchorInScene(ydoc: Y.Doc, span: SpanInScene): SpanAnchor | null {
  const scene = scenesById(ydoc).get(span.sceneId);
  if (!scene) return null;
  for (const r of sceneTextblockRanges(scene)) {
    if (span.from >= r.contentStart && span.to <= r.contentStart + r.length) {
      const { sceneId, from, to } = span;
      return createSpanAnchor(ydoc, { sceneId, blockIndex: r.index, from: from - r.contentStart, to: to - r.contentStart });
    }
  }
  return null;
}
