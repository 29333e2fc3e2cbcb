import type { ImportJob } from '@loopline/shared';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportCatalogue, ImportPreview } from '../../api/imports';
import { episode } from '../../app/appTesting';
import { allByTestId, byTestId, click, type MockAnswer, mockFetch, type Rendered, render, typeInto, waitFor } from '../../ui/testing';
import { job } from './fixtures';
import { ImportPanel } from './ImportPanel';

const catalogue: ImportCatalogue = {
  presets: [
    {
      id: 'douyin-comments',
      label: 'Douyin comments',
      platform: 'douyin',
      target: 'feedback',
      format: 'csv',
      mapping: { postedAt: '评论时间', likes: '点赞数' },
      columns: [{ name: '评论时间', field: 'postedAt', description: 'When it was posted' }],
    },
  ],
  targetFields: {
    feedback: [
      { field: 'text', required: true, description: 'Comment text' },
      { field: 'author', required: true, description: 'Handle (pseudonymized)' },
      { field: 'postedAt', required: true, description: 'Time' },
      { field: 'episode', required: true, description: 'Episode number' },
      { field: 'likes', required: false, description: 'Likes' },
    ],
    metrics: [],
    retention: [],
  },
};

const preview: ImportPreview = {
  format: 'csv',
  encoding: 'gb18030',
  delimiter: ',',
  columns: ['评论内容', '用户昵称', '评论时间', '点赞数', '集数'],
  sampleRows: [{ 评论内容: '<img src=x onerror=alert(1)>', 用户昵称: 'fan1', 评论时间: '2025-03-05 20:01', 点赞数: '3', 集数: '11' }],
  suggestedPresetId: 'douyin-comments',
  suggestedMapping: { text: '评论内容', author: '用户昵称' },
  rowErrors: [],
};

/** The API of the tab with `polls` answered one by one to GET /api/imports/imp1. */
function api(started: ImportJob, polls: ImportJob[], extra: Record<string, MockAnswer> = {}): Record<string, MockAnswer> {
  let poll = 0;
  return {
    'GET /api/series/s1/episodes': { body: { episodes: [episode] } },
    'GET /api/import-presets': { body: catalogue },
    'GET /api/series/s1/mappings': { body: { mappings: [] } },
    'GET /api/series/s1/imports': { body: { imports: [] } },
    'POST /api/series/s1/imports/preview': { body: preview },
    'POST /api/series/s1/imports': { status: 202, body: started },
    'GET /api/imports/imp1': () => ({ body: polls[Math.min(poll++, polls.length - 1)] }),
    ...extra,
  };
}

/** Poll delays the test releases itself: each step of the job happens when the test says (no timers). */
function steps() {
  const waiting: (() => void)[] = [];
  return {
    delay: () => new Promise<void>((resolve) => waiting.push(resolve)),
    next: async () => {
      await act(async () => {
        for (const resolve of waiting.splice(0)) resolve();
      });
    },
  };
}

