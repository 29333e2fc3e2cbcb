import type { EvidenceLink, Role } from '@loopline/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { episode } from '../../app/appTesting';
import { linkOf } from '../../editor/evidence/testLinks';
import { allByTestId, byTestId, click, mockFetch, type Rendered, render, submit, typeInto, waitFor } from '../../ui/testing';
import { item } from '../inbox/fixtures';
import { InboxPanel } from '../inbox/InboxPanel';
import { choose, dataTransfer, drag, shiftClick } from './testHarness';

const FEED = [
  item('i1', { author: 'pviewerA', text: '双胞胎去哪了？' }),
  item('i2', { author: 'pviewerB', text: '想看双胞胎' }),
  item('i3', { author: 'pviewerA', text: '双胞胎呢', coordinated: true }),
  item('i4', { author: 'pviewerC', text: '请签收' }),
  item('i5', { author: 'pviewerD', text: '好看' }),
];

const OUTLINE = {
  episodeId: 'e1',
  runtimeSeconds: 90,
  sceneCount: 2,
  scenes: [
    { sceneId: 'sc1', index: 0, number: '12-1', heading: '日 外 快递站', setting: null, location: '快递站', time: null, runtimeSeconds: 40, characters: [] },
    { sceneId: 'sc2', index: 1, number: '12-2', heading: '夜 内 客厅', setting: null, location: '客厅', time: null, runtimeSeconds: 50, characters: [] },
  ],
};

/** The link the server answers with: its own sample, which the dialog must show. */
const created: EvidenceLink = linkOf(
  'L9',
  { kind: 'scene', sceneId: 'sc2', heading: '12-2 夜 内 客厅' },
  { itemCount: 3, sample: { mentions: 3, distinctViewers: 2, coordinated: 1, topSegment: null } },
);

function api(over: Record<string, Parameters<typeof mockFetch>[0][string]> = {}) {
  return mockFetch({
    'GET /api/series/s1/episodes': { body: { episodes: [episode] } },
    'GET /api/series/s1/feedback': { body: { items: FEED, total: FEED.length, nextCursor: null } },
    'GET /api/episodes/e1/outline': { body: OUTLINE },
    'POST /api/episodes/e1/links': { status: 201, body: created },
    ...over,
  });
}

