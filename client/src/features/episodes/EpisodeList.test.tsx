import type { Episode } from '@loopline/shared';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allByTestId, byTestId, click, mockFetch, type Rendered, render, submit, typeInto, waitFor } from '../../ui/testing';
import { EpisodeList } from './EpisodeList';

const ep = (id: string, number: number, extra: Partial<Episode> = {}): Episode => ({
  id,
  seriesId: 's1',
  number,
  title: `Title ${id}`,
  language: 'zh',
  status: 'draft',
  assignee: null,
  archived: false,
  runtimeSeconds: 105,
  sceneCount: 6,
  createdAt: '2025-03-01T10:00:00Z',
  updatedAt: '2025-03-01T10:00:00Z',
  ...extra,
});

const rows = (view: Rendered) => allByTestId(view.container, 'episode-item');

describe('EpisodeList', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    vi.unstubAllGlobals();
  });

  it('[UI8] shows episodes in number order with status, assignee, runtime and scene count', async () => {
    mockFetch({
      'GET /api/series/s1/episodes': {
        body: { episodes: [ep('b', 2, { status: 'aired', assignee: '林编剧' }), ep('a', 1, { runtimeSeconds: 45, sceneCount: 3 })] },
      },
    });
    view = await render(<EpisodeList seriesId="s1" myRole="writer" />, { language: 'zh' });
    await waitFor(() => rows(view!).length === 2);
    const [first, second] = rows(view);
    expect(first?.dataset.episodeId).toBe('a');
    expect(first?.textContent).toContain('45秒');
    expect(first?.textContent).toContain('未分配');
    expect(second?.textContent).toContain('1分45秒');
    expect(second?.textContent).toContain('林编剧');
    expect(byTestId<HTMLSelectElement>(second!, 'episode-status').value).toBe('aired');
    expect(byTestId<HTMLAnchorElement>(first!, 'open-episode').getAttribute('href')).toBe('/episodes/a');
  });

  it('[UI8] moving an episode down patches its number to the next episode number', async () => {
    const { calls } = mockFetch({
      'GET /api/series/s1/episodes': { body: { episodes: [ep('a', 1), ep('b', 2), ep('c', 3)] } },
      'PATCH /api/episodes/a': { body: ep('a', 2) },
    });
    view = await render(<EpisodeList seriesId="s1" myRole="writer" />);
    await waitFor(() => rows(view!).length === 3);
    expect(byTestId<HTMLButtonElement>(rows(view)[0]!, 'move-episode-up').disabled).toBe(true);
    expect(byTestId<HTMLButtonElement>(rows(view)[2]!, 'move-episode-down').disabled).toBe(true);
    await click(byTestId(rows(view)[0]!, 'move-episode-down'));
    await waitFor(() => calls.some((c) => c.method === 'PATCH'));
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ number: 2 });
    // The list reloads after the move.
    await waitFor(() => calls.filter((c) => c.method === 'GET').length === 2);
  });

  it('[UI8] changing the status patches it', async () => {
    const { calls } = mockFetch({
      'GET /api/series/s1/episodes': { body: { episodes: [ep('a', 1)] } },
      'PATCH /api/episodes/a': { body: ep('a', 1, { status: 'in_review' }) },
    });
    view = await render(<EpisodeList seriesId="s1" myRole="writer" />);
    await waitFor(() => rows(view!).length === 1);
    const select = byTestId<HTMLSelectElement>(rows(view)[0]!, 'episode-status');
    await act(async () => {
      select.value = 'in_review';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => calls.some((c) => c.method === 'PATCH'));
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ status: 'in_review' });
  });

  it('[UI8] a new episode is posted with its title (and assignee when given)', async () => {
    const { calls } = mockFetch({
      'GET /api/series/s1/episodes': { body: { episodes: [] } },
      'POST /api/series/s1/episodes': { status: 201, body: ep('n', 1) },
    });
    view = await render(<EpisodeList seriesId="s1" myRole="writer" />);
    await waitFor(() => view!.container.querySelector('[data-testid="episode-list"]'));
    expect(view.container.textContent).toContain('No episodes yet');
    await typeInto(byTestId<HTMLInputElement>(view.container, 'new-episode-title'), '第一集');
    await typeInto(byTestId<HTMLInputElement>(view.container, 'new-episode-assignee'), 'Mia');
    await submit(byTestId(view.container, 'create-episode').closest('form')!);
    await waitFor(() => calls.some((c) => c.method === 'POST'));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ title: '第一集', assignee: 'Mia' });
  });

  it('[UI13] a failed load shows the error with a retry that loads again', async () => {
    let fail = true;
    mockFetch({
      'GET /api/series/s1/episodes': () =>
        fail ? { status: 503, body: { error: { code: 'unavailable', message: 'down' } } } : { body: { episodes: [ep('a', 1)] } },
    });
    view = await render(<EpisodeList seriesId="s1" myRole="writer" />);
    const alert = await waitFor(() => view!.container.querySelector<HTMLElement>('[role="alert"]'));
    expect(alert.textContent).toContain('The server is unavailable');
    fail = false;
    await click([...alert.querySelectorAll('button')].find((b) => b.textContent === 'Try again')!);
    await waitFor(() => rows(view!).length === 1);
  });

  it('[UA10] a reviewer sees the episodes but no create, rename, status, assignee, reorder or archive controls', async () => {
    mockFetch({ 'GET /api/series/s1/episodes': { body: { episodes: [ep('a', 1, { assignee: 'Mia', status: 'in_review' }), ep('b', 2)] } } });
    view = await render(<EpisodeList seriesId="s1" myRole="reviewer" />);
    await waitFor(() => rows(view!).length === 2);
    const [first] = rows(view);
    expect(first?.textContent).toContain('Title a');
    expect(first?.textContent).toContain('Mia');
    expect(byTestId(first!, 'episode-status-text').textContent).toBe('In review');
    for (const id of ['new-episode-title', 'create-episode', 'rename-episode', 'episode-status', 'episode-assignee', 'move-episode-up', 'move-episode-down', 'archive-episode']) {
      expect(allByTestId(view.container, id), id).toEqual([]);
    }
    expect(view.container.querySelectorAll('input, select, textarea')).toHaveLength(1); // only the "show archived" toggle
    // Reading stays possible.
    expect(byTestId<HTMLAnchorElement>(first!, 'open-episode').getAttribute('href')).toBe('/episodes/a');
    expect(byTestId(first!, 'open-episode').textContent).toBe('Read script');
  });

  it('[UA10] operations (no episode.write) get the same read-only table; a writer gets the controls', async () => {
    mockFetch({ 'GET /api/series/s1/episodes': { body: { episodes: [ep('a', 1)] } } });
    view = await render(<EpisodeList seriesId="s1" myRole="operations" />);
    await waitFor(() => rows(view!).length === 1);
    expect(allByTestId(view.container, 'archive-episode')).toEqual([]);
    view.unmount();
    view = await render(<EpisodeList seriesId="s1" myRole="writer" />);
    await waitFor(() => rows(view!).length === 1);
    expect(allByTestId(view.container, 'archive-episode')).toHaveLength(1);
    expect(allByTestId(view.container, 'create-episode')).toHaveLength(1);
  });
});
