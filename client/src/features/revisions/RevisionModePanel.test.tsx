import type { Role } from '@loopline/shared';
import type { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from '../../editor/collab/store';
import { stateOf } from '../../editor/commands/testDoc';
import { revisionModePlugin } from '../../editor/revisionMode/plugin';
import { allByTestId, byTestId, mockFetch, type Rendered, render, waitFor } from '../../ui/testing';
import { link, revision } from './fixtures';
import { evidenceSince, RevisionModePanel } from './RevisionModePanel';

const WRITER: Role = 'writer';
const WHITE = ['# sc1 12-1 夜 内 客厅', 'action: 林晚签收快递。', '# sc2 12-2 夜 内 医院走廊', 'action: 林晚奔跑。'];
const LIVE = ['# sc1 12-1 夜 内 客厅', 'action: 林晚签收快递。', '# sc2 12-2 夜 内 医院走廊', 'action: 林晚奔跑。', 'action: 双胞胎出现在走廊尽头。'];

describe('RevisionModePanel', () => {
  let view: Rendered | undefined;
  let editor: EditorView | undefined;
  afterEach(() => {
    view?.unmount();
    editor?.destroy();
    vi.unstubAllGlobals();
  });

  it('[UR8] evidence since a revision: links in no revision and links of later revisions, by scene', () => {
    const revisions = [revision('r1', 'aired', { number: 1, colour: 'White' }), revision('r2', 'proposed'), revision('r3', 'draft', { number: 3, colour: 'Pink' })];
    const links = [link('a', { revisionId: 'r1' }), link('b', { revisionId: 'r2' }), link('c'), link('d', { revisionId: 'r3', sceneId: 'sc4' })];
    const since = (id: string) => Object.fromEntries([...evidenceSince(links, revisions.find((r) => r.id === id)!, revisions)].map(([k, v]) => [k, v.map((l) => l.id)]));
    expect(since('r1')).toEqual({ sc2: ['b', 'c'], sc4: ['d'] });
    expect(since('r2')).toEqual({ sc2: ['c'], sc4: ['d'] });
    expect(since('r3')).toEqual({ sc2: ['c'] });
  });

  it('[UR7] [UR8] picking a revision marks the changed lines in the script and lists the changed scenes with evidence', async () => {
    const white = revision('r1', 'aired', { number: 1, colour: 'White' });
    const { calls } = mockFetch({
      'GET /api/episodes/e1/revisions': { body: { revisions: [white] } },
      'GET /api/episodes/e1/links': { body: { links: [link('l1', { sceneId: 'sc2' }), link('l0', { sceneId: 'sc2', revisionId: 'r1' })] } },
      'GET /api/revisions/r1/doc': { body: { doc: stateOf(WHITE).doc.toJSON() } },
    });
    const store = createStore<EditorState | null>(null);
    const mount = document.createElement('div');
    editor = new EditorView(mount, {
      state: stateOf(LIVE, [revisionModePlugin()]),
      dispatchTransaction(tr) {
        const next = editor!.state.apply(tr);
        editor!.updateState(next);
        store.set(next);
      },
    });
    store.set(editor.state);
    const getView = () => editor ?? null;
    view = await render(<RevisionModePanel episodeId="e1" seriesId="s1" role={WRITER} editorState={store} getView={getView} />);
    const select = await waitFor(() => {
      const s = view!.container.querySelector<HTMLSelectElement>('[data-testid="revision-mode-select"]');
      return s && s.options.length === 2 ? s : null;
    });
    expect(mount.querySelector('.rv-mark')).toBeNull();
    await act(async () => {
      select.value = 'r1';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => allByTestId(view!.container, 'revision-mode-scene').length === 1);
    expect(calls.some((c) => c.url === '/api/revisions/r1/doc')).toBe(true);
    expect([...mount.querySelectorAll('.rv-mark')].map((m) => m.parentElement?.textContent)).toEqual(['双胞胎出现在走廊尽头。']);
    const scene = byTestId(view.container, 'revision-mode-scene');
    expect(scene.dataset.sceneId).toBe('sc2');
    expect(allByTestId(scene, 'evidence-link').map((l) => l.dataset.linkId)).toEqual(['l1']);
    await waitFor(() => mount.querySelector('[data-testid="rv-evidence-count"]'));
    expect(mount.querySelector<HTMLElement>('[data-testid="rv-evidence-count"]')?.dataset.count).toBe('1');
    expect(byTestId(view.container, 'revision-mode-changes').textContent).toContain('Scenes changed since White: 1');

    await act(async () => {
      select.value = '';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(mount.querySelector('.rv-mark')).toBeNull();
    expect(view.container.querySelector('[data-testid="revision-mode-changes"]')).toBeNull();
  });
});
