import type { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { scriptSchema } from '../schema/schema.js';
import { sceneTextblocks } from './blocks.js';
import { diffEpisodes } from './diff.js';
import { runsAfter, runsBefore } from './text.js';

// Seeded property test of the episode diff [RV3] [RV4] [RV7] [RV8]: random
// revisions of a random episode; whatever the edits, the diff accounts for
// every scene exactly once and its block runs rebuild both versions exactly.

/** mulberry32, as in sceneIds.test.ts. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return { int, pick: <T>(list: readonly T[]): T => list[int(0, list.length - 1)]! };
}
type Rng = ReturnType<typeof prng>;

type Line = [type: string, text: string];
interface Spec {
  id: string;
  lines: Line[];
}
const TYPES = ['action', 'character', 'dialogue', 'parenthetical'];
const WORDS = ['请签收', '顾总', '双胞胎', 'Mia', 'hides', 'the', 'door', '，', '。', ' ', '门外传来脚步声'];

const text = (rng: Rng): string => Array.from({ length: rng.int(0, 6) }, () => rng.pick(WORDS)).join('');
const toDoc = (specs: Spec[]): Node =>
  scriptSchema.node(
    'doc',
    null,
    specs.map((s) =>
      scriptSchema.node(
        'scene',
        { sceneId: s.id },
        s.lines.map(([type, t]) => scriptSchema.node(type, null, t ? [scriptSchema.text(t)] : [])),
      ),
    ),
  );

function revise(rng: Rng, specs: Spec[]): Spec[] {
  const out = specs.map((s) => ({ id: s.id, lines: s.lines.map((l) => [...l] as Line) }));
  for (let n = rng.int(0, 8); n > 0; n--) {
    const s = out[rng.int(0, out.length - 1)]!;
    const i = rng.int(0, s.lines.length - 1);
    switch (rng.int(0, 6)) {
      case 0: {
        const [moved] = out.splice(rng.int(0, out.length - 1), 1);
        out.splice(rng.int(0, out.length), 0, moved!);
        break;
      }
      case 1:
        if (out.length > 1) out.splice(rng.int(0, out.length - 1), 1);
        break;
      case 2:
        out.splice(rng.int(0, out.length), 0, { id: `n${rng.int(0, 1e6)}`, lines: [['sceneHeading', text(rng)]] });
        break;
      case 3:
        if (i > 0) s.lines.splice(i, 1);
        break;
      case 4:
        s.lines.splice(rng.int(1, s.lines.length), 0, [rng.pick(TYPES), text(rng)]);
        break;
      case 5:
        if (i > 0) s.lines[i]![0] = rng.pick(TYPES);
        break;
      default: {
        const old = s.lines[i]![1];
        const at = rng.int(0, old.length);
        s.lines[i]![1] = old.slice(0, at) + text(rng) + old.slice(Math.min(old.length, at + rng.int(0, 3)));
      }
    }
  }
  return out;
}

describe('diffEpisodes properties (seeded)', () => {
  it('[RV3] [RV4] [RV7] [RV8] every scene accounted for once; block runs rebuild both versions (300 seeds)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      try {
        const rng = prng(seed);
        const before: Spec[] = Array.from({ length: rng.int(1, 8) }, (_, k) => ({
          id: `s${k}`,
          lines: [['sceneHeading', text(rng)], ...Array.from({ length: rng.int(0, 5) }, (): Line => [rng.pick(TYPES), text(rng)])],
        }));
        const after = revise(rng, before);
        const b = toDoc(before);
        const a = toDoc(after);
        const diff = diffEpisodes(b, a);
        const beforeIds = before.map((s) => s.id);
        const afterIds = after.map((s) => s.id);
        expect(diff.added.sort()).toEqual(afterIds.filter((id) => !beforeIds.includes(id)).sort());
        expect(diff.removed.sort()).toEqual(beforeIds.filter((id) => !afterIds.includes(id)).sort());
        expect(diff.scenes.map((s) => s.sceneId).sort()).toEqual([...new Set([...beforeIds, ...afterIds])].sort());
        // Putting the moved scenes aside, the rest is in the old order.
        const stayed = diff.scenes.filter((s) => s.beforeIndex !== null && s.afterIndex !== null && !s.moved);
        expect(stayed.map((s) => s.beforeIndex)).toEqual([...stayed.map((s) => s.beforeIndex!)].sort((x, y) => x - y));
        for (const s of diff.scenes) {
          if (s.status === 'unchanged') continue;
          const texts = (doc: Node, index: number | null): string[] =>
            index === null ? [] : sceneTextblocks(doc.child(index)).map((t) => t.node.textContent);
          const side = (pick: 'beforeIndex' | 'afterIndex', rebuild: typeof runsBefore) =>
            s.blocks.filter((x) => x[pick] !== null).map((x) => rebuild(x.runs));
          expect(side('beforeIndex', runsBefore)).toEqual(texts(b, s.beforeIndex));
          expect(side('afterIndex', runsAfter)).toEqual(texts(a, s.afterIndex));
        }
        expect(JSON.parse(JSON.stringify(diff))).toEqual(diff);
      } catch (error) {
        throw new Error(`diff property failed with seed ${seed}: ${(error as Error).message}`);
      }
    }
  });
});
