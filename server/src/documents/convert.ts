import { SCRIPT_FRAGMENT, scriptSchema } from '@loopline/shared';
import type { Node as PMNode } from 'prosemirror-model';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import * as Y from 'yjs';

/**
 * Conversions between an episode's Yjs document and ProseMirror, on the
 * server, with the shared schema (no editor, no DOM).
 */

/** Reads the `script` fragment as a ProseMirror document under the shared schema. */
export function docToProseMirror(ydoc: Y.Doc): PMNode {
  return yXmlFragmentToProseMirrorRootNode(ydoc.getXmlFragment(SCRIPT_FRAGMENT), scriptSchema);
}

/**
 * Writes ProseMirror JSON into the `script` fragment of `ydoc` inside one
 * transaction carrying `origin`. The JSON is validated against the schema
 * first (throws RangeError on a document the schema rejects).
 */
export function writeProseMirrorJSON(ydoc: Y.Doc, json: unknown, origin: unknown): void {
  const node = scriptSchema.nodeFromJSON(json);
  node.check();
  ydoc.transact(() => {
    prosemirrorJSONToYXmlFragment(scriptSchema, node.toJSON(), ydoc.getXmlFragment(SCRIPT_FRAGMENT));
  }, origin);
}

/** The full state of a fresh document holding `json`, as one Yjs update. */
export function initialDocumentUpdate(json: unknown, origin: unknown): Uint8Array {
  const ydoc = new Y.Doc();
  writeProseMirrorJSON(ydoc, json, origin);
  const update = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return update;
}
