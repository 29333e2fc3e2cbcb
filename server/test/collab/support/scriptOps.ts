import { NodeName, SCRIPT_FRAGMENT } from '@loopline/shared';
import { repairSceneIds } from '@loopline/shared/collab';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';

/**
 * Direct Yjs edits of an episode's `script` fragment, shaped like the editor's
 * (scene → sceneHeading + body blocks, each holding one XmlText), for the
 * seeded fuzz tests and the benchmarks. No editor, no ProseMirror.
 */

/** A body block: element name and its text. */
export type Line = [block: string, text: string];

const CHARACTERS = ['林晚', '顾沉', '苏念', '秦川', '小周'];
const PLACES = ['客厅', '医院走廊', '公司天台', '地下车库', '咖啡馆'];
const SAMPLE_LINES = ['你终于来了。', '这份合同，你签还是不签？', '我不会再让你离开。', '门外传来脚步声。', '她把戒指放在桌上。'];

/** A scene element (not yet in a document) with a heading and body blocks. */
export function makeScene(sceneId: string, heading: string, lines: Line[]): Y.XmlElement {
  const scene = new Y.XmlElement(NodeName.scene);
  scene.setAttribute('sceneId', sceneId);
  scene.insert(0, [textBlock(NodeName.sceneHeading, heading), ...lines.map(([name, text]) => textBlock(name, text))]);
  return scene;
}

function textBlock(name: string, text: string): Y.XmlElement {
  const block = new Y.XmlElement(name);
  block.insert(0, [new Y.XmlText(text)]);
  return block;
}

/** A scene id drawn from `gen`, so a seed reproduces the same document. */
export function seededSceneId(gen: prng.PRNG): string {
  return `s${prng.uint32(gen, 0, 0xffffffff).toString(36)}${prng.uint32(gen, 0, 0xffffffff).toString(36)}`;
}

/** A plausible scene numbered `episode-index` (Chinese conventions: cast line, △ action, dialogue). */
export function sampleScene(gen: prng.PRNG, episode: number, index: number): Y.XmlElement {
  const who = prng.oneOf(gen, CHARACTERS);
  const lines: Line[] = [
    [NodeName.castLine, `人物：${who}、${prng.oneOf(gen, CHARACTERS)}`],
    [NodeName.action, `△${prng.oneOf(gen, SAMPLE_LINES)}`],
    [NodeName.character, who],
    [NodeName.dialogue, prng.oneOf(gen, SAMPLE_LINES)],
  ];
  return makeScene(seededSceneId(gen), `${episode}-${index} 夜 内 ${prng.oneOf(gen, PLACES)}`, lines);
}

/** The Yjs client id of the server-side writer of initial documents in tests (distinct from test clients). */
export const SEED_CLIENT_ID = 999_999;

/** The full state of a document holding `scenes` sample scenes, as one update; the same seed gives the same bytes. */
export function initialScriptUpdate(seed: number, scenes: number): Uint8Array {
  const gen = prng.create(seed);
  const doc = new Y.Doc();
  doc.clientID = SEED_CLIENT_ID;
  doc.getXmlFragment(SCRIPT_FRAGMENT).insert(
    0,
    Array.from({ length: scenes }, (_, i) => sampleScene(gen, 1, i + 1)),
  );
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** The scene elements of a document, in order. */
export function scenesOf(doc: Y.Doc): Y.XmlElement[] {
  return doc
    .getXmlFragment(SCRIPT_FRAGMENT)
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === NodeName.scene);
}

/** Every XmlText of every block of every scene. */
export function textsOf(doc: Y.Doc): Y.XmlText[] {
  const out: Y.XmlText[] = [];
  for (const scene of scenesOf(doc)) {
    for (const block of scene.toArray()) {
      if (!(block instanceof Y.XmlElement)) continue;
      for (const child of block.toArray()) if (child instanceof Y.XmlText) out.push(child);
    }
  }
  return out;
}

/** The scene ids in document order. */
export function sceneIdsOf(doc: Y.Doc): (string | undefined)[] {
  return scenesOf(doc).map((s) => s.getAttribute('sceneId') as string | undefined);
}

const OPS = ['insertText', 'insertText', 'insertText', 'insertText', 'deleteText', 'deleteText', 'addScene', 'addBlock', 'removeScene', 'duplicateScene'] as const;

/**
 * One random edit, as a writer's editor would make it: type or delete text
 * in a block, add a block, add or remove a scene, or duplicate a scene's id
 * (a paste from an old client; the server's and the clients' repair fix it).
 */
export function randomEdit(gen: prng.PRNG, doc: Y.Doc): string {
  const op = prng.oneOf(gen, [...OPS]);
  const fragment = doc.getXmlFragment(SCRIPT_FRAGMENT);
  const scenes = scenesOf(doc);
  const texts = textsOf(doc);
  switch (op) {
    case 'insertText': {
      if (texts.length === 0) return 'noop';
      const text = prng.oneOf(gen, texts);
      text.insert(prng.int32(gen, 0, text.length), prng.word(gen, 1, 6));
      return op;
    }
    case 'deleteText': {
      const nonEmpty = texts.filter((t) => t.length > 0);
      if (nonEmpty.length === 0) return 'noop';
      const text = prng.oneOf(gen, nonEmpty);
      const at = prng.int32(gen, 0, text.length - 1);
      text.delete(at, prng.int32(gen, 1, Math.min(3, text.length - at)));
      return op;
    }
    case 'addScene':
      fragment.insert(prng.int32(gen, 0, fragment.length), [sampleScene(gen, 1, scenes.length + 1)]);
      return op;
    case 'addBlock': {
      if (scenes.length === 0) return 'noop';
      const scene = prng.oneOf(gen, scenes);
      const block = textBlock(prng.oneOf(gen, [NodeName.action, NodeName.dialogue, NodeName.sound]), prng.word(gen, 1, 8));
      scene.insert(prng.int32(gen, 1, scene.length), [block]);
      return op;
    }
    case 'removeScene': {
      if (scenes.length <= 1) return 'noop';
      const index = fragment.toArray().indexOf(prng.oneOf(gen, scenes));
      fragment.delete(index, 1);
      return op;
    }
    case 'duplicateScene': {
      if (scenes.length === 0) return 'noop';
      const source = prng.oneOf(gen, scenes);
      const copy = makeScene(String(source.getAttribute('sceneId')), 'copied heading', [[NodeName.action, 'copied']]);
      fragment.insert(prng.int32(gen, 0, fragment.length), [copy]);
      return op;
    }
  }
}

/**
 * Makes `doc` repair scene ids after every remote transaction, as the
 * editor's scene-id plugin does. Returns the unsubscribe function.
 */
export function repairLikeTheEditor(doc: Y.Doc, remoteOrigin: unknown): () => void {
  const handler = (tr: Y.Transaction): void => {
    if (tr.origin === remoteOrigin) queueMicrotask(() => repairSceneIds(doc));
  };
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
}
