import type { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { scriptSchema } from '../schema/schema.js';
import { sceneTextblocks } from './blocks.js';
import { diffEpisodes } from './diff.js';
import { longestIncreasingSubsequence } from './lis.js';
import { changedBlocks, changedSceneIds } from './query.js';
import { runsAfter, runsBefore } from './text.js';

// Small episode documents built with the shared schema, as the server reads them.
type Line = [type: string, text: string, attrs?: Record<string, unknown>];
interface SceneSpec {
  id: string;
  heading: string;
  lines?: Line[];
}

const textblock = ([type, text, attrs]: Line): Node =>
  scriptSchema.node(type, attrs ?? null, text === '' ? [] : [scriptSchema.text(text)]);

const scene = ({ id, heading, lines = [] }: SceneSpec): Node =>
  scriptSchema.node('scene', { sceneId: id }, [textblock(['sceneHeading', heading]), ...lines.map(textblock)]);

const episode = (...scenes: SceneSpec[]): Node => scriptSchema.node('doc', null, scenes.map(scene));

const s = (id: string, heading: string, ...lines: Line[]): SceneSpec => ({ id, heading, lines });

const base = [
  s('a', '11-1 日 外 公司楼下', ['action', '△林晚骑着电动车停在楼下。'], ['character', '林晚'], ['dialogue', '请签收。']),
  s('b', '11-2 日 内 总裁办公室', ['action', '▲顾承泽抬头。'], ['dialogue', '你来了。']),
  s('c', '11-3 夜 内 医院走廊', ['action', '走廊灯光惨白。']),
  s('d', '11-4 夜 内 客厅', ['character', '苏曼琳'], ['dialogue', '你以为他会信你？']),
  s('e', '11-5 夜 外 天台', ['cliffhanger', '双胞胎出现在门口。']),
];

describe('diffEpisodes: scenes', () => {
  it('[RV3] [RV5] [RV9] identical documents: nothing added, removed, moved or changed', () => {
    const diff = diffEpisodes(episode(...base), episode(...base));
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.moved).toEqual([]);
    expect(diff.changed).toEqual([]);
    expect(diff.unchanged).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(diff.scenes.every((x) => x.blocks.length === 0)).toBe(true);
    expect(changedSceneIds(diff)).toEqual([]);
  });

  it('[RV4] a scene dragged to another place is reported moved, every other scene unchanged', () => {
    const [a, b, c, d, e] = base;
    const diff = diffEpisodes(episode(a!, b!, c!, d!, e!), episode(a!, e!, b!, c!, d!));
    expect(diff.moved).toEqual(['e']);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual([]);
    expect(diff.unchanged).toEqual(['a', 'b', 'c', 'd']);
    expect(diff.scenes.find((x) => x.sceneId === 'e')).toMatchObject({ status: 'unchanged', moved: true, beforeIndex: 4, afterIndex: 1 });
  });

  it('[RV4] two scenes exchanged far apart: exactly those two are moved', () => {
    const [a, b, c, d, e] = base;
    const diff = diffEpisodes(episode(a!, b!, c!, d!, e!), episode(a!, e!, c!, d!, b!));
    expect(diff.moved.sort()).toEqual(['b', 'e']);
    expect(diff.unchanged).toEqual(['a', 'c', 'd']);
  });

  it('[RV4] two neighbours swapped: one move explains it (the one that came forward)', () => {
    const [a, b, c, d, e] = base;
    const diff = diffEpisodes(episode(a!, b!, c!, d!, e!), episode(a!, c!, b!, d!, e!));
    expect(diff.moved).toEqual(['c']);
    expect(diff.unchanged).toEqual(['a', 'b', 'd', 'e']);
  });

  it('[RV4] a moved scene that was also edited is both moved and changed', () => {
    const [a, b, c, d, e] = base;
    const edited = s('e', '11-5 夜 外 天台', ['cliffhanger', '双胞胎和奶奶出现在门口。']);
    const diff = diffEpisodes(episode(a!, b!, c!, d!, e!), episode(edited, a!, b!, c!, d!));
    expect(diff.moved).toEqual(['e']);
    expect(diff.changed).toEqual(['e']);
    expect(diff.unchanged).toEqual(['a', 'b', 'c', 'd']);
  });

  it('[RV3] split: the first half keeps the id (changed), the second half is added under a new id', () => {
    const before = s('b', '11-2 日 内 总裁办公室', ['action', '▲顾承泽抬头。'], ['dialogue', '你来了。'], ['action', '林晚把快递放在桌上。'], ['dialogue', '请签收。']);
    const first = s('b', '11-2 日 内 总裁办公室', ['action', '▲顾承泽抬头。'], ['dialogue', '你来了。']);
    const second = s('b2', '11-2A 日 内 总裁办公室', ['action', '林晚把快递放在桌上。'], ['dialogue', '请签收。']);
    const diff = diffEpisodes(episode(base[0]!, before, base[2]!), episode(base[0]!, first, second, base[2]!));
    expect(diff.changed).toEqual(['b']);
    expect(diff.added).toEqual(['b2']);
    expect(diff.removed).toEqual([]);
    expect(diff.moved).toEqual([]);
    expect(diff.unchanged).toEqual(['a', 'c']);
    const b = diff.scenes.find((x) => x.sceneId === 'b')!;
    expect(b.headingChanged).toBe(false);
    expect(b.blocks.filter((x) => x.op === 'removed').map((x) => x.beforeIndex)).toEqual([3, 4]);
    expect(b.blocks.filter((x) => x.op === 'equal').length).toBe(3);
    expect(diff.scenes.map((x) => x.sceneId)).toEqual(['a', 'b', 'b2', 'c']);
  });

  it('[RV3] [RV5] merge: one scene removed, the one that absorbed it changed', () => {
    const [a, b, c] = base;
    const merged = s('b', '11-2 日 内 总裁办公室', ['action', '▲顾承泽抬头。'], ['dialogue', '你来了。'], ['action', '走廊灯光惨白。']);
    const diff = diffEpisodes(episode(a!, b!, c!), episode(a!, merged));
    expect(diff.removed).toEqual(['c']);
    expect(diff.changed).toEqual(['b']);
    expect(diff.added).toEqual([]);
    expect(diff.moved).toEqual([]);
    const bd = diff.scenes.find((x) => x.sceneId === 'b')!;
    expect(bd.blocks.filter((x) => x.op === 'added').map((x) => runsAfter(x.runs))).toEqual(['走廊灯光惨白。']);
    // The removed scene carries its whole text, for the evidence report.
    const cd = diff.scenes.find((x) => x.sceneId === 'c')!;
    expect(cd).toMatchObject({ status: 'removed', beforeIndex: 2, afterIndex: null, headingBefore: '11-3 夜 内 医院走廊' });
    expect(cd.blocks.map((x) => runsBefore(x.runs))).toEqual(['11-3 夜 内 医院走廊', '走廊灯光惨白。']);
  });

  it('[RV6] a renamed heading is flagged with its before and after text', () => {
    const renamed = s('c', '11-3 夜 内 医院病房', ['action', '走廊灯光惨白。']);
    const diff = diffEpisodes(episode(...base), episode(base[0]!, base[1]!, renamed, base[3]!, base[4]!));
    const c = diff.scenes.find((x) => x.sceneId === 'c')!;
    expect(c).toMatchObject({ status: 'changed', headingChanged: true, headingBefore: '11-3 夜 内 医院走廊', headingAfter: '11-3 夜 内 医院病房' });
    expect(c.blocks[0]!.runs).toEqual([
      { op: 'equal', text: '11-3 夜 内 医院' },
      { op: 'delete', text: '走廊' },
      { op: 'insert', text: '病房' },
    ]);
    expect(diff.scenes.filter((x) => x.headingChanged).map((x) => x.sceneId)).toEqual(['c']);
    expect(changedBlocks(diff, 'c')).toEqual([0]);
  });

  it('[RV3] [RV9] removed scenes sit where they were, among the scenes that stayed; all but unchanged scenes count as changed', () => {
    const [a, b, c, d, e] = base;
    const diff = diffEpisodes(episode(a!, b!, c!, d!, e!), episode(a!, d!, e!, s('f', '11-6 日 外 街口')));
    expect(diff.scenes.map((x) => `${x.sceneId}:${x.status}`)).toEqual([
      'a:unchanged',
      'b:removed',
      'c:removed',
      'd:unchanged',
      'e:unchanged',
      'f:added',
    ]);
    expect(changedSceneIds(diff)).toEqual(['b', 'c', 'f']);
  });

  it('[RV3] a duplicated id is matched once: the later copy counts as added', () => {
    const [a, b] = base;
    const diff = diffEpisodes(episode(a!, b!), episode(a!, b!, b!));
    expect(diff.unchanged).toEqual(['a', 'b']);
    expect(diff.added).toEqual(['b']);
    expect(diff.scenes[2]).toMatchObject({ sceneId: 'b', status: 'added', afterIndex: 2 });
  });

  it('[RV3] the diff is plain JSON', () => {
    const [a, b, c, d, e] = base;
    const diff = diffEpisodes(episode(a!, b!, c!, d!), episode(b!, a!, s('c', 'x'), e!));
    expect(JSON.parse(JSON.stringify(diff))).toEqual(diff);
  });
});

