import { afterEach, describe, expect, it, vi } from 'vitest';
import { allByTestId, byTestId, mockFetch, type Rendered, render, waitFor } from '../../ui/testing';
import { apiAs } from '../appTesting';
import { AppRoutes } from '../routes';

describe('series page: feedback tabs', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    vi.unstubAllGlobals();
  });

  const tabsOf = (root: HTMLElement) => ['inbox', 'imports', 'metrics', 'releases', 'privacy'].filter((id) => allByTestId(root, `${id}-tab`).length > 0);

  it('[UF13] every member reads Inbox, Metrics and Releases; Imports needs feedback.import, Privacy privacy.manage', async () => {
    const expected = {
      showrunner: ['inbox', 'imports', 'metrics', 'releases', 'privacy'],
      operations: ['inbox', 'imports', 'metrics', 'releases'],
      writer: ['inbox', 'metrics', 'releases'],
      reviewer: ['inbox', 'metrics', 'releases'],
    } as const;
    for (const [role, tabs] of Object.entries(expected)) {
      mockFetch(apiAs(role as keyof typeof expected));
      view = await render(<AppRoutes />, { path: '/series/s1' });
      await waitFor(() => view!.container.querySelector('[data-testid="episode-item"]'));
      expect(tabsOf(view.container), role).toEqual(tabs);
      view.unmount();
      vi.unstubAllGlobals();
    }
    view = undefined;
  });

  it('[UF13] a link to a hidden tab falls back to Episodes; an allowed one opens it', async () => {
    const { calls } = mockFetch(apiAs('writer'));
    view = await render(<AppRoutes />, { path: '/series/s1?tab=imports' });
    await waitFor(() => view!.container.querySelector('[data-testid="episode-item"]'));
    expect(byTestId(view.container, 'episodes-tab').getAttribute('aria-selected')).toBe('true');
    expect(calls.some((c) => c.url.includes('/imports') || c.url.includes('import-presets'))).toBe(false);
    view.unmount();
    vi.unstubAllGlobals();

    mockFetch({ ...apiAs('reviewer'), 'GET /api/series/s1/feedback': { body: { items: [], total: 0, nextCursor: null } } });
    view = await render(<AppRoutes />, { path: '/series/s1?tab=inbox' });
    await waitFor(() => view!.container.querySelector('[data-testid="inbox"]'));
    expect(byTestId(view.container, 'inbox-tab').getAttribute('aria-selected')).toBe('true');
    await waitFor(() => byTestId(view!.container, 'inbox-total').dataset.total === '0');
  });
});
