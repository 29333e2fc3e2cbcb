import type { EvidenceLink, Role, SpanAnchor } from '@loopline/shared';
import { TextSelection } from 'prosemirror-state';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { episode } from '../../app/appTesting';
import type { WorkspaceHandle } from '../../editor/EpisodeWorkspace';
import { anchorForSelection } from '../../editor/evidence/selection';
import { linkOf } from '../../editor/evidence/testLinks';
import { allByTestId, byTestId, click, type MockAnswer, mockFetch, type Rendered, render, typeInto, waitFor } from '../../ui/testing';
import { item } from '../inbox/fixtures';
import { EvidenceBridge } from './EvidenceBridge';
import { EvidencePanel } from './EvidencePanel';
import { inEditor, mountEditor, type TestEditor } from './testHarness';
import { useEpisodeEvidence } from './useEpisodeEvidence';

const LINES = [
  '# s1 日 外 快递站',
  'action: △林晚把快递递给顾承泽。',
  'dialogue: 顾总，请签收。',
  '# s2 夜 内 客厅',
  'action: Mia hides behind the door.',
  '# s3 夜 外 街道',
  'dialogue: 双胞胎在哪？',
];

/** The side panel and the bridge as the episode page mounts them, on a test editor. */
function Side({ handle, myRole: role }: { handle: WorkspaceHandle; myRole: Role }) {
  const evidence = useEpisodeEvidence('e1');
  const props = { seriesId: 's1', episodeNumber: 12, language: 'zh' as const, role, evidence };
  return (
    <>
      <EvidencePanel {...props} workspace={handle} />
      <EvidenceBridge {...props} workspace={handle} />
    </>
  );
}

/** Positions of `text` in the editor's document. */
function find(ed: TestEditor, text: string): { from: number; to: number } {
  let found: { from: number; to: number } | null = null;
  ed.view.state.doc.descendants((node, pos) => {
    if (found || !node.isText) return;
    const at = node.text!.indexOf(text);
    if (at >= 0) found = { from: pos + at, to: pos + at + text.length };
  });
  if (!found) throw new Error(`no ${text}`);
  return found;
}

function select(ed: TestEditor, from: number, to = from): void {
  ed.view.dispatch(ed.view.state.tr.setSelection(TextSelection.create(ed.view.state.doc, from, to)));
}

function spanOn(ed: TestEditor, text: string): SpanAnchor {
  const { from, to } = find(ed, text);
  select(ed, from, to);
  return anchorForSelection(ed.view.state, ed.ydoc)!;
}

const quotesOf = (id: string, texts: string[]): Record<string, MockAnswer> => ({
  [`GET /api/links/${id}/items`]: { body: { items: texts.map((text, i) => item(`${id}-${i}`, { text, author: `pseudo${id}${i}xxxxxxxx` })), total: texts.length } },
});

