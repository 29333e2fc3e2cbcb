import type { Bible, Episode, Series } from '@loopline/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LANGUAGE_STORAGE_KEY } from '../i18n/language';
import { byTestId, click, mockFetch, type Rendered, render, submit, typeInto, waitFor } from '../ui/testing';
import { AppRoutes } from './routes';
import { LOCAL_USER_STORAGE_KEY } from './useLocalUser';

// The editor is another module's job: stand in a probe that shows the props it got.
vi.mock('../editor', () => ({
  editorLocales: { en: {}, zh: {} },
  EpisodeWorkspace: (props: Record<string, unknown>) => <pre data-testid="workspace">{JSON.stringify(props)}</pre>,
}));

const series: Series = { id: 's1', title: 'Signed for Twins', language: 'en', archived: false, createdAt: '2025-03-01T00:00:00Z', updatedAt: '2025-03-01T00:00:00Z' };
const episode: Episode = {
  id: 'e1',
  seriesId: 's1',
  number: 12,
  title: 'The Reveal',
  language: 'zh',
  status: 'draft',
  assignee: null,
  archived: false,
  runtimeSeconds: 90,
  sceneCount: 5,
  createdAt: '2025-03-01T00:00:00Z',
  updatedAt: '2025-03-01T00:00:00Z',
};
const bible: Bible = {
  characters: [{ id: 'c1', seriesId: 's1', name: '苏晚', aliases: ['Su Wan'], description: '' }],
  locations: [{ id: 'l1', seriesId: 's1', name: '客厅', aliases: [], description: '' }],
};

const routes = {
  'GET /api/series': { body: { series: [series] } },
  'GET /api/series/s1': { body: series },
  'GET /api/series/s1/episodes': { body: { episodes: [episode] } },
  'GET /api/series/s1/bible': { body: bible },
  'GET /api/episodes/e1': { body: episode },
};

describe('app shell', () => {
  let view: Rendered | undefined;
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    view?.unmount();
    vi.unstubAllGlobals();
  });

  it('[UI2] the header language switch changes the interface and remembers the choice', async () => {
    mockFetch(routes);
    view = await render(<AppRoutes />, { path: '/', persistLanguage: true });
    await waitFor(() => view!.container.querySelector('[data-testid="series-item"]'));
    expect(view.container.querySelector('.breadcrumbs')?.textContent).toBe('All series');
    await click(byTestId(view.container, 'language-switch'));
    await waitFor(() => view!.container.querySelector('.breadcrumbs')?.textContent === '全部剧集');
    expect(byTestId(view.container, 'create-series').textContent).toBe('创建剧集');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('zh');
  });

  it('[UI14] the series page shows the trail and switches to the Bible tab', async () => {
    mockFetch(routes);
    view = await render(<AppRoutes />, { path: '/series/s1' });
    await waitFor(() => view!.container.querySelector('[data-testid="episode-item"]'));
    expect(view.container.querySelector('.breadcrumbs')?.textContent).toContain('Signed for Twins');
    await click(byTestId(view.container, 'bible-tab'));
    await waitFor(() => view!.container.querySelector('[data-testid="character-item"]'));
    expect(byTestId(view.container, 'bible-tab').getAttribute('aria-selected')).toBe('true');
  });

  it('[UI11] the episode page asks for a display name once and stores it with a colour', async () => {
    mockFetch(routes);
    view = await render(<AppRoutes />, { path: '/episodes/e1' });
    const prompt = await waitFor(() => view!.container.querySelector<HTMLElement>('[data-testid="name-prompt"]'));
    await typeInto(byTestId<HTMLInputElement>(prompt, 'user-name-input'), ' Mia ');
    await submit(prompt.querySelector('form')!);
    await waitFor(() => view!.container.querySelector('[data-testid="workspace"]'));
    const stored = JSON.parse(localStorage.getItem(LOCAL_USER_STORAGE_KEY) ?? 'null') as { name: string; color: string };
    expect(stored.name).toBe('Mia');
    expect(stored.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(byTestId(view.container, 'user-menu').textContent).toContain('Mia');
  });

  it('[UI10] the workspace gets the episode number and language, the bible, the user, and is editable', async () => {
    localStorage.setItem(LOCAL_USER_STORAGE_KEY, JSON.stringify({ name: 'Mia', color: '#1c7ed6' }));
    mockFetch(routes);
    view = await render(<AppRoutes />, { path: '/episodes/e1' });
    const probe = await waitFor(() => view!.container.querySelector('[data-testid="workspace"]'));
    const props = JSON.parse(probe.textContent ?? '{}') as Record<string, unknown>;
    expect(props).toMatchObject({
      episodeId: 'e1',
      episodeNumber: 12,
      language: 'zh',
      readOnly: false,
      user: { name: 'Mia', color: '#1c7ed6' },
      bible: { characters: [{ name: '苏晚', aliases: ['Su Wan'] }], locations: [{ name: '客厅', aliases: [] }] },
    });
    expect(view.container.querySelector('.breadcrumbs')?.textContent).toContain('Ep. 12 The Reveal');
  });

  it('[UI14] an unknown route shows a not-found page with a way home', async () => {
    mockFetch(routes);
    view = await render(<AppRoutes />, { path: '/nowhere' });
    expect(view.container.textContent).toContain('Page not found');
  });
});
