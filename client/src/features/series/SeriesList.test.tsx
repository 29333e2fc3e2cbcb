import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SeriesWithRole } from '../../api/series';
import { allByTestId, byTestId, click, mockFetch, press, type Rendered, render, submit, typeInto, waitFor } from '../../ui/testing';
import { SeriesList } from './SeriesList';

const series = (id: string, title: string, extra: Partial<SeriesWithRole> = {}): SeriesWithRole => ({
  id,
  title,
  language: 'zh',
  archived: false,
  createdAt: '2025-03-01T10:00:00Z',
  updatedAt: '2025-03-05T10:00:00Z',
  myRole: 'showrunner',
  ...extra,
});

describe('SeriesList', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    vi.unstubAllGlobals();
  });

  it('[UI7] lists the series with title, language and update date', async () => {
    mockFetch({ 'GET /api/series': { body: { series: [series('s1', '请签收双胞胎'), series('s2', 'Night Shift', { language: 'en' })] } } });
    view = await render(<SeriesList canCreate />);
    const items = await waitFor(() => allByTestId(view!.container, 'series-item').length === 2 && allByTestId(view!.container, 'series-item'));
    expect(items[0]?.textContent).toContain('请签收双胞胎');
    expect(items[0]?.textContent).toContain('Chinese');
    expect(items[1]?.textContent).toContain('Night Shift');
    expect(items[1]?.textContent).toContain('Mar 5, 2025');
    expect(byTestId<HTMLAnchorElement>(items[0]!, 'open-series').getAttribute('href')).toBe('/series/s1');
  });

  it('[UI13] shows an empty state when there is no series', async () => {
    mockFetch({ 'GET /api/series': { body: { series: [] } } });
    view = await render(<SeriesList canCreate />, { language: 'zh' });
    await waitFor(() => view!.container.textContent?.includes('还没有剧集'));
  });

  it('[UI7] creating a series posts title and language, then reloads the list', async () => {
    let created = false;
    const { calls } = mockFetch({
      'GET /api/series': () => ({ body: { series: created ? [series('s9', 'New One')] : [] } }),
      'POST /api/series': (body) => {
        created = true;
        return { status: 201, body: series('s9', (body as { title: string }).title) };
      },
    });
    view = await render(<SeriesList canCreate />);
    await waitFor(() => view!.container.querySelector('[data-testid="series-list"]'));
    await typeInto(byTestId<HTMLInputElement>(view.container, 'new-series-title'), '  New One ');
    await submit(byTestId(view.container, 'create-series').closest('form')!);
    await waitFor(() => allByTestId(view!.container, 'series-item').length === 1);
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ title: 'New One', language: 'en' });
    expect(byTestId<HTMLInputElement>(view.container, 'new-series-title').value).toBe('');
  });

  it('[UI5] a validation error names the field and the reason, in the interface language', async () => {
    mockFetch({
      'GET /api/series': { body: { series: [] } },
      'POST /api/series': {
        status: 400,
        body: { error: { code: 'validation_failed', message: 'Invalid body', details: [{ path: 'body/title', message: 'must not be blank' }] } },
      },
    });
    view = await render(<SeriesList canCreate />, { language: 'zh' });
    await waitFor(() => view!.container.querySelector('[data-testid="series-list"]'));
    await typeInto(byTestId<HTMLInputElement>(view.container, 'new-series-title'), 'x');
    await submit(byTestId(view.container, 'create-series').closest('form')!);
    const alert = await waitFor(() => view!.container.querySelector('[role="alert"]'));
    expect(alert.textContent).toContain('以下字段需要修改');
    expect(alert.textContent).toContain('标题: 不能为空');
    // The typed title survives the failure.
    expect(byTestId<HTMLInputElement>(view.container, 'new-series-title').value).toBe('x');
  });

  it('[UI7] archiving patches the series; the archived toggle asks for archived ones', async () => {
    const { calls } = mockFetch({
      'GET /api/series': { body: { series: [series('s1', 'One')] } },
      'GET /api/series?includeArchived=true': { body: { series: [series('s1', 'One'), series('s2', 'Old', { archived: true })] } },
      'PATCH /api/series/s1': { body: series('s1', 'One', { archived: true }) },
    });
    view = await render(<SeriesList canCreate />);
    const item = await waitFor(() => view!.container.querySelector<HTMLElement>('[data-testid="series-item"]'));
    await click(byTestId(item, 'archive-series'));
    await waitFor(() => calls.some((c) => c.method === 'PATCH'));
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ archived: true });
    await click(byTestId(view.container, 'show-archived-series'));
    await waitFor(() => allByTestId(view!.container, 'series-item').length === 2);
    expect(allByTestId(view.container, 'series-item')[1]?.textContent).toContain('Unarchive');
  });

  it('[UI12] renaming inline saves on Enter and sends the new title', async () => {
    const { calls } = mockFetch({
      'GET /api/series': { body: { series: [series('s1', 'One')] } },
      'PATCH /api/series/s1': (body) => ({ body: series('s1', (body as { title: string }).title) }),
    });
    view = await render(<SeriesList canCreate />);
    const item = await waitFor(() => view!.container.querySelector<HTMLElement>('[data-testid="series-item"]'));
    await click(byTestId(item, 'rename-series'));
    const input = byTestId<HTMLInputElement>(item, 'rename-series-input');
    expect(input.value).toBe('One');
    await typeInto(input, 'Two');
    await press(input, 'Enter');
    await waitFor(() => calls.some((c) => c.method === 'PATCH'));
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ title: 'Two' });
  });

  it('[UA10] each series shows the user role; without series.update there is no rename or archive', async () => {
    mockFetch({
      'GET /api/series': { body: { series: [series('s1', 'Mine', { myRole: 'showrunner' }), series('s2', 'Theirs', { myRole: 'reviewer' })] } },
    });
    view = await render(<SeriesList canCreate={false} />);
    const items = await waitFor(() => allByTestId(view!.container, 'series-item').length === 2 && allByTestId(view!.container, 'series-item'));
    expect(items.map((i) => byTestId(i, 'role-badge').textContent)).toEqual(['Showrunner', 'Reviewer']);
    expect(allByTestId(items[0]!, 'archive-series')).toHaveLength(1);
    expect(allByTestId(items[1]!, 'archive-series')).toEqual([]);
    expect(allByTestId(items[1]!, 'rename-series')).toEqual([]);
    // Without canCreate there is no create form.
    expect(allByTestId(view.container, 'create-series')).toEqual([]);
  });
});