describe('linking feedback from the inbox', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    view = undefined;
    vi.unstubAllGlobals();
    sessionStorage.clear();
  });
  const checks = () => allByTestId<HTMLInputElement>(view!.container, 'inbox-item-check');
  const bar = () => byTestId(view!.container, 'evidence-selection-bar');
  const dialog = () => byTestId(document.body, 'evidence-link-dialog');

  async function open(role: Role) {
    view = await render(<InboxPanel seriesId="s1" myRole={role} />);
    await waitFor(() => allByTestId(view!.container, 'inbox-item').length === FEED.length);
  }

  it('[UE1] [UE2] a writer selects 3 items (click, shift-click), links them to a scene and sees the sample before and after', async () => {
    const { calls } = api();
    await open('writer');
    await click(checks()[0]!);
    await shiftClick(checks()[2]!);
    expect(checks().map((c) => c.checked)).toEqual([true, true, true, false, false]);
    expect(bar().dataset.count).toBe('3');
    expect(bar().textContent).toContain('3 selected');

    await click(byTestId(bar(), 'evidence-link-selection'));
    const confirm = byTestId<HTMLButtonElement>(dialog(), 'evidence-link-confirm');
    expect(confirm.disabled).toBe(true);
    // The sample before confirming: 3 mentions; viewer A twice, and the coordinated item's author is no viewer.
    const preview = byTestId(dialog(), 'evidence-preview-sample');
    expect(preview.textContent).toBe('3 mentions · 2 distinct viewers · 1 coordinated');
    expect(preview.dataset).toMatchObject({ mentions: '3', viewers: '2', coordinated: '1' });

    await choose(byTestId(dialog(), 'evidence-episode-picker'), 'e1');
    const scenes = byTestId<HTMLSelectElement>(dialog(), 'evidence-scene-picker');
    await waitFor(() => scenes.options.length === 3);
    expect([...scenes.options].map((o) => o.textContent)).toEqual(['Choose a scene…', '12-1 日 外 快递站', '12-2 夜 内 客厅']);
    await choose(scenes, 'sc2');
    await typeInto(byTestId(dialog(), 'evidence-rationale'), '观众一直在问双胞胎在哪。');
    await click(byTestId(dialog(), 'evidence-stance-motivates'));
    await choose(byTestId(dialog(), 'evidence-weight'), '3');
    expect(confirm.disabled).toBe(false);
    await click(confirm);

    const done = await waitFor(() => document.body.querySelector<HTMLElement>('[data-testid="evidence-link-created"]'));
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.url).toBe('/api/episodes/e1/links');
    expect(post?.body).toEqual({ sceneId: 'sc2', rationale: '观众一直在问双胞胎在哪。', stance: 'motivates', weight: 3, itemIds: ['i1', 'i2', 'i3'] });
    expect(done.dataset).toMatchObject({ linkId: 'L9', state: 'anchored' });
    const sample = byTestId(done, 'evidence-created-sample');
    expect(sample.dataset).toMatchObject({ mentions: '3', viewers: '2' });
    expect(done.textContent).toContain('Anchored');
    expect(done.textContent).toContain('12-2 夜 内 客厅');
  });

  it('[UE1] "Select all shown" selects every loaded item; a second shift-click range unselects', async () => {
    api();
    await open('showrunner');
    await click(byTestId(bar(), 'evidence-select-all'));
    expect(bar().dataset.count).toBe('5');
    await click(checks()[1]!);
    await shiftClick(checks()[3]!);
    expect(checks().map((c) => c.checked)).toEqual([true, false, false, false, true]);
    await click(byTestId(bar(), 'evidence-clear-selection'));
    expect(bar().dataset.count).toBe('0');
  });

  it('[UE2] a refused link keeps the dialog open with the field the server named', async () => {
    api({ 'POST /api/episodes/e1/links': { status: 400, body: { error: { code: 'validation_failed', message: 'bad', details: [{ path: 'body/sceneId', message: 'is not a scene of this episode' }] } } } });
    await open('writer');
    await click(checks()[3]!);
    await click(byTestId(bar(), 'evidence-link-selection'));
    await choose(byTestId(dialog(), 'evidence-episode-picker'), 'e1');
    await waitFor(() => byTestId<HTMLSelectElement>(dialog(), 'evidence-scene-picker').options.length === 3);
    await choose(byTestId(dialog(), 'evidence-scene-picker'), 'sc1');
    await click(byTestId(dialog(), 'evidence-link-confirm'));
    const error = await waitFor(() => dialog().querySelector<HTMLElement>('[data-testid="error-message"]'));
    expect(error.textContent).toContain('is not a scene of this episode');
    expect(dialog().querySelector('[data-testid="evidence-link-created"]')).toBeNull();
  });

  it('[UE3] the current filter is saved as a named evidence set and linked by its id', async () => {
    const set = { id: 'set1', seriesId: 's1', name: '双胞胎在哪', filter: { q: '双胞胎' }, createdBy: 'u-mia', createdAt: '', evaluatedAt: '', matched: 3 };
    const { calls } = api({
      'GET /api/series/s1/feedback': (_b, url) =>
        new URL(url, 'http://x').searchParams.get('q') ? { body: { items: FEED.slice(0, 3), total: 3, nextCursor: null } } : { body: { items: FEED, total: 5, nextCursor: null } },
      'POST /api/series/s1/evidence-sets': { status: 201, body: set },
    });
    await open('writer');
    await typeInto(byTestId<HTMLInputElement>(view!.container, 'inbox-search'), '双胞胎');
    await submit(byTestId(view!.container, 'inbox-filters') as HTMLFormElement);
    await waitFor(() => allByTestId(view!.container, 'inbox-item').length === 3);
    await click(byTestId(bar(), 'evidence-use-filter'));
    // Every match is loaded: the preview is exact.
    expect(byTestId(dialog(), 'evidence-preview-sample').dataset).toMatchObject({ mentions: '3', viewers: '2', exact: 'true' });
    await typeInto(byTestId(dialog(), 'evidence-set-name'), '双胞胎在哪');
    await choose(byTestId(dialog(), 'evidence-episode-picker'), 'e1');
    await waitFor(() => byTestId<HTMLSelectElement>(dialog(), 'evidence-scene-picker').options.length === 3);
    await choose(byTestId(dialog(), 'evidence-scene-picker'), 'sc2');
    await click(byTestId(dialog(), 'evidence-link-confirm'));
    await waitFor(() => document.body.querySelector('[data-testid="evidence-link-created"]'));
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => c.url)).toEqual(['/api/series/s1/evidence-sets', '/api/episodes/e1/links']);
    expect(posts[0]?.body).toEqual({ name: '双胞胎在哪', filter: { q: '双胞胎' } });
    expect(posts[1]?.body).toMatchObject({ sceneId: 'sc2', evidenceSetId: 'set1' });
    expect(posts[1]?.body).not.toHaveProperty('itemIds');
  });

  it('[UE4] operations mark selected items as coordinated and the badge shows at once; they cannot link', async () => {
    const { calls } = api({ 'POST /api/series/s1/feedback/coordinated': { body: { changed: 2 } } });
    await open('operations');
    const rows = () => allByTestId(view!.container, 'inbox-item');
    expect(rows().map((r) => r.querySelector('[data-testid="inbox-coordinated"]') !== null)).toEqual([false, false, true, false, false]);
    expect(bar().querySelector('[data-testid="evidence-link-selection"]')).toBeNull();
    await click(checks()[3]!);
    await click(checks()[4]!);
    await click(byTestId(bar(), 'evidence-mark-coordinated'));
    await waitFor(() => rows()[4]?.querySelector('[data-testid="inbox-coordinated"]'));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ itemIds: ['i4', 'i5'], coordinated: true });
    expect(rows().map((r) => r.querySelector('[data-testid="inbox-coordinated"]')?.textContent ?? '')).toEqual(['', '', 'Coordinated', 'Coordinated', 'Coordinated']);
  });

  it('[UE1] a reviewer reads the inbox: no checkboxes, no selection bar, rows not draggable', async () => {
    api();
    await open('reviewer');
    expect(checks()).toHaveLength(0);
    expect(view!.container.querySelector('[data-testid="evidence-selection-bar"]')).toBeNull();
    expect(view!.container.querySelector('[draggable="true"]')).toBeNull();
  });

  it('[UE5] dragging a selected row carries the whole selection under the evidence MIME type', async () => {
    api();
    await open('writer');
    await click(checks()[0]!);
    await click(checks()[1]!);
    const data = dataTransfer();
    await drag(allByTestId(view!.container, 'inbox-item')[1]!.parentElement!, 'dragstart', data);
    const payload = JSON.parse(data.getData('application/x-loopline-evidence')) as { seriesId: string; itemIds: string[]; items: unknown[] };
    expect(payload).toEqual({
      seriesId: 's1',
      itemIds: ['i1', 'i2'],
      items: [
        { id: 'i1', author: 'pviewerA', coordinated: false },
        { id: 'i2', author: 'pviewerB', coordinated: false },
      ],
    });
    // An unselected row drags alone.
    const single = dataTransfer();
    await drag(allByTestId(view!.container, 'inbox-item')[4]!.parentElement!, 'dragstart', single);
    expect((JSON.parse(single.getData('application/x-loopline-evidence')) as { itemIds: string[] }).itemIds).toEqual(['i5']);
  });

  it('[UE10] ?link= lists the link\'s items under a banner; ?item= opens that item', async () => {
    const link = linkOf('L1', { kind: 'span', sceneId: 'sc2', heading: '12-2 夜 内 客厅', blockIndex: 1, start: {}, end: {}, quote: '妈妈' });
    const { calls } = mockFetch({
      'GET /api/series/s1/episodes': { body: { episodes: [episode] } },
      'GET /api/links/L1': { body: link },
      'GET /api/links/L1/items': { body: { items: FEED.slice(0, 3), total: 3 } },
      'GET /api/feedback/i2': { body: { item: FEED[1], parent: null, replies: [], authorItemCount: 1 } },
    });
    view = await render(<InboxPanel seriesId="s1" myRole="reviewer" />, { path: '/series/s1?tab=inbox&link=L1&item=i2' });
    await waitFor(() => allByTestId(view!.container, 'inbox-item').length === 3);
    const banner = byTestId(view.container, 'evidence-linked-items');
    await waitFor(() => banner.textContent?.includes('妈妈'));
    expect(banner.textContent).toContain('12-2 夜 内 客厅');
    expect(byTestId(banner, 'evidence-linked-sample').dataset).toMatchObject({ mentions: '3', viewers: '2' });
    expect(calls.some((c) => c.url.startsWith('/api/series/s1/feedback?'))).toBe(false);
    const detail = await waitFor(() => view!.container.querySelector<HTMLElement>('[data-testid="item-detail-text"]'));
    expect(detail.textContent).toBe('想看双胞胎');
  });
});
