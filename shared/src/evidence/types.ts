/**
 * Evidence anchors (issue 5): where a link from viewer feedback points in an
 * episode's script. Plain JSON, stored with the link by the server and
 * re-evaluated against the live Yjs document as the script changes.
 */

/** A Yjs item id as JSON. */
export interface ItemIdJSON {
  client: number;
  clock: number;
}

/** `Y.relativePositionToJSON` output with plain objects (safe to store and send). */
export interface RelativePositionJSON {
  type?: ItemIdJSON;
  tname?: string;
  item?: ItemIdJSON;
  assoc?: number;
}

/** A link to a whole scene [EV1]. */
export interface SceneAnchor {
  kind: 'scene';
  sceneId: string;
  /** The scene's heading when the link was made: shown when the scene is gone [EV7]. */
  heading: string;
}

/** A link to a span of text in one line of a scene [EV2]. */
export interface SpanAnchor {
  kind: 'span';
  sceneId: string;
  /** The scene's heading when the link was made [EV7]. */
  heading: string;
  /** Index of the line among the scene's textblocks when the link was made (informational; positions are what count). */
  blockIndex: number;
  /** Sticks to the first quoted character (it stays before text typed in front of the span). */
  start: RelativePositionJSON;
  /** Sticks to the last quoted character (it stays before text typed after the span). */
  end: RelativePositionJSON;
  /** The quoted text as it read when the link was made. */
  quote: string;
}

/** Where an evidence link points. */
export type EvidenceAnchor = SceneAnchor | SpanAnchor;

/** The four states of a link, exactly one at any time [EV4]. */
export const LINK_STATES = ['anchored', 'drifted', 'scene-only', 'orphaned'] as const;

/** anchored: reads as quoted (or: the scene lives, for a scene link); drifted: the span's text changed; scene-only: the span's text is gone, the scene lives; orphaned: the scene is gone. */
export type LinkState = (typeof LINK_STATES)[number];

/** What an anchor resolves to in the current document. */
export interface SpanResolution {
  /** A scene with the anchor's id is in the document. */
  sceneExists: boolean;
  /** The text now between the span's two positions; null when the span cannot be resolved in that scene (or for a scene link). */
  text: string | null;
}
