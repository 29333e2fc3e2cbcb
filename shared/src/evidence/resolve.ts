import * as Y from 'yjs';
import type { EvidenceAnchor, LinkState, RelativePositionJSON, SpanAnchor, SpanResolution } from './types.js';
import { isLiveWithin, plainText, scenesById, sceneTextblockRanges } from './yscript.js';

/** A span found in the document: its XmlText and the character range in it. */
interface LocatedSpan {
  text: Y.XmlText;
  from: number;
  to: number;
}

function absolute(ydoc: Y.Doc, json: RelativePositionJSON): Y.AbsolutePosition | null {
  try {
    return Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), ydoc);
  } catch {
    // A malformed stored position resolves like text that is gone, never as an error that loses the link [EV6].
    return null;
  }
}

/**
 * Resolves a span's two positions [EV5]. Both must land in the same XmlText,
 * which must be alive and inside `scene` (the scene now carrying the anchor's
 * id), with start ≤ end. A deleted quoted character resolves to where it was,
 * so the span shrinks to what is left of it; typing inside the span is part
 * of it, typing just before or after it is not. Positions follow undone
 * deletions (an undo brings the span back).
 */
function locate(ydoc: Y.Doc, scene: Y.XmlElement, anchor: SpanAnchor): LocatedSpan | null {
  const start = absolute(ydoc, anchor.start);
  const end = absolute(ydoc, anchor.end);
  if (!start || !end || start.type !== end.type || !(start.type instanceof Y.XmlText)) return null;
  if (!isLiveWithin(start.type, scene) || start.index > end.index) return null;
  return { text: start.type, from: start.index, to: end.index };
}

function resolveIn(ydoc: Y.Doc, scenes: Map<string, Y.XmlElement>, anchor: EvidenceAnchor, texts?: Map<Y.XmlText, string>): SpanResolution {
  const scene = scenes.get(anchor.sceneId);
  if (!scene) return { sceneExists: false, text: null };
  if (anchor.kind !== 'span') return { sceneExists: true, text: null };
  const span = locate(ydoc, scene, anchor);
  if (!span) return { sceneExists: true, text: null };
  let full = texts?.get(span.text);
  if (full === undefined) {
    full = plainText(span.text);
    texts?.set(span.text, full);
  }
  return { sceneExists: true, text: full.slice(span.from, span.to) };
}

/** What an anchor points at now: whether its scene exists and, for a span, the text now between its positions [EV5]. */
export function resolveSpanAnchor(ydoc: Y.Doc, anchor: EvidenceAnchor): SpanResolution {
  return resolveIn(ydoc, scenesById(ydoc), anchor);
}

/**
 * The state of a link from its resolution and its quote (null for a scene
 * link) — always exactly one of the four [EV4]: orphaned when the scene is
 * gone; for a scene link, anchored otherwise; for a span, scene-only when
 * its text is gone (unresolvable or empty), anchored when it reads as
 * quoted, drifted when it reads otherwise.
 */
export function linkState(resolution: SpanResolution, quote: string | null): LinkState {
  if (!resolution.sceneExists) return 'orphaned';
  if (quote === null) return 'anchored';
  if (resolution.text === null || resolution.text === '') return 'scene-only';
  return resolution.text === quote ? 'anchored' : 'drifted';
}

const quoteOf = (anchor: EvidenceAnchor): string | null => (anchor.kind === 'span' ? anchor.quote : null);

/** Resolutions of many anchors against one document, in order (the scene index and line texts are built once) [EV8]. */
export function resolveLinks(ydoc: Y.Doc, anchors: readonly EvidenceAnchor[]): SpanResolution[] {
  const scenes = scenesById(ydoc);
  const texts = new Map<Y.XmlText, string>();
  return anchors.map((anchor) => resolveIn(ydoc, scenes, anchor, texts));
}

/** The state of every link, in order: as many states as anchors, never fewer [EV6] [EV8]. */
export function evaluateLinks(ydoc: Y.Doc, anchors: readonly EvidenceAnchor[]): LinkState[] {
  return resolveLinks(ydoc, anchors).map((resolution, i) => linkState(resolution, quoteOf(anchors[i]!)));
}

/** Where a span now is, for highlighting it in the editor: its line and ProseMirror offsets inside the scene's content. */
export interface SpanRange {
  sceneId: string;
  blockIndex: number;
  /** Offset of the span's start inside the scene's content (add the scene's position + 1 for a document position). */
  from: number;
  to: number;
}

/** The current range of a span anchor, or null when its text cannot be resolved in its scene or is empty. */
export function resolveSpanRange(ydoc: Y.Doc, anchor: SpanAnchor): SpanRange | null {
  const scene = scenesById(ydoc).get(anchor.sceneId);
  const span = scene ? locate(ydoc, scene, anchor) : null;
  if (!scene || !span || span.from === span.to) return null;
  for (const r of sceneTextblockRanges(scene)) {
    let offset = r.contentStart;
    for (const child of r.element.toArray()) {
      if (child === span.text) return { sceneId: anchor.sceneId, blockIndex: r.index, from: offset + span.from, to: offset + span.to };
      if (child instanceof Y.XmlText) offset += child.length;
    }
  }
  return null;
}

/**
 * Whether `ydoc` has received the items a span anchor points at. An anchor
 * made on a client can reach the server before the keystrokes it quotes; its
 * state is only meaningful once this holds [EV9].
 */
export function anchorIsKnown(ydoc: Y.Doc, anchor: EvidenceAnchor): boolean {
  if (anchor.kind !== 'span') return true;
  return [anchor.start, anchor.end].every((pos) => {
    const id = pos.item ?? pos.type;
    return id === undefined || Y.getState(ydoc.store, id.client) > id.clock;
  });
}
