import type { ItemTrace, SceneTrace, TraceRevision } from '@loopline/shared';
import { act } from 'react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { episode, LocationProbe, seriesAs } from '../../app/appTesting';
import { RevisionPage } from '../../app/pages/RevisionPage';
import { allByTestId, byTestId, click, mockFetch, type Rendered, render, waitFor } from '../../ui/testing';
import { item } from '../inbox/fixtures';
import { ItemDetail } from '../inbox/ItemDetail';
import { link, outcome, revision } from '../revisions/fixtures';
import { ItemTraceView } from './ItemTraceView';
import { SceneTraceView } from './SceneTraceView';

const blueAired: TraceRevision = { id: 'r2', episodeId: 'e1', episodeNumber: 12, colour: 'Blue', status: 'aired', airedAt: '2025-03-07T12:00:00.000Z', platform: 'douyin' };

const itemTrace: ItemTrace = {
  itemId: 'i7',
  links: [
    { link: link('l1', { revisionId: 'r2' }), episodeNumber: 12, episodeTitle: 'The Reveal', heading: '12-2 夜 内 医院走廊', revision: blueAired },
    { link: link('l9', { sceneId: 'sc6', state: 'orphaned', anchor: { kind: 'scene', sceneId: 'sc6', heading: '12-6 日 外 码头' } }), episodeNumber: 12, episodeTitle: 'The Reveal', heading: '12-6 日 外 码头', revision: null },
  ],
  outcomes: { r2: outcome('r2') },
};

