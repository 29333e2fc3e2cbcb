/**
 * Scripts of the trace bench's episodes: a short-drama episode of a dozen
 * scenes, revised one scene at a time. Each revision is a ProseMirror JSON
 * document of the shared schema; the bench turns it into real Yjs state the
 * way the server does (initialDocumentUpdate), so revisions carry a small
 * but genuine state and document.
 */
import { Random } from '../src/generate/index.js';

type Line = [type: string, text: string];

interface SceneSpec {
  id: string;
  heading: string;
  lines: Line[];
}

const PHRASES = ['你终于来了。', '这份合同，你签还是不签？', '我不会再让你离开。', '门外传来脚步声。', '她把戒指放在桌上。', '请签收。', '双胞胎躲在门后偷听。', '顾承泽沉默良久。'];
const NAMES = ['林晚', '顾承泽', '林小满', '林小睿', '苏曼琳', '顾老夫人'];
const PLACES = ['客厅', '医院走廊', '公司天台', '地下车库', '咖啡馆', '总裁办公室'];

function sentence(r: Random, parts: number): string {
  let out = '';
  for (let i = 0; i < parts; i++) out += r.pick(PHRASES);
  return out;
}

function makeScene(r: Random, episode: number, index: number): SceneSpec {
  const lines: Line[] = [['castLine', `人物：${r.pick(NAMES)}、${r.pick(NAMES)}`]];
  for (let n = r.int(2, 4); n > 0; n--) {
    lines.push(['action', `△${sentence(r, r.int(1, 2))}`]);
    lines.push(['character', r.pick(NAMES)]);
    lines.push(['dialogue', sentence(r, r.int(1, 2))]);
  }
  return { id: `e${episode}-s${index}`, heading: `${episode}-${index} ${r.pick(['日', '夜'])} 内 ${r.pick(PLACES)}`, lines };
}

function toJson(scenes: readonly SceneSpec[]): unknown {
  const block = ([type, text]: Line) => ({ type, content: [{ type: 'text', text }] });
  return {
    type: 'doc',
    content: scenes.map((s) => ({
      type: 'scene',
      attrs: { sceneId: s.id },
      content: [block(['sceneHeading', s.heading]), ...s.lines.map(block)],
    })),
  };
}

/** An episode's revisions and its working script, as ProseMirror JSON. */
export interface EpisodeScripts {
  /** Revision k's document, k = 0 … revisions − 1. */
  revisions: unknown[];
  /** The script now: the last revision with one more scene cut (links to it are orphaned). */
  working: unknown;
  /** Scene ids of the working script, in order. */
  sceneIds: string[];
  /** The scene cut after the last revision. */
  cutScene: { id: string; heading: string };
}

/**
 * `revisions` successive versions of an episode of `scenes` scenes: each
 * revision rewrites a line of one scene, and every third also renames a
 * heading or writes a new scene, so consecutive revisions differ as a
 * writers' room's do.
 */
export function episodeScripts(seed: number, episode: number, scenes: number, revisions: number): EpisodeScripts {
  const r = new Random(seed ^ (episode * 65_537));
  let current: SceneSpec[] = Array.from({ length: scenes }, (_, i) => makeScene(r, episode, i + 1));
  const out: unknown[] = [];
  for (let k = 0; k < revisions; k++) {
    if (k > 0) {
      current = current.map((s) => ({ ...s, lines: [...s.lines] }));
      const scene = current[r.int(0, current.length - 1)]!;
      const at = r.int(0, scene.lines.length - 1);
      scene.lines[at] = [scene.lines[at]![0], `${scene.lines[at]![1]}她忽然笑了。`];
      if (k % 3 === 0) scene.heading = scene.heading.includes('日') ? scene.heading.replace('日', '夜') : scene.heading.replace('夜', '日');
      if (k % 3 === 1) current.splice(r.int(0, current.length), 0, makeScene(r, episode, 100 + k));
    }
    out.push(toJson(current));
  }
  const cutAt = r.int(0, current.length - 1);
  const cut = current[cutAt]!;
  const working = current.filter((_, i) => i !== cutAt);
  return {
    revisions: out,
    working: toJson(working),
    sceneIds: working.map((s) => s.id),
    cutScene: { id: cut.id, heading: cut.heading },
  };
}