describe('the evidence side panel', () => {
  let view: Rendered | undefined;
  let ed: TestEditor | undefined;
  afterEach(() => {
    view?.unmount();
    ed?.destroy();
    view = undefined;
    ed = undefined;
    vi.unstubAllGlobals();
    sessionStorage.clear();
  });
  const panel = () => byTestId(view!.container, 'evidence-panel');
  const rowsIn = (root: ParentNode) => allByTestId(root, 'evidence-panel-link');

  it('[UE6] [UE9] lists the scene\'s links with their live state labels, and keeps the orphaned one with its quote and old heading', async () => {
    ed = mountEditor(LINES);
    const anchored = spanOn(ed, '请签收');
    const drifted = spanOn(ed, '林晚');
    const sceneOnly = spanOn(ed, '顾承泽');
    const orphaned = spanOn(ed, '双胞胎');
    // The server last saw every link anchored; the script has changed since.
    const links: EvidenceLink[] = [
      linkOf('A', anchored, { rationale: '观众在问签收梗' }),
      linkOf('B', drifted, { stance: 'supports', weight: 1 }),
      linkOf('C', sceneOnly, { stance: 'contradicts', weight: 0 }),
      linkOf('D', { ...orphaned, heading: '12-3 夜 外 街道' }),
    ];
    const { calls } = mockFetch({
      'GET /api/episodes/e1/links': { body: { links } },
      ...quotesOf('A', ['请签收哈哈', '请签收！']),
      ...quotesOf('B', []),
      ...quotesOf('C', []),
      ...quotesOf('D', ['双胞胎去哪了']),
    });
    await inEditor(() => {
      ed!.view.dispatch(ed!.view.state.tr.insertText('小', find(ed!, '晚').from));
      const gone = find(ed!, '顾承泽');
      ed!.view.dispatch(ed!.view.state.tr.delete(gone.from, gone.to));
      const doc = ed!.view.state.doc;
      const s3 = doc.child(2);
      ed!.view.dispatch(ed!.view.state.tr.delete(doc.content.size - s3.nodeSize, doc.content.size));
      select(ed!, find(ed!, '顾总').from);
    });
    view = await render(<Side handle={ed.handle} myRole="reviewer" />);
    await waitFor(() => rowsIn(panel()).length === 4);

    expect(byTestId(panel(), 'evidence-panel-scene').textContent).toBe('12-1 日 外 快递站');
    const scene = rowsIn(panel()).filter((r) => !r.closest('[data-testid="evidence-orphaned"]'));
    expect(scene.map((r) => [r.dataset.linkId, r.dataset.state, byTestId(r, 'evidence-state').textContent])).toEqual([
      ['A', 'anchored', 'Anchored'],
      ['B', 'drifted', 'Drifted'],
      ['C', 'scene-only', 'Scene only'],
    ]);
    const a = scene[0]!;
    expect(a.textContent).toContain('Motivates a change');
    expect(a.textContent).toContain('Weight 2/3');
    expect(a.textContent).toContain('观众在问签收梗');
    expect(a.textContent).toContain('Mia');
    expect(byTestId(a, 'evidence-quote').textContent).toBe('请签收');
    expect(byTestId(a, 'evidence-sample-line').textContent).toBe('3 mentions · 2 distinct viewers · 1 coordinated');
    await waitFor(() => allByTestId(a, 'evidence-item-quote').length === 2);
    expect(allByTestId(a, 'evidence-item-quote').map((q) => q.textContent)).toEqual(['pseudoA0xx 请签收哈哈', 'pseudoA1xx 请签收！']);
    expect(byTestId<HTMLAnchorElement>(a, 'evidence-show-in-inbox').getAttribute('href')).toBe('/series/s1?tab=inbox&link=A');
    expect(allByTestId<HTMLAnchorElement>(a, 'evidence-item-quote')[0]!.querySelector('a')?.getAttribute('href')).toBe('/series/s1?tab=inbox&link=A&item=A-0');
    expect(scene[1]!.textContent).toContain('Supports keeping it');
    expect(scene[2]!.textContent).toContain('Contradicts the change');

    const orphan = byTestId(panel(), 'evidence-orphaned');
    const d = rowsIn(orphan)[0]!;
    expect(d.dataset).toMatchObject({ linkId: 'D', state: 'orphaned' });
    expect(byTestId(d, 'evidence-state').textContent).toBe('Orphaned');
    expect(byTestId(d, 'evidence-quote').textContent).toBe('双胞胎');
    expect(byTestId(d, 'evidence-old-heading').textContent).toBe('Was in: 12-3 夜 外 街道');

    // In the script: exactly the spans still there are highlighted; the scene badge counts its three links.
    const spans = [...ed.view.dom.querySelectorAll<HTMLElement>('.ev-span')].map((s) => `${s.dataset.evidenceLink}:${s.textContent}`);
    expect(spans).toEqual(['B:林小晚', 'A:请签收']);
    expect(allByTestId(ed.view.dom, 'evidence-scene-badge').map((b) => `${b.dataset.sceneId}:${b.dataset.count}`)).toEqual(['s1:3']);

    // Another scene under the cursor: its (empty) evidence; the orphaned link stays listed.
    await inEditor(() => select(ed!, find(ed!, 'hides').from));
    expect(byTestId(panel(), 'evidence-panel-scene').textContent).toBe('12-2 夜 内 客厅');
    expect(panel().textContent).toContain('No evidence linked to this scene yet.');
    expect(rowsIn(byTestId(panel(), 'evidence-orphaned')).map((r) => r.dataset.linkId)).toEqual(['D']);
    // A reviewer reads: no link buttons.
    expect(panel().querySelector('[data-testid="evidence-link-to-selection"]')).toBeNull();
    expect(calls.every((c) => c.method === 'GET')).toBe(true);
  });

  it('[UE8] a writer links the selected text: the span anchor made on the client\'s Y.Doc is posted with the selected items', async () => {
    ed = mountEditor(LINES);
    sessionStorage.setItem(
      'loopline:evidence-selection:s1',
      JSON.stringify([
        { id: 'i1', author: 'pA', coordinated: false },
        { id: 'i2', author: 'pB', coordinated: false },
      ]),
    );
    let saved: EvidenceLink[] = [];
    const { calls } = mockFetch({
      'GET /api/episodes/e1/links': () => ({ body: { links: saved } }),
      'GET /api/series/s1/episodes': { body: { episodes: [episode] } },
      'GET /api/series/s1/evidence-sets': { body: { sets: [] } },
      'POST /api/episodes/e1/links': (body) => {
        const input = body as { sceneId: string; span: Omit<SpanAnchor, 'kind' | 'sceneId' | 'heading'> };
        saved = [linkOf('N1', { kind: 'span', sceneId: input.sceneId, heading: '12-1 日 外 快递站', ...input.span }, { itemCount: 2, sample: { mentions: 2, distinctViewers: 2, coordinated: 0, topSegment: null } })];
        return { status: 201, body: saved[0] };
      },
      ...quotesOf('N1', ['顾总请签收']),
    });
    view = await render(<Side handle={ed.handle} myRole="writer" />);
    await waitFor(() => panel().textContent?.includes('No evidence linked to this scene yet.'));
    const target = find(ed, '请签收');
    await inEditor(() => select(ed!, target.from, target.to));
    const expected = anchorForSelection(ed.view.state, ed.ydoc)!;

    await click(byTestId(panel(), 'evidence-link-to-selection'));
    const dialog = byTestId(document.body, 'evidence-link-dialog');
    expect(byTestId(dialog, 'evidence-dialog-quote').textContent).toBe('请签收');
    expect(byTestId(dialog, 'evidence-preview-sample').textContent).toBe('2 mentions · 2 distinct viewers');
    await typeInto(byTestId(dialog, 'evidence-rationale'), '签收梗');
    await click(byTestId(dialog, 'evidence-link-confirm'));
    await waitFor(() => document.body.querySelector('[data-testid="evidence-link-created"]'));
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({
      sceneId: 's1',
      rationale: '签收梗',
      stance: 'motivates',
      weight: 1,
      itemIds: ['i1', 'i2'],
      span: { blockIndex: 2, start: expected.start, end: expected.end, quote: '请签收' },
    });
    await click(byTestId(document.body, 'evidence-link-done'));
    // The panel reloads the links: the new one is listed and its span highlighted in the script.
    await waitFor(() => rowsIn(panel()).length === 1);
    expect(rowsIn(panel())[0]!.dataset).toMatchObject({ linkId: 'N1', state: 'anchored' });
    await waitFor(() => ed!.view.dom.querySelector('.ev-span'));
    expect(ed.view.dom.querySelector('.ev-span')?.textContent).toBe('请签收');
  });

  it('[UE8] a selection across two lines is refused with the reason, and no dialog opens', async () => {
    ed = mountEditor(LINES);
    mockFetch({ 'GET /api/episodes/e1/links': { body: { links: [] } } });
    view = await render(<Side handle={ed.handle} myRole="showrunner" />);
    await inEditor(() => select(ed!, find(ed!, '顾承泽').from, find(ed!, '请签收').to));
    await click(byTestId(panel(), 'evidence-link-to-selection'));
    expect(byTestId(panel(), 'evidence-selection-problem').textContent).toBe('Select text within one line of one scene.');
    expect(document.body.querySelector('[data-testid="evidence-link-dialog"]')).toBeNull();
  });
});
