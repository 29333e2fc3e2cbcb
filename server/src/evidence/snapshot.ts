import type { Language } from '@loopline/shared';
import type { Node } from 'prosemirror-model';
import * as Y from 'yjs';
import { deriveCanonical } from '../documents/canonical.js';
import { docToProseMirror } from '../documents/convert.js';

/** What a revision stores of the script as taken [RV1]. */
export interface ScriptSnapshot {
  /** Y.encodeStateAsUpdate of the document at that moment. */
  state: Uint8Array;
  /** The canonical ProseMirror JSON of exactly that state. */
  doc: unknown;
  sceneCount: number;
  runtimeSeconds: number;
}

/**
 * The snapshot of a state taken from the live document. The canonical JSON is
 * derived from the bytes stored, not from the live document again, so the two
 * always describe the same script however it changes meanwhile.
 */
export function snapshotOfState(episodeId: string, state: Uint8Array, language: Language): ScriptSnapshot {
  const copy = new Y.Doc();
  try {
    Y.applyUpdate(copy, state);
    const canonical = deriveCanonical(episodeId, copy, language);
    return { state, doc: canonical.doc, sceneCount: canonical.sceneCount, runtimeSeconds: canonical.runtimeSeconds };
  } finally {
    copy.destroy();
  }
}

/**
 * A state as a ProseMirror document under the shared schema. Read from a
 * private copy: y-prosemirror's reader may delete elements the schema
 * rejects from the document it reads [SY10].
 */
export function proseMirrorOfState(state: Uint8Array): Node {
  const copy = new Y.Doc();
  try {
    Y.applyUpdate(copy, state);
    return docToProseMirror(copy);
  } finally {
    copy.destroy();
  }
}