describe('trace views', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    vi.unstubAllGlobals();
  });

  const cells = (root: HTMLElement, metric: string) => {
    const row = root.querySelector<HTMLElement>(`[data-testid="outcome-row"][data-metric="${metric}"]`)!;
    return ['outcome-before', 'outcome-after', 'outcome-change', 'outcome-baseline'].map((id) => byTestId(row, id).textContent);
  };

  it('[UR11] [UR13] an item trace reaches revision Blue, aired, and its outcome numbers', async () => {
    const { calls } = mockFetch({ 'GET /api/feedback/i7/trace': { body: itemTrace } });
    view = await render(<ItemTraceView itemId="i7" />);
    await waitFor(() => allByTestId(view!.container, 'trace-link').length === 2);
    expect(calls[0]?.url).toBe('/api/feedback/i7/trace?outcomes=true');
    const [first, second] = allByTestId(view.container, 'trace-link');
    expect(byTestId(first!, 'trace-scene-link').getAttribute('href')).toBe('/trace/scene/e1/sc2');
    expect(byTestId(first!, 'trace-scene-link').textContent).toBe('12-2 夜 内 医院走廊');
    const rev = byTestId(first!, 'trace-revision');
    expect(byTestId(rev, 'revision-name').textContent).toBe('Blue');
    expect(byTestId(rev, 'revision-status').dataset.status).toBe('aired');
    expect(byTestId(rev, 'revision-status').textContent).toBe('Aired');
    expect(byTestId(rev, 'trace-aired').textContent).toContain('aired on Douyin');
    expect(byTestId(rev, 'trace-revision-link').getAttribute('href')).toBe('/revisions/r2');
    expect(byTestId(second!, 'trace-no-revision').textContent).toBe('Not in a revision yet');
    expect(byTestId(second!, 'evidence-link').dataset.state).toBe('orphaned');
    expect(second!.textContent).toContain('12-6 日 外 码头');

    const out = byTestId(view.container, 'trace-outcome');
    expect(out.textContent).toContain('Outcome of Blue (Ep. 12)');
    expect(cells(out, 'completionRate')).toEqual(['41%', '48.5%', '+7.5 pp', '43%']);
    expect(cells(out, 'fiveSecondCompletion')).toEqual(['80%', '82%', '+2 pp', '—']);
    expect(cells(out, 'retentionOverChangedScenes')).toEqual(['52%', '61%', '+9 pp', '55%']);
    expect(cells(out, 'paywallUnlocks')).toEqual(['1,200', '1,530', '+330', '1,100']);
    expect(cells(out, 'evidenceComments')).toEqual(['320', '95', '−225', '—']);
    expect(out.textContent).toContain('changed scenes at 0:40–1:10');
    const chart = byTestId(out, 'outcome-chart');
    expect([chart.dataset.before, chart.dataset.after]).toEqual(['91', '91']);
    expect(byTestId(chart, 'outcome-line-before').getAttribute('d')).toMatch(/^M/);
    const range = byTestId(chart, 'outcome-chart-range');
    expect(Number(range.getAttribute('width'))).toBeGreaterThan(0);
  });

  it('[UR11] an item nobody linked says so; the inbox detail links to its trace', async () => {
    mockFetch({
      'GET /api/feedback/i8/trace': { body: { itemId: 'i8', links: [], outcomes: {} } },
      'GET /api/feedback/i8': { body: { item: item('i8'), parent: null, replies: [], authorItemCount: 1 } },
    });
    view = await render(
      <>
        <ItemTraceView itemId="i8" />
        <ItemDetail itemId="i8" episodes={new Map()} onClose={() => undefined} />
        <LocationProbe />
      </>,
    );
    await waitFor(() => view!.container.textContent?.includes('not linked to any scene'));
    const trace = await waitFor(() => view!.container.querySelector<HTMLButtonElement>('[data-testid="item-detail"] [data-testid="item-trace"]'));
    expect(trace.textContent).toBe('Trace');
    await click(trace);
    expect(byTestId(view.container, 'location').textContent).toBe('/trace/item/i8');
  });

  it('[UR11] a scene trace groups every link by revision, links in no revision last', async () => {
    const trace: SceneTrace = {
      episodeId: 'e1',
      sceneId: 'sc2',
      groups: [
        { revision: blueAired, links: [link('l1', { revisionId: 'r2' })] },
        { revision: null, links: [link('l3'), link('l4', { stance: 'contradicts' })] },
      ],
    };
    mockFetch({ 'GET /api/episodes/e1/scenes/sc2/trace': { body: trace } });
    view = await render(<SceneTraceView episodeId="e1" sceneId="sc2" />);
    await waitFor(() => allByTestId(view!.container, 'scene-trace-group').length === 2);
    expect(allByTestId(view.container, 'scene-trace-group').map((g) => `${g.dataset.revisionId}:${allByTestId(g, 'evidence-link').length}`)).toEqual(['r2:1', 'none:2']);
    expect(view.container.textContent).toContain('Contradicts');
  });

  it('[UR11] [UR12] [UR13] the revision page shows its evidence, outcome and report downloads', async () => {
    const compared = outcome('r2');
    compared.rows[0] = { metric: 'completionRate', before: 0.3, after: 0.485, baseline: 0.43 };
    const { calls } = mockFetch({
      'GET /api/revisions/r2/outcome': { body: compared },
      'GET /api/revisions/r2/trace': { body: { revision: revision('r2', 'aired'), links: [link('l1', { revisionId: 'r2' })], outcome: outcome('r2') } },
      'GET /api/series/s1': { body: seriesAs('reviewer') },
      'GET /api/series/s1/episodes': { body: { episodes: [episode, { ...episode, id: 'e0', number: 11, title: 'The Argument' }] } },
      'GET /api/episodes/e1/revisions': { body: { revisions: [revision('r1', 'aired', { number: 1, colour: 'White' }), revision('r2', 'aired')] } },
    });
    view = await render(
      <Routes>
        <Route path="/revisions/:revisionId" element={<RevisionPage />} />
      </Routes>,
      { path: '/revisions/r2' },
    );
    await waitFor(() => view!.container.querySelector('[data-testid="revision-trace"]'));
    const page = view.container;
    expect(byTestId(page, 'revision-status').dataset.status).toBe('aired');
    expect(allByTestId(byTestId(page, 'revision-evidence'), 'evidence-link').map((l) => l.dataset.linkId)).toEqual(['l1']);
    expect(byTestId(page, 'outcome-before-label').textContent).toBe('before: Ep. 11');
    expect(cells(byTestId(page, 'revision-outcome'), 'completionRate')).toEqual(['41%', '48.5%', '+7.5 pp', '43%']);
    expect(byTestId(page, 'revision-diff-previous').getAttribute('href')).toBe('/episodes/e1/diff?from=r1&to=r2');
    expect(['revision-report-html', 'revision-report-pdf', 'episode-report-html', 'episode-report-pdf'].map((id) => byTestId(page, id).getAttribute('href'))).toEqual([
      '/api/revisions/r2/report.html',
      '/api/revisions/r2/report.pdf',
      '/api/episodes/e1/report.html',
      '/api/episodes/e1/report.pdf',
    ]);
    expect(page.querySelector('[data-testid="revision-actions"]')).toBeNull();

    // Another episode to compare with: the outcome is asked again with compareTo.
    const compare = byTestId<HTMLSelectElement>(page, 'outcome-compare');
    await act(async () => {
      compare.value = 'e0';
      compare.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => calls.some((c) => c.url === '/api/revisions/r2/outcome?compareTo=e0') && cells(byTestId(page, 'revision-outcome'), 'completionRate')[0] === '30%');
    expect(cells(byTestId(page, 'revision-outcome'), 'completionRate')).toEqual(['30%', '48.5%', '+18.5 pp', '43%']);
  });
});