async function choose(select: HTMLSelectElement, value: string) {
  await act(async () => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function pickFile(view: Rendered, file: File) {
  const input = byTestId<HTMLInputElement>(view.container, 'import-file');
  await act(async () => {
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

const csv = () => new File(['评论内容,用户昵称\n'.repeat(50)], 'douyin-ep11.csv', { type: 'text/csv' });

describe('ImportPanel', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    vi.unstubAllGlobals();
  });
  const field = (name: string) => byTestId(view!.container, 'import-mapping').querySelector<HTMLSelectElement>(`[data-testid="mapping-field"][data-field="${name}"]`)!;

  it('[UF1][UF2] previews the file and pre-fills the mapping; Start waits for every required field', async () => {
    const { calls, fetchMock } = mockFetch(api(job(), []));
    view = await render(<ImportPanel seriesId="s1" pollDelay={steps().delay} />);
    await pickFile(view, csv());
    const shown = await waitFor(() => view!.container.querySelector<HTMLElement>('[data-testid="import-preview"]'));
    expect(byTestId(shown, 'detected-encoding').textContent).toBe('gb18030');
    // Sample cells are inert text.
    expect(byTestId(shown, 'import-sample').querySelector('img')).toBeNull();
    expect(byTestId(shown, 'import-sample').textContent).toContain('<img src=x onerror=alert(1)>');
    // Only the first 256 KiB travel for the preview, as the raw body.
    const previewCall = fetchMock.mock.calls.find(([url]) => String(url).includes('/imports/preview'));
    expect(previewCall?.[1]?.body).toBeInstanceOf(Blob);
    expect(new URL(String(previewCall?.[0]), 'http://x').searchParams.get('target')).toBe('feedback');

    // Suggested mapping first, then the suggested preset's columns.
    expect(field('text').value).toBe('评论内容');
    expect(field('author').value).toBe('用户昵称');
    expect(field('postedAt').value).toBe('评论时间');
    expect(field('likes').value).toBe('点赞数');
    expect(field('episode').value).toBe('');
    expect(byTestId<HTMLSelectElement>(view.container, 'mapping-preset').value).toBe('douyin-comments');
    expect(byTestId(view.container, 'import-mapping').querySelectorAll('.required-mark')).toHaveLength(4);

    expect(byTestId(view.container, 'mapping-missing').textContent).toContain('episode');
    expect(byTestId<HTMLButtonElement>(view.container, 'import-start').disabled).toBe(true);
    await choose(field('episode'), '集数');
    expect(allByTestId(view.container, 'mapping-missing')).toEqual([]);
    expect(byTestId<HTMLButtonElement>(view.container, 'import-start').disabled).toBe(false);
    // A fixed episode also satisfies the field.
    await choose(field('episode'), '');
    expect(byTestId<HTMLButtonElement>(view.container, 'import-start').disabled).toBe(true);
    await choose(byTestId<HTMLSelectElement>(view.container, 'import-episode'), 'e1');
    expect(byTestId<HTMLButtonElement>(view.container, 'import-start').disabled).toBe(false);
    expect(field('text').value).toBe('评论内容');
    expect(calls.filter((c) => c.url.includes('/imports/preview'))).toHaveLength(1);
  });

  it('[UF2] saves the mapping under a name', async () => {
    const { calls } = mockFetch(api(job(), [], { 'PUT /api/series/s1/mappings/Douyin%20ep': { body: { mappings: [] } } }));
    view = await render(<ImportPanel seriesId="s1" pollDelay={steps().delay} />);
    await pickFile(view, csv());
    await waitFor(() => view!.container.querySelector('[data-testid="import-mapping"]'));
    await typeInto(byTestId<HTMLInputElement>(view.container, 'mapping-name'), 'Douyin ep');
    await click(byTestId(view.container, 'mapping-save'));
    const put = await waitFor(() => calls.find((c) => c.method === 'PUT'));
    expect(put.body).toEqual({ target: 'feedback', mapping: { text: '评论内容', author: '用户昵称', postedAt: '评论时间', likes: '点赞数' } });
  });

  it('[UF3][UF4] streams the file, moves the bar with each job state, then shows the summary and the row errors', async () => {
    const file = csv();
    const running = (bytesRead: number, rowsRead: number) => job({ bytesRead, rowsRead, accepted: rowsRead, totalBytes: 1000, rowsPerSecond: 2500, secondsLeft: 4 });
    const done = job({ status: 'done', bytesRead: 1000, rowsRead: 1200, accepted: 1150, rejected: 50, duplicates: 150, finishedAt: '2025-03-05T14:00:10.000Z' });
    const errors = Array.from({ length: 50 }, (_, i) => ({ line: i + 2, column: 'postedAt', reason: 'invalid date' }));
    const { calls, fetchMock } = mockFetch(api(running(0, 0), [running(250, 300), running(750, 900), done], { 'GET /api/imports/imp1/errors': { body: { errors } } }));
    const clock = steps();
    view = await render(<ImportPanel seriesId="s1" pollDelay={clock.delay} />);
    await pickFile(view, file);
    await waitFor(() => view!.container.querySelector('[data-testid="import-mapping"]'));
    await choose(field('episode'), '集数');
    await click(byTestId(view.container, 'import-start'));

    const bar = () => view!.container.querySelector<HTMLElement>('[data-testid="import-progress"]');
    await waitFor(() => bar()?.getAttribute('aria-valuenow') === '0');
    expect(bar()?.getAttribute('role')).toBe('progressbar');
    const upload = fetchMock.mock.calls.find(([url, init]) => String(url).startsWith('/api/series/s1/imports?') && init?.method === 'POST');
    expect(upload?.[1]?.body).toBe(file);
    const params = new URL(String(upload?.[0]), 'http://x').searchParams;
    expect(params.get('fileName')).toBe('douyin-ep11.csv');
    expect(params.get('presetId')).toBe('douyin-comments');
    expect(JSON.parse(params.get('mapping') ?? '{}')).toMatchObject({ text: '评论内容', episode: '集数' });

    await clock.next();
    await waitFor(() => bar()?.getAttribute('aria-valuenow') === '25');
    expect(byTestId(view.container, 'progress-rows').textContent).toBe('300 rows');
    expect(byTestId(view.container, 'progress-rate').textContent).toBe('2,500 rows/s');
    expect(byTestId(view.container, 'progress-left').textContent).toBe('0:04 left');
    await clock.next();
    await waitFor(() => bar()?.getAttribute('aria-valuenow') === '75');
    await clock.next();

    const summary = await waitFor(() => view!.container.querySelector<HTMLElement>('[data-testid="import-summary"]'));
    expect(bar()).toBeNull();
    expect({ ...summary.dataset }).toMatchObject({ accepted: '1150', rejected: '50', duplicates: '150', rows: '1200', status: 'done' });
    expect(byTestId(summary, 'import-outcome').textContent).toBe('Added 1,000 new rows; 150 rows were already stored and were not added again.');
    await waitFor(() => allByTestId(view!.container, 'import-error-row').length === 50);
    expect(allByTestId(view.container, 'import-error-row')[0]?.textContent).toBe('2postedAtinvalid date');
    expect(byTestId<HTMLAnchorElement>(view.container, 'import-error-report').getAttribute('href')).toBe('/api/imports/imp1/errors?format=csv');
    expect(calls.filter((c) => c.url === '/api/imports/imp1')).toHaveLength(3);
  });

  it('[UF4] a re-import says plainly that it added 0 new rows', async () => {
    const again = job({ status: 'done', bytesRead: 1000, rowsRead: 1200, accepted: 1200, duplicates: 1200 });
    mockFetch(api(again, []));
    view = await render(<ImportPanel seriesId="s1" pollDelay={steps().delay} />);
    await pickFile(view, csv());
    await waitFor(() => view!.container.querySelector('[data-testid="import-mapping"]'));
    await choose(byTestId<HTMLSelectElement>(view.container, 'import-episode'), 'e1');
    await click(byTestId(view.container, 'import-start'));
    const summary = await waitFor(() => view!.container.querySelector<HTMLElement>('[data-testid="import-summary"]'));
    expect(summary.dataset.duplicates).toBe('1200');
    expect(byTestId(summary, 'import-outcome').textContent).toBe('Re-importing added 0 new rows: all 1,200 valid rows were already stored.');
    expect(allByTestId(view.container, 'import-errors')).toEqual([]);
  });

  it('[UF3] Cancel asks the server to cancel and the summary says so', async () => {
    const cancelled = job({ status: 'cancelled', bytesRead: 400, rowsRead: 500, accepted: 500 });
    const { calls } = mockFetch(api(job({ bytesRead: 100 }), [cancelled], { 'POST /api/imports/imp1/cancel': { body: cancelled } }));
    const clock = steps();
    view = await render(<ImportPanel seriesId="s1" pollDelay={clock.delay} />);
    await pickFile(view, csv());
    await waitFor(() => view!.container.querySelector('[data-testid="import-mapping"]'));
    await choose(byTestId<HTMLSelectElement>(view.container, 'import-episode'), 'e1');
    await click(byTestId(view.container, 'import-start'));
    await waitFor(() => view!.container.querySelector('[data-testid="import-cancel"]'));
    await click(byTestId(view.container, 'import-cancel'));
    await waitFor(() => calls.some((c) => c.method === 'POST' && c.url === '/api/imports/imp1/cancel'));
    await clock.next();
    const summary = await waitFor(() => view!.container.querySelector<HTMLElement>('[data-testid="import-summary"]'));
    expect(summary.dataset.status).toBe('cancelled');
    expect(byTestId(summary, 'import-status').textContent).toBe('Import cancelled');
  });
});
