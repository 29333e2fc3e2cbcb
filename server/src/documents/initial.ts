import { type Language, NodeName } from '@loopline/shared';
import { newSceneId, type ServerOrigin } from '@loopline/shared/collab';
import * as Y from 'yjs';
import type { Storage } from '../storage/types.js';
import { deriveCanonical } from './canonical.js';
import { initialDocumentUpdate } from './convert.js';

/**
 * Initial documents are written into storage by the server, never seeded by
 * an editor (STYLE.md habit 6): two clients opening a brand-new episode at
 * once then load the same state instead of each inserting a first scene.
 */

/** ProseMirror JSON of a new episode: one scene with a fresh id, an empty heading and an empty action line. */
export function newEpisodeDocJSON(): unknown {
  return {
    type: NodeName.doc,
    content: [
      {
        type: NodeName.scene,
        attrs: { sceneId: newSceneId() },
        content: [{ type: NodeName.sceneHeading }, { type: NodeName.action }],
      },
    ],
  };
}

/**
 * Stores `json` as the whole document of an episode that has none yet: one
 * snapshot (compaction up to seq 0, so nothing of a log is dropped) plus its
 * canonical snapshot, derived from the stored bytes so it matches what a room
 * will load.
 */
export async function storeInitialDocument(
  storage: Storage,
  episodeId: string,
  language: Language,
  json: unknown,
  origin: ServerOrigin,
): Promise<void> {
  const update = initialDocumentUpdate(json, origin);
  await storage.compactDocument(episodeId, update, 0);
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, update);
    await storage.saveCanonical(deriveCanonical(episodeId, ydoc, language));
  } finally {
    ydoc.destroy();
  }
}
