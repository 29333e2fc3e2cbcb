import { estimateEpisodeRuntime, type Language, NodeName } from '@loopline/shared';
import * as Y from 'yjs';
import type { CanonicalSnapshot } from '../storage/types.js';
import { docToProseMirror } from './convert.js';

/**
 * The canonical reading of an episode (ProseMirror JSON under the shared
 * schema, runtime, scene count) that outline, search, reports and export use
 * instead of the live Yjs document.
 */

/**
 * Derives the canonical snapshot of `ydoc`. It reads a private copy, because
 * y-prosemirror's reader deletes elements the schema rejects from the Yjs
 * document it reads; the live room document must only ever change through
 * clients or typed server origins [SY10].
 */
export function deriveCanonical(
  episodeId: string,
  ydoc: Y.Doc,
  language: Language,
  now: Date = new Date(),
): CanonicalSnapshot {
  const copy = new Y.Doc();
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(ydoc));
    const doc = docToProseMirror(copy);
    let sceneCount = 0;
    doc.forEach((child) => {
      if (child.type.name === NodeName.scene) sceneCount += 1;
    });
    return {
      episodeId,
      doc: doc.toJSON(),
      runtimeSeconds: estimateEpisodeRuntime(doc, language),
      sceneCount,
      updatedAt: now.toISOString(),
    };
  } finally {
    copy.destroy();
  }
}
