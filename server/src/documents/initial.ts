import { estimateEpisodeRuntime, type Language, NodeName } from '@loopline/shared';
import { newSceneId, type ServerOrigin } from '@loopline/shared/collab';
import * as Y from 'yjs';
import type { CanonicalSnapshot, Storage } from '../storage/types.js';
import { docToProseMirror, initialDocumentUpdate } from './convert.js';

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

/** The canonical reading of `ydoc` (ProseMirror JSON, runtime, scene count) under the shared schema. */
export function canonicalSnapshotOf(episodeId: string, ydoc: Y.Doc, language: Language): CanonicalSnapshot {
  const node = docToProseMirror(ydoc);
  let sceneCount = 0;
  node.forEach((child) => {
    if (child.type.name === NodeName.scene) sceneCount += 1;
  });
  return {
    episodeId,
    doc: node.toJSON(),
    runtimeSeconds: estimateEpisodeRuntime(node, language),
    sceneCount,
    updatedAt: new Date().toISOString(),
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
    await storage.saveCanonical(canonicalSnapshotOf(episodeId, ydoc, language));
  } finally {
    ydoc.destroy();
  }
}
