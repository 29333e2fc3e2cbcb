import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LANGUAGE_STORAGE_KEY } from '../i18n/language';
import { allByTestId, byTestId, click, mockFetch, type Rendered, render, waitFor } from '../ui/testing';
import { apiAs, mia, signedInAs } from './appTesting';
import { AppRoutes } from './routes';

describe('app shell', () => {
  let view: Rendered | undefined;
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    view?.unmount();
    vi.unstubAllGlobals();
  });

  it('[UI2] the header language switch changes the interface and remembers the choice', async () => {
    mockFetch(apiAs('showrunner', signedInAs({ ...mia, isAdmin: true })));
    view = await render(<AppRoutes />, { path: '/', persistLanguage: true });
    await waitFor(() => view!.container.querySelector('[data-testid="series-item"]'));
    expect(view.container.querySelector('.breadcrumbs')?.textContent).toBe('All series');
    await click(byTestId(view.container, 'language-switch'));
    await waitFor(() => view!.container.querySelector('.breadcrumbs')?.textContent === '全部剧集');
    expect(byTestId(view.container, 'create-series').textContent).toBe('创建剧集');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('zh');
  });

  it('[UI14] the series page shows the trail and switches to the Bible tab', async () => {
    mockFetch(apiAs('writer'));
    view = await render(<AppRoutes />, { path: '/series/s1' });
    await waitFor(() => view!.container.querySelector('[data-testid="episode-item"]'));
    expect(view.container.querySelector('.breadcrumbs')?.textContent).toContain('Signed for Twins');
    await click(byTestId(view.container, 'bible-tab'));
    await waitFor(() => view!.container.querySelector('[data-testid="character-item"]'));
    expect(byTestId(view.container, 'bible-tab').getAttribute('aria-selected')).toBe('true');
  });

  it('[UI14] an unknown route shows a not-found page with a way home', async () => {
    mockFetch(apiAs('writer'));
    view = await render(<AppRoutes />, { path: '/nowhere' });
    await waitFor(() => view!.container.textContent?.includes('Page not found'));
  });

  it('[UA10] the series page shows the role badge; a reviewer gets no rename, create or bible controls', async () => {
    mockFetch(apiAs('reviewer'));
    view = await render(<AppRoutes />, { path: '/series/s1' });
    await waitFor(() => view!.container.querySelector('[data-testid="episode-item"]'));
    expect(byTestId(view.container, 'role-badge').textContent).toBe('Reviewer');
    expect(allByTestId(view.container, 'series-title')).toEqual([]);
    expect(allByTestId(view.container, 'create-episode')).toEqual([]);
    await click(byTestId(view.container, 'bible-tab'));
    await waitFor(() => view!.container.querySelector('[data-testid="character-item"]'));
    expect(allByTestId(view.container, 'add-characters')).toEqual([]);
    expect(allByTestId(view.container, 'edit-bible-entry')).toEqual([]);
  });

  it('[UA11] the Members and Audit tabs are hidden without members.manage / audit.read', async () => {
    for (const role of ['writer', 'operations', 'reviewer'] as const) {
      mockFetch(apiAs(role));
      view = await render(<AppRoutes />, { path: '/series/s1?tab=members' });
      await waitFor(() => view!.container.querySelector('[data-testid="episode-item"]'));
      expect(allByTestId(view.container, 'members-tab'), role).toEqual([]);
      expect(allByTestId(view.container, 'audit-tab'), role).toEqual([]);
      // The old link falls back to Episodes and never asks for the members.
      expect(byTestId(view.container, 'episodes-tab').getAttribute('aria-selected')).toBe('true');
      view.unmount();
      vi.unstubAllGlobals();
    }
    view = undefined;
  });

  it('[UA11] a showrunner opens the Members tab from a link', async () => {
    const { calls } = mockFetch({
      ...apiAs('showrunner'),
      'GET /api/series/s1/members': { body: { members: [{ userId: 'u-mia', email: 'mia@example.com', displayName: 'Mia', role: 'showrunner' }] } },
    });
    view = await render(<AppRoutes />, { path: '/series/s1?tab=members' });
    await waitFor(() => view!.container.querySelector('[data-testid="member-item"]'));
    expect(byTestId(view.container, 'members-tab').getAttribute('aria-selected')).toBe('true');
    expect(allByTestId(view.container, 'audit-tab')).toHaveLength(1);
    expect(calls.some((c) => c.url === '/api/series/s1/members')).toBe(true);
  });

  it('[UA9] the admin pages answer "not found" to a user who is not a site admin', async () => {
    const { calls } = mockFetch(apiAs('writer'));
    view = await render(<AppRoutes />, { path: '/admin/users' });
    await waitFor(() => view!.container.textContent?.includes('Page not found'));
    expect(calls.some((c) => c.url === '/api/users')).toBe(false);
  });
});