describe('diffEpisodes: text within scenes', () => {
  const one = (...lines: Line[]): Node => episode(s('x', '1-1 夜 内 客厅', ...lines));
  const blocksOf = (before: Node, after: Node) => diffEpisodes(before, after).scenes[0]!.blocks;

  it('[RV8] an insertion in the middle of Chinese text shows only the inserted characters', () => {
    const blocks = blocksOf(one(['dialogue', '顾总，签收吧。']), one(['dialogue', '顾总，请您签收吧。']));
    expect(blocks[1]).toMatchObject({ op: 'changed', beforeIndex: 1, afterIndex: 1, typeChanged: false });
    expect(blocks[1]!.runs).toEqual([
      { op: 'equal', text: '顾总，' },
      { op: 'insert', text: '请您' },
      { op: 'equal', text: '签收吧。' },
    ]);
  });

  it('[RV8] English edits are shown word by word', () => {
    const blocks = blocksOf(
      one(['action', 'Ethan looks up from the contract and sighs.']),
      one(['action', 'Ethan slowly looks up from the divorce papers and sighs.']),
    );
    expect(blocks[1]!.runs).toEqual([
      { op: 'equal', text: 'Ethan ' },
      { op: 'insert', text: 'slowly ' },
      { op: 'equal', text: 'looks up from the ' },
      { op: 'delete', text: 'contract' },
      { op: 'insert', text: 'divorce papers' },
      { op: 'equal', text: ' and sighs.' },
    ]);
  });

  it('[RV7] a block whose type changed (action → dialogue) is one changed block', () => {
    const blocks = blocksOf(one(['action', '我不会再让你离开。']), one(['dialogue', '我不会再让你离开。']));
    expect(blocks[1]).toMatchObject({
      op: 'changed',
      typeBefore: 'action',
      typeAfter: 'dialogue',
      typeChanged: true,
      formatChanged: false,
      runs: [{ op: 'equal', text: '我不会再让你离开。' }],
    });
  });

  it('[RV7] a changed cue extension or mark is a format change with the same text', () => {
    const blocks = blocksOf(one(['character', '林晚', { extension: '' }]), one(['character', '林晚', { extension: 'OS' }]));
    expect(blocks[1]).toMatchObject({ op: 'changed', typeChanged: false, formatChanged: true });
    const bold = scriptSchema.node('doc', null, [
      scriptSchema.node('scene', { sceneId: 'x' }, [
        textblock(['sceneHeading', '1-1 夜 内 客厅']),
        scriptSchema.node('dialogue', null, [scriptSchema.text('请签收', [scriptSchema.marks.strong!.create()])]),
      ]),
    ]);
    expect(blocksOf(one(['dialogue', '请签收']), bold)[1]).toMatchObject({ op: 'changed', formatChanged: true });
  });

  it('[RV7] blocks are aligned: an inserted line, a cut line and an edited line each show as such', () => {
    const before = one(['action', '门外传来脚步声。'], ['character', '顾承泽'], ['dialogue', '这份合同，你签还是不签？'], ['action', '她把戒指放在桌上。']);
    const after = one(['action', '门外传来脚步声。'], ['character', '顾承泽'], ['parenthetical', '冷笑'], ['dialogue', '这份合同，你到底签还是不签？']);
    const blocks = blocksOf(before, after);
    expect(blocks.map((x) => `${x.op}:${x.beforeIndex}>${x.afterIndex}`)).toEqual([
      'equal:0>0',
      'equal:1>1',
      'equal:2>2',
      'added:null>3',
      'changed:3>4',
      'removed:4>null',
    ]);
    expect(blocks[4]!.runs.filter((r) => r.op !== 'equal')).toEqual([{ op: 'insert', text: '到底' }]);
    // Margin marks: the new line, the edited line, and the line now ending the scene where text was cut.
    expect(changedBlocks(diffEpisodes(before, after), 'x')).toEqual([3, 4]);
  });

  it('[RV7] lines of a dual dialogue are blocks of their own', () => {
    const column = (who: string, line: string): Node =>
      scriptSchema.node('dialogueColumn', null, [textblock(['character', who]), textblock(['dialogue', line])]);
    const dual = (right: string): Node =>
      scriptSchema.node('doc', null, [
        scriptSchema.node('scene', { sceneId: 'x' }, [
          textblock(['sceneHeading', '1-1 夜 内 客厅']),
          scriptSchema.node('dualDialogue', null, [column('林小满', '妈妈！'), column('林小睿', right)]),
        ]),
      ]);
    const before = dual('爸爸？');
    expect(sceneTextblocks(before.firstChild!).map((b) => b.node.textContent)).toEqual(['1-1 夜 内 客厅', '林小满', '妈妈！', '林小睿', '爸爸？']);
    const diff = diffEpisodes(before, dual('叔叔？'));
    expect(changedBlocks(diff, 'x')).toEqual([4]);
  });

  it('[RV10] every block of an added scene is marked; a scene that only moved has no marks', () => {
    const [a, b] = base;
    const diff = diffEpisodes(episode(a!, b!), episode(b!, a!, s('n', '11-9 夜 内 车里', ['action', '雨刷来回摆动。'])));
    expect(changedBlocks(diff, 'n')).toEqual([0, 1]);
    expect(diff.moved).toEqual(['b']);
    expect(changedBlocks(diff, 'b')).toEqual([]);
    expect(changedBlocks(diff, 'missing')).toEqual([]);
  });

  it('[RV8] diff runs rebuild both texts exactly', () => {
    const pairs: [string, string][] = [
      ['', 'new line'],
      ['gone', ''],
      ['Mia hands him the parcel. 请签收！', 'Mia hands Ethan the parcel: 请您签收！！'],
      ['👶👶 twins', '👶 twin'],
    ];
    for (const [x, y] of pairs) {
      const blocks = blocksOf(one(['action', x]), one(['action', y]));
      const body = blocks.filter((bl) => bl.beforeIndex !== 0);
      expect(body.map((bl) => runsBefore(bl.runs)).join('')).toBe(x);
      expect(body.map((bl) => runsAfter(bl.runs)).join('')).toBe(y);
    }
  });
});

describe('longestIncreasingSubsequence', () => {
  it('[RV4] finds a longest run and breaks ties deterministically', () => {
    expect(longestIncreasingSubsequence([])).toEqual([]);
    expect(longestIncreasingSubsequence([0, 1, 2])).toEqual([0, 1, 2]);
    expect(longestIncreasingSubsequence([0, 2, 1, 3]).map((i) => [0, 2, 1, 3][i])).toEqual([0, 1, 3]);
    const seq = [3, 0, 4, 1, 5, 2, 6];
    expect(longestIncreasingSubsequence(seq).map((i) => seq[i])).toEqual([0, 1, 2, 6]);
  });
});
