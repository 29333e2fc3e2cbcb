import type { EpisodeDiff, SceneDiff } from '@loopline/shared';
import { diffEpisodes, scriptSchema } from '@loopline/shared';
import type { Node } from 'prosemirror-model';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allByTestId, byTestId, mockFetch, type Rendered, render, waitFor } from '../../ui/testing';
import { DiffView } from './DiffView';
import { link, revision } from './fixtures';

/** A script document from scenes of [id, heading, ...action lines]. */
function doc(...scenes: [string, string, ...string[]][]): Node {
  return scriptSchema.node(
    'doc',
    null,
    scenes.map(([id, heading, ...lines]) =>
      scriptSchema.node('scene', { sceneId: id }, [
        scriptSchema.node('sceneHeading', null, scriptSchema.text(heading)),
        ...lines.map((l) => scriptSchema.node('action', null, scriptSchema.text(l))),
      ]),
    ),
  );
}

// The worked example in miniature: 12-4 (the twins reveal) moves to the end, 12-2 gains a line, 12-3 is cut.
const before = doc(
  ['sc1', '12-1 夜 内 客厅', '林晚签收快递。'],
  ['sc4', '12-4 夜 内 医院', '双胞胎出现。'],
  ['sc2', '12-2 夜 内 医院走廊', '林晚在医院走廊里奔跑。'],
  ['sc3', '12-3 日 外 街道', '车停下。'],
  ['sc5', '12-5 夜 外 天台', '风很大。'],
);
const after = doc(
  ['sc1', '12-1 夜 内 客厅', '林晚签收快递。'],
  ['sc2', '12-2 夜 内 医院走廊', '林晚在医院走廊里奔跑，喊着双胞胎的名字。'],
  ['sc5', '12-5 夜 外 天台', '风很大。'],
  ['sc4', '12-4 夜 内 医院', '双胞胎出现。'],
);

describe('DiffView', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    vi.unstubAllGlobals();
  });

  const scene = (id: string) => view!.container.querySelector<HTMLElement>(`[data-testid="diff-scene"][data-scene-id="${id}"]`);

  async function show(diff: EpisodeDiff, evidence: Record<string, unknown[]>) {
    const mocked = mockFetch({
      'GET /api/episodes/e1/revisions': { body: { revisions: [revision('r1', 'aired', { number: 1, colour: 'White' }), revision('r2', 'approved')] } },
      'GET /api/episodes/e1/diff': { body: { diff, from: { revisionId: 'r1', colour: 'White' }, to: { revisionId: null, colour: null }, evidence } },
    });
    view = await render(<DiffView episodeId="e1" from="r1" to="current" onPick={() => undefined} />);
    await waitFor(() => view!.container.querySelector('[data-testid="diff-scenes"]'));
    return mocked;
  }

  it('[UR5] shows a moved scene as moved (not removed and added), a cut scene as removed, and the inserted text', async () => {
    const diff = diffEpisodes(before, after);
    const { calls } = await show(diff, { sc2: [link('l1')], sc3: [], sc4: [] });
    expect(calls.find((c) => c.url.includes('/diff'))?.url).toBe('/api/episodes/e1/diff?from=r1&to=current');
    expect(allByTestId(view!.container, 'diff-scene').map((s) => `${s.dataset.sceneId}:${s.dataset.status}`)).toEqual(['sc2:changed', 'sc3:removed', 'sc4:moved']);
    const moved = scene('sc4')!;
    expect(allByTestId(moved, 'diff-scene-label').map((l) => l.textContent)).toEqual(['Moved']);
    expect(byTestId(moved, 'diff-moved').textContent).toBe('from position 2 to 4');
    expect(moved.querySelector('[data-testid="diff-ins"], [data-testid="diff-del"]')).toBeNull();
    expect(view!.container.querySelectorAll('[data-scene-id="sc4"][data-testid="diff-scene"]')).toHaveLength(1);

    const changed = scene('sc2')!;
    expect(allByTestId(changed, 'diff-block').map((b) => b.dataset.op)).toEqual(['changed']);
    expect(allByTestId(changed, 'diff-ins').map((i) => i.tagName + i.textContent)).toEqual(['INS，喊着双胞胎的名字']);
    expect(allByTestId(changed, 'diff-del')).toEqual([]);
    expect(byTestId(changed, 'diff-block').textContent).toContain('林晚在医院走廊里奔跑，喊着双胞胎的名字。');
    expect(byTestId(view!.container, 'diff-summary').textContent).toBe('1 changed · 0 added · 1 removed · 1 moved');
    expect(allByTestId(scene('sc3')!, 'diff-del').map((d) => d.textContent)).toEqual(['12-3 日 外 街道', '车停下。']);
  });

  it('[UR6] each changed scene lists its evidence with the sample; one without says so', async () => {
    await show(diffEpisodes(before, after), { sc2: [link('l1'), link('l2', { state: 'drifted', sample: { mentions: 12, distinctViewers: 12, coordinated: 0, topSegment: { name: 'paying', value: 'yes', share: 0.9 } } })], sc3: [], sc4: [] });
    const evidence = byTestId(scene('sc2')!, 'diff-evidence');
    expect(evidence.dataset.count).toBe('2');
    expect(allByTestId(evidence, 'evidence-link').map((l) => `${l.dataset.linkId}:${l.dataset.state}`)).toEqual(['l1:anchored', 'l2:drifted']);
    expect(allByTestId(evidence, 'evidence-sample').map((s) => s.textContent)).toEqual([
      '4,100 mentions · 2,900 distinct viewers',
      '12 mentions · 12 distinct viewers · 90% paying=yes',
    ]);
    expect(byTestId(scene('sc3')!, 'diff-evidence').textContent).toBe('No evidence linked to this change.');
  });

  it('[UR5] a scene both moved and edited carries both labels', async () => {
    const edited: SceneDiff = { ...diffEpisodes(before, after).scenes.find((s) => s.sceneId === 'sc4')!, status: 'changed' };
    const diff = diffEpisodes(before, after);
    await show({ ...diff, scenes: diff.scenes.map((s) => (s.sceneId === 'sc4' ? edited : s)) }, {});
    expect(scene('sc4')!.dataset.status).toBe('changed moved');
    expect(allByTestId(scene('sc4')!, 'diff-scene-label').map((l) => l.dataset.label)).toEqual(['changed', 'moved']);
  });
});
