import { describe, expect, it } from 'vitest';
import { episodeDoc, scene } from '../audit/fixtures.js';
import { diffEpisodes } from '../revisions/diff.js';
import { estimateEpisodeRuntime } from '../script/runtime.js';
import { changedRange, sceneTimeRanges } from './ranges.js';

// On-screen characters ÷ 4.5, rounded to 0.1 s per scene.
const a = scene('a', '12-1 日 内 客厅', ['action', '△清晨的客厅。']); // 5 characters → 1.1 s
const b = scene('b', '12-2 日 外 医院门口', ['action', '林晚接到电话。'], ['dialogue', '你来了。'], ['cliffhanger', '双胞胎出现在门口。']); // 6 + 3 (the marker is not screen time) → 2.0 s
const c = scene('c', '12-3 夜 内 走廊'); // a heading only → 0 s
const d = scene('d', '12-4 夜 内 客厅', ['dialogue', '你以为他会信你吗我早就知道了你走吧']); // 17 → 3.8 s

describe('sceneTimeRanges', () => {
  it('[OC2] scenes back to back from 0 by their runtime estimates; the last ends at the episode estimate', () => {
    const doc = episodeDoc(a, b, c, d);
    const ranges = sceneTimeRanges(doc, 'zh');
    expect(ranges).toEqual([
      { sceneId: 'a', index: 0, fromSecond: 0, toSecond: 1.1 },
      { sceneId: 'b', index: 1, fromSecond: 1.1, toSecond: 3.1 },
      { sceneId: 'c', index: 2, fromSecond: 3.1, toSecond: 3.1 },
      { sceneId: 'd', index: 3, fromSecond: 3.1, toSecond: 6.9 },
    ]);
    expect(ranges.at(-1)!.toSecond).toBe(estimateEpisodeRuntime(doc, 'zh'));
  });

  it('[OC2] the stored JSON of a revision gives the same ranges; English counts words at 2.5 a second', () => {
    const doc = episodeDoc(a, b, c, d);
    expect(sceneTimeRanges(doc.toJSON(), 'zh')).toEqual(sceneTimeRanges(doc, 'zh'));
    const en = episodeDoc(scene('x', 'INT. OFFICE - DAY', ['action', 'Evelyn signs for the parcel.']), scene('y', 'EXT. ROOF - NIGHT', ['dialogue', 'Where are the twins?']));
    // 5 words → 2.0 s; 4 words → 1.6 s.
    expect(sceneTimeRanges(en, 'en').map((r) => [r.fromSecond, r.toSecond])).toEqual([
      [0, 2],
      [2, 3.6],
    ]);
  });
});

describe('changedRange', () => {
  const before = episodeDoc(a, b, c);
  it('[OC2] the span from the first changed scene to the end of the last, in the after document', () => {
    const after = episodeDoc(a, scene('b', '12-2 日 外 医院门口', ['action', '林晚接到电话，愣住了。']), c, d);
    // b: 9 characters → [1.1, 3.1); d added → [3.1, 6.9).
    expect(changedRange(diffEpisodes(before, after), sceneTimeRanges(after, 'zh'))).toEqual({ fromSecond: 1.1, toSecond: 6.9 });
  });

  it('[OC2] a moved scene is timed where it now is; a removed scene adds nothing; nothing changed → null', () => {
    const moved = episodeDoc(b, c, a);
    expect(changedRange(diffEpisodes(before, moved), sceneTimeRanges(moved, 'zh'))).toEqual({ fromSecond: 2, toSecond: 3.1 });
    const cut = episodeDoc(a, c);
    expect(changedRange(diffEpisodes(before, cut), sceneTimeRanges(cut, 'zh'))).toBeNull();
    expect(changedRange(diffEpisodes(before, before), sceneTimeRanges(before, 'zh'))).toBeNull();
  });
});
