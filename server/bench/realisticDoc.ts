import { SCRIPT_FRAGMENT } from '@loopline/shared';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { sampleScene } from '../test/collab/support/scriptOps.js';

/** An episode's stored state as a room finds it: a snapshot plus the log written since. */
export interface StoredEpisodeState {
  snapshot: Uint8Array;
  /** Updates after the snapshot, one per keystroke transaction, in order. */
  tail: Uint8Array[];
  /** Size of the whole state as one update (what "160 KB of Yjs state" means). */
  stateBytes: number;
  scenes: number;
  /** Structs in the snapshot: Yjs's load cost grows with this, not with bytes alone. */
  structs: number;
  /** Characters of visible text. */
  liveChars: number;
}

/**
 * How the state got big.
 * - `rewritten`: 30 scenes rewritten over and over (typing phrases, fixing
 *   typos, cutting stretches); the state is mostly history (deleted text),
 *   as for a script reworked while it airs. The realistic shape for a large
 *   episode, and the costliest to load per byte.
 * - `growing`: scenes added one after another, each followed by bursts of
 *   typing; the state is mostly live text (a very long script).
 */
export type DocShape = 'rewritten' | 'growing';

const KEYS = ['的', '了', '你', '我', '他', '她', '是', '不', '，', '。', 'a', 'e', ' '];
const WRITERS = 4;
// In `rewritten`, a block's text hovers around this length: longer blocks are cut more than typed into.
const TYPICAL_BLOCK_CHARS = 60;

/**
 * Builds a document of about `targetBytes` of Yjs state by editing it as
 * four writers taking turns would. While building, one burst of keystrokes is
 * one transaction (Yjs merges consecutive keystrokes into the same structs
 * either way, so the stored state is the same shape, and building is much
 * faster); the last `tailEdits` transactions are single keystrokes kept as
 * separate updates, as a room finds them in the log after the last compaction.
 */
export function buildRealisticState(seed: number, targetBytes: number, shape: DocShape, tailEdits = 200): StoredEpisodeState {
  const gen = prng.create(seed);
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(SCRIPT_FRAGMENT);
  const texts: Y.XmlText[] = [];
  const addScene = (): void => {
    const scene = sampleScene(gen, 1, fragment.length + 1);
    fragment.insert(fragment.length, [scene]);
    for (const block of scene.toArray()) {
      if (block instanceof Y.XmlElement) for (const t of block.toArray()) if (t instanceof Y.XmlText) texts.push(t);
    }
  };
  if (shape === 'rewritten') for (let i = 0; i < 30; i++) addScene();

  let size = 0;
  for (let round = 0; size < targetBytes; round++) {
    // Writers take turns: the document switches client id, as if their edits had arrived through sync.
    doc.clientID = 10 + (round % WRITERS);
    if (shape === 'growing') {
      addScene();
      // Typing goes to the scenes being written now (the last few).
      const recent = texts.slice(-30);
      for (let i = 0; i < 150; i++) doc.transact(() => typeBurst(gen, recent));
    } else {
      for (let i = 0; i < 1000; i++) doc.transact(() => rewrite(gen, texts));
    }
    // Measuring a big state is costly: every 10 rounds, then every round near the target.
    if (round % 10 === 0 || size > targetBytes * 0.9) size = Y.encodeStateAsUpdate(doc).byteLength;
  }
  const snapshot = Y.encodeStateAsUpdate(doc);
  const tail: Uint8Array[] = [];
  const onUpdate = (u: Uint8Array): void => void tail.push(u);
  doc.on('update', onUpdate);
  while (tail.length < tailEdits) rewrite(gen, texts.slice(-30));
  doc.off('update', onUpdate);
  tail.length = tailEdits;
  const state: StoredEpisodeState = {
    snapshot,
    tail,
    stateBytes: Y.encodeStateAsUpdate(doc).byteLength,
    scenes: fragment.length,
    structs: Y.decodeUpdate(snapshot).structs.length,
    liveChars: texts.reduce((n, t) => n + t.length, 0),
  };
  doc.destroy();
  return state;
}

// A writer puts the cursor somewhere in a block and types a burst of keys, or backspaces a few.
function typeBurst(gen: prng.PRNG, texts: Y.XmlText[]): void {
  const text = prng.oneOf(gen, texts);
  let cursor = prng.int32(gen, 0, text.length);
  if (prng.int32(gen, 0, 3) === 0 && cursor > 0) {
    const n = Math.min(cursor, prng.int32(gen, 1, 6));
    for (let i = 0; i < n; i++) text.delete(--cursor, 1);
    return;
  }
  const n = prng.int32(gen, 1, 12);
  for (let i = 0; i < n; i++) text.insert(cursor++, prng.oneOf(gen, KEYS));
}

// One rewriting session: type a phrase somewhere, fixing typos with backspace
// as you go; or, in a block that has grown long, select a stretch and delete it.
function rewrite(gen: prng.PRNG, texts: Y.XmlText[]): void {
  const text = prng.oneOf(gen, texts);
  if (prng.int32(gen, 0, 2 * TYPICAL_BLOCK_CHARS) < text.length) {
    const from = prng.int32(gen, 0, Math.max(0, text.length - 1));
    text.delete(from, Math.min(text.length - from, prng.int32(gen, 3, 30)));
    return;
  }
  let cursor = prng.int32(gen, 0, text.length);
  const phrase = prng.int32(gen, 4, 30);
  for (let i = 0; i < phrase; i++) {
    text.insert(cursor++, prng.oneOf(gen, KEYS));
    if (prng.int32(gen, 0, 15) === 0) {
      const n = Math.min(cursor, prng.int32(gen, 1, 3));
      for (let j = 0; j < n; j++) text.delete(--cursor, 1);
    }
  }
}
