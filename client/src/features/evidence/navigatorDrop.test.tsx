import { can, type Role } from '@loopline/shared';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { episode } from '../../app/appTesting';
import { EVIDENCE_DRAG_TYPE, EvidenceDropContext } from '../../editor/evidence/drag';
import { linkOf } from '../../editor/evidence/testLinks';
import { SceneNavigator } from '../../editor/navigator/SceneNavigator';
import { allByTestId, byTestId, click, mockFetch, type Rendered, render, typeInto, waitFor } from '../../ui/testing';
import { EvidenceBridge } from './EvidenceBridge';
import { dataTransfer, drag, mountEditor, type TestEditor } from './testHarness';
import { useEpisodeEvidence } from './useEpisodeEvidence';

const LINES = ['# s1 日 外 快递站', 'action: 林晚走来。', '# s2 夜 内 客厅', 'action: 灯亮了。', '# s3 夜 外 街道', 'action: 雨。'];

/** The navigator and the evidence bridge as the episode page composes them. */
function Page({ ed, myRole: role }: { ed: TestEditor; myRole: Role }) {
  const evidence = useEpisodeEvidence('e1');
  return (
    <EvidenceDropContext.Provider value={can(role, 'evidence.link') ? evidence.onDrop : null}>
      <SceneNavigator editorState={ed.handle.editorState} runner={ed.handle.runner} episodeNumber={12} language="zh" readOnly={false} />
      <EvidenceBridge seriesId="s1" episodeNumber={12} language="zh" role={role} evidence={evidence} workspace={ed.handle} />
    </EvidenceDropContext.Provider>
  );
}

const PAYLOAD = {
  seriesId: 's1',
  itemIds: ['i1', 'i2', 'i3'],
  items: [
    { id: 'i1', author: 'pA', coordinated: false },
    { id: 'i2', author: 'pB', coordinated: false },
    { id: 'i3', author: 'pA', coordinated: false },
  ],
};

describe('dragging feedback onto the scene navigator', () => {
  let view: Rendered | undefined;
  let ed: TestEditor | undefined;
  afterEach(() => {
    view?.unmount();
    ed?.destroy();
    view = undefined;
    ed = undefined;
    vi.unstubAllGlobals();
  });
  const scenes = () => allByTestId(view!.container, 'scene-nav-item');
  const sceneIds = () => {
    const ids: unknown[] = [];
    ed!.view.state.doc.forEach((s) => {
      ids.push(s.attrs.sceneId);
    });
    return ids;
  };

  it('[UE5] a drop on a scene opens the link dialog with that episode and scene chosen, and links the dragged items', async () => {
    ed = mountEditor(LINES);
    const { calls } = mockFetch({
      'GET /api/episodes/e1/links': { body: { links: [] } },
      'GET /api/series/s1/episodes': { body: { episodes: [episode] } },
      'POST /api/episodes/e1/links': { status: 201, body: linkOf('L1', { kind: 'scene', sceneId: 's2', heading: '夜 内 客厅' }) },
    });
    view = await render(<Page ed={ed} myRole="writer" />);
    const data = dataTransfer({ [EVIDENCE_DRAG_TYPE]: JSON.stringify(PAYLOAD) });
    await drag(scenes()[1]!, 'dragover', data);
    expect(scenes()[1]!.dataset.evidenceTarget).toBe('true');
    await drag(scenes()[1]!, 'drop', data);

    const dialog = await waitFor(() => document.body.querySelector<HTMLElement>('[data-testid="evidence-link-dialog"]'));
    await waitFor(() => byTestId<HTMLSelectElement>(dialog, 'evidence-episode-picker').value === 'e1');
    const scene = byTestId<HTMLSelectElement>(dialog, 'evidence-scene-picker');
    expect(scene.value).toBe('s2');
    expect(scene.selectedOptions[0]?.textContent).toBe('12-2 夜 内 客厅');
    expect(byTestId(dialog, 'evidence-preview-sample').textContent).toBe('3 mentions · 2 distinct viewers');
    await typeInto(byTestId(dialog, 'evidence-rationale'), '双胞胎');
    await click(byTestId(dialog, 'evidence-link-confirm'));
    await waitFor(() => document.body.querySelector('[data-testid="evidence-link-created"]'));
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ sceneId: 's2', itemIds: ['i1', 'i2', 'i3'] });
    // The script itself is untouched by an evidence drop.
    expect(sceneIds()).toEqual(['s1', 's2', 's3']);
  });

  it('[UE5] the navigator still reorders scenes by dragging them, and no dialog opens', async () => {
    ed = mountEditor(LINES);
    mockFetch({ 'GET /api/episodes/e1/links': { body: { links: [] } } });
    view = await render(<Page ed={ed} myRole="writer" />);
    const data = dataTransfer();
    await drag(scenes()[0]!, 'dragstart', data);
    await drag(scenes()[2]!, 'dragover', data);
    await drag(scenes()[2]!, 'drop', data);
    await waitFor(() => sceneIds()[0] !== 's1');
    expect(sceneIds()).toEqual(['s2', 's3', 's1']);
    expect(document.body.querySelector('[data-testid="evidence-link-dialog"]')).toBeNull();
  });

  it('[UE5] a reviewer\'s navigator ignores evidence drags; a drop without evidence, or from another series, links nothing', async () => {
    ed = mountEditor(LINES);
    mockFetch({ 'GET /api/episodes/e1/links': { body: { links: [] } } });
    view = await render(<Page ed={ed} myRole="reviewer" />);
    const data = dataTransfer({ [EVIDENCE_DRAG_TYPE]: JSON.stringify(PAYLOAD) });
    const over = new Event('dragover', { bubbles: true, cancelable: true });
    Object.defineProperty(over, 'dataTransfer', { value: data });
    await act(async () => {
      scenes()[1]!.dispatchEvent(over);
    });
    expect(over.defaultPrevented).toBe(false);
    await drag(scenes()[1]!, 'drop', data);
    expect(document.body.querySelector('[data-testid="evidence-link-dialog"]')).toBeNull();
    view.unmount();

    view = await render(<Page ed={ed} myRole="writer" />);
    await drag(scenes()[1]!, 'drop', dataTransfer({ 'text/plain': 'i1' }));
    await drag(scenes()[1]!, 'drop', dataTransfer({ [EVIDENCE_DRAG_TYPE]: JSON.stringify({ ...PAYLOAD, seriesId: 'other' }) }));
    await drag(scenes()[1]!, 'drop', dataTransfer({ [EVIDENCE_DRAG_TYPE]: '{not json' }));
    expect(document.body.querySelector('[data-testid="evidence-link-dialog"]')).toBeNull();
    expect(sceneIds()).toEqual(['s1', 's2', 's3']);
  });
});
