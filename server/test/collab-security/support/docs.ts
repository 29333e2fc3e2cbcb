import { SCRIPT_FRAGMENT } from '@loopline/shared';
import * as Y from 'yjs';
import { silentLogger } from '../../../src/collab/log.js';
import { loadEpisodeDocument } from '../../../src/collab/persistence.js';
import type { Storage } from '../../../src/storage/types.js';
import { textsOf } from '../../collab/support/scriptOps.js';
import { docState } from '../../collab/support/wait.js';

/** The stored document's state (docState) as a room would load it. */
export async function storedState(storage: Storage, episodeId: string): Promise<string> {
  const loaded = await loadEpisodeDocument(storage, episodeId, silentLogger);
  const state = docState(loaded.doc);
  loaded.doc.destroy();
  return state;
}

/** A valid edit of the document whose state is `base`: `text` typed at the start of its first block. */
export function editOf(base: Uint8Array, text: string, clientID = 77_000 + Math.floor(Math.random() * 1000)): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  Y.applyUpdate(doc, base);
  const before = Y.encodeStateVector(doc);
  const first = textsOf(doc)[0];
  if (first) first.insert(0, text);
  else doc.getXmlFragment(SCRIPT_FRAGMENT).insert(0, [new Y.XmlText(text)]);
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}
