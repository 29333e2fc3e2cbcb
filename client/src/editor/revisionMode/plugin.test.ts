import type { Node } from 'prosemirror-model';
import type { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run, stateOf } from '../commands/testDoc.js';
import { clearRevisionMode, refreshRevisionMode, revisionModeOf, revisionModePlugin, setRevisionBase, setRevisionEvidence } from './plugin.js';

const BASE = ['# s1 1-1 夜 内 客厅', 'action: 林晚走进来。', 'dialogue: 你好。', '# s2 1-2 日 外 街道', 'action: 车停下。', '# s3 1-3 夜 内 卧室', 'action: 灯灭了。'];
// s3 moved to the front (moved only: no line marks); s1's line 2 reworded; s2 gained line 2.
const LIVE = [
  '# s3 1-3 夜 内 卧室',
  'action: 灯灭了。',
  '# s1 1-1 夜 内 客厅',
  'action: 林晚走进来。',
  'dialogue: 你好，妹妹。',
  '# s2 1-2 日 外 街道',
  'action: 车停下。|',
  'action: 双胞胎下车。',
];

const baseDoc = (): Node => stateOf(BASE).doc;

/** The marked lines as `sceneId:blockIndex`, read from the decorations. */
function marked(state: EditorState): string[] {
  const set = revisionModeOf(state)!.decorations;
  const out = new Set<string>();
  for (const d of set.find()) {
    const spec = d.spec as { revisionMark?: boolean; sceneId?: string; blockIndex?: number };
    if (spec.revisionMark) out.add(`${spec.sceneId}:${spec.blockIndex}`);
  }
  return [...out].sort();
}

const views: EditorView[] = [];
afterEach(() => {
  for (const v of views.splice(0)) v.destroy();
  vi.useRealTimers();
});

describe('revision mode', () => {
  it('[UR7] puts a * on exactly the blocks changed since the revision; a moved-only scene gets none', () => {
    let state = stateOf(LIVE, [revisionModePlugin()]);
    expect(marked(state)).toEqual([]);
    state = run(state, setRevisionBase({ revisionId: 'r1', colour: 'White', doc: baseDoc() }));
    expect(marked(state)).toEqual(['s1:2', 's2:2']);
    const mode = revisionModeOf(state)!;
    expect([...mode.changedScenes].sort()).toEqual(['s1', 's2', 's3']);
    expect(mode.diff?.moved).toEqual(['s3']);
    // Every mark is a node decoration on the whole line plus a `*` widget at its start.
    const found = mode.decorations.find();
    expect(found.filter((d) => (d.spec as { revisionMark?: boolean }).revisionMark)).toHaveLength(4);
  });

  it('[UR7] an unchanged document has no marks; clearing turns the mode off', () => {
    let state = stateOf(BASE, [revisionModePlugin()]);
    state = run(state, setRevisionBase({ revisionId: 'r1', colour: 'White', doc: baseDoc() }));
    expect(marked(state)).toEqual([]);
    expect(revisionModeOf(state)!.changedScenes).toEqual([]);
    state = run(state, clearRevisionMode);
    expect(revisionModeOf(state)!.base).toBeNull();
    expect(revisionModeOf(state)!.decorations.find()).toEqual([]);
  });

  it('[UR7] typing maps the marks along and the refresh marks the newly changed line', () => {
    let state = stateOf(LIVE, [revisionModePlugin()]);
    state = run(state, setRevisionBase({ revisionId: 'r1', colour: 'White', doc: baseDoc() }));
    // The cursor sits at the end of s2's first action line (block 1).
    state = state.apply(state.tr.insertText('雨很大。'));
    expect(revisionModeOf(state)!.stale).toBe(true);
    expect(marked(state)).toEqual(['s1:2', 's2:2']);
    state = run(state, refreshRevisionMode);
    expect(revisionModeOf(state)!.stale).toBe(false);
    expect(marked(state)).toEqual(['s1:2', 's2:1', 's2:2']);
  });

  it('[UR7] in a view, the * marks render in the changed lines and follow typing after the debounce', () => {
    vi.useFakeTimers();
    const state = run(stateOf(LIVE, [revisionModePlugin({ debounceMs: 300 })]), setRevisionBase({ revisionId: 'r1', colour: 'Blue', doc: baseDoc(), markTitle: 'Changed since Blue' }));
    const view = new EditorView(document.createElement('div'), { state });
    views.push(view);
    const lines = () => [...view.dom.querySelectorAll<HTMLElement>('.rv-mark')].map((m) => `${m.dataset.mark} ${m.parentElement?.textContent}`);
    expect(lines()).toEqual(['* 你好，妹妹。', '* 双胞胎下车。']);
    expect(view.dom.querySelector<HTMLElement>('.rv-mark')?.title).toBe('Changed since Blue');
    view.dispatch(view.state.tr.insertText('雨很大。'));
    expect(lines()).toHaveLength(2);
    vi.advanceTimersByTime(300);
    expect(lines()).toEqual(['* 你好，妹妹。', '* 车停下。雨很大。', '* 双胞胎下车。']);
  });

  it('[UR8] each changed scene heading shows its status and evidence count', () => {
    let state = stateOf(LIVE, [revisionModePlugin()]);
    state = run(state, setRevisionBase({ revisionId: 'r1', colour: 'White', doc: baseDoc() }));
    state = run(state, setRevisionEvidence({ s1: 2, s2: 0, s3: 1 }));
    const view = new EditorView(document.createElement('div'), { state });
    views.push(view);
    const headings = [...view.dom.querySelectorAll<HTMLElement>('[data-rv-scene]')].map((h) => [
      h.textContent,
      h.dataset.rvScene,
      h.querySelector<HTMLElement>('[data-testid="rv-evidence-count"]')?.dataset.count,
    ]);
    expect(headings).toEqual([
      ['1-3 夜 内 卧室', 'moved', '1'],
      ['1-1 夜 内 客厅', 'changed', '2'],
      ['1-2 日 外 街道', 'changed', '0'],
    ]);
  });
});
