import { afterEach, describe, expect, it, vi } from 'vitest';
import { csrfToken, setCsrfToken } from '../api/http';
import { byTestId, click, mockFetch, type Rendered, render, submit, typeInto, waitFor } from '../ui/testing';
import { apiAs, LocationProbe, mia, signedInAs, signedOut } from './appTesting';
import { AppRoutes } from './routes';

const at = (view: Rendered) => view.container.querySelector('[data-testid="location"]')?.textContent;

async function signIn(view: Rendered, email: string, password: string) {
  const form = await waitFor(() => view.container.querySelector<HTMLElement>('[data-testid="login-email"]'));
  await typeInto(form as HTMLInputElement, email);
  await typeInto(byTestId<HTMLInputElement>(view.container, 'login-password'), password);
  await submit(byTestId(view.container, 'login-submit').closest('form')!);
}

describe('session gate', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    view = undefined;
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  it('[UA3] a visitor is sent to sign in, keeping the intended URL, and lands there afterwards', async () => {
    let session = signedOut;
    const { calls } = mockFetch({
      ...apiAs('writer'),
      'GET /api/auth/session': () => ({ body: session }),
      'POST /api/auth/login': () => {
        session = signedInAs();
        return { body: { user: mia, csrfToken: 'csrf-2' } };
      },
    });
    view = await render(
      <>
        <AppRoutes />
        <LocationProbe />
      </>,
      { path: '/series/s1?tab=bible' },
    );
    await waitFor(() => at(view!) === '/login?next=%2Fseries%2Fs1%3Ftab%3Dbible');
    // Nothing behind the gate was asked for.
    expect(calls.map((c) => c.url)).toEqual(['/api/auth/session']);
    await signIn(view, ' mia@example.com ', 'correct horse battery');
    await waitFor(() => at(view!) === '/series/s1?tab=bible');
    await waitFor(() => view!.container.querySelector('[data-testid="character-item"]'));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ email: 'mia@example.com', password: 'correct horse battery' });
    expect(csrfToken()).toBe('csrf-2');
  });

  it('[UA2] a 401 from any call mid-session goes back to sign-in, then back to the page', async () => {
    let expired = false;
    mockFetch({
      ...apiAs('writer'),
      'GET /api/series/s1/bible': () => (expired ? { status: 401, body: { error: { code: 'unauthorized', message: 'Sign in first' } } } : { body: { characters: [], locations: [] } }),
      'POST /api/auth/login': () => {
        expired = false;
        return { body: { user: mia, csrfToken: 'csrf-3' } };
      },
    });
    view = await render(
      <>
        <AppRoutes />
        <LocationProbe />
      </>,
      { path: '/series/s1' },
    );
    await waitFor(() => view!.container.querySelector('[data-testid="episode-item"]'));
    expired = true;
    await click(byTestId(view.container, 'bible-tab'));
    await waitFor(() => at(view!) === '/login?next=%2Fseries%2Fs1%3Ftab%3Dbible');
    expect(view.container.textContent).toContain('Your session has ended');
    await signIn(view, 'mia@example.com', 'correct horse battery');
    await waitFor(() => at(view!) === '/series/s1?tab=bible');
  });

  it('[UA5] with no account yet, every page leads to first-run set-up, which signs the admin in', async () => {
    let session = { user: null, setupRequired: true, csrfToken: null } as const;
    const admin = { ...mia, isAdmin: true };
    const { calls } = mockFetch({
      ...apiAs('admin'),
      'GET /api/auth/session': () => ({ body: session }),
      'GET /api/series': { body: { series: [] } },
      'POST /api/auth/setup': () => {
        session = { ...signedInAs(admin) } as never;
        return { status: 201, body: { user: admin, csrfToken: 'csrf-9' } };
      },
    });
    view = await render(
      <>
        <AppRoutes />
        <LocationProbe />
      </>,
      { path: '/login' },
    );
    await waitFor(() => at(view!) === '/setup');
    expect(byTestId<HTMLButtonElement>(view.container, 'setup-submit').disabled).toBe(true);
    await typeInto(byTestId<HTMLInputElement>(view.container, 'setup-email'), 'admin@example.com');
    await typeInto(byTestId<HTMLInputElement>(view.container, 'setup-name'), ' Admin ');
    await typeInto(byTestId<HTMLInputElement>(view.container, 'setup-password'), 'short');
    expect(byTestId<HTMLButtonElement>(view.container, 'setup-submit').disabled).toBe(true);
    await typeInto(byTestId<HTMLInputElement>(view.container, 'setup-password'), 'long enough pass');
    await submit(byTestId(view.container, 'setup-submit').closest('form')!);
    await waitFor(() => at(view!) === '/');
    await waitFor(() => view!.container.querySelector('[data-testid="create-series"]'));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ email: 'admin@example.com', displayName: 'Admin', password: 'long enough pass' });
  });

  it('[UA5] once an account exists, /setup leads to sign-in', async () => {
    mockFetch({ 'GET /api/auth/session': { body: signedOut } });
    view = await render(
      <>
        <AppRoutes />
        <LocationProbe />
      </>,
      { path: '/setup' },
    );
    await waitFor(() => at(view!) === '/login');
  });

  it('[UA7] the user menu names the account; signing out ends the session and starts at a plain sign-in', async () => {
    const { calls, fetchMock } = mockFetch({ ...apiAs('writer'), 'POST /api/auth/logout': { status: 204 } });
    view = await render(
      <>
        <AppRoutes />
        <LocationProbe />
      </>,
      { path: '/series/s1' },
    );
    const menu = await waitFor(() => view!.container.querySelector<HTMLElement>('[data-testid="user-menu"]'));
    expect(menu.textContent).toBe('Mia');
    await click(menu);
    expect(view.container.textContent).toContain('mia@example.com');
    // Only site admins see the admin pages.
    expect(view.container.querySelector('[data-testid="nav-users"]')).toBeNull();
    await click(byTestId(view.container, 'logout'));
    await waitFor(() => at(view!) === '/login');
    const logoutCall = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(((logoutCall?.[1]?.headers ?? {}) as Record<string, string>)['x-csrf-token']).toBe('csrf-1');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual(['/api/auth/logout']);
    expect(csrfToken()).toBeNull();
  });

  it('[UA7] a site admin reaches the users page from the menu', async () => {
    mockFetch({
      ...apiAs('admin', signedInAs({ ...mia, isAdmin: true })),
      'GET /api/users': { body: { users: [{ ...mia, isAdmin: true, disabled: false, createdAt: '2025-03-01T00:00:00Z' }] } },
    });
    view = await render(
      <>
        <AppRoutes />
        <LocationProbe />
      </>,
      { path: '/' },
    );
    await click(await waitFor(() => view!.container.querySelector<HTMLElement>('[data-testid="user-menu"]')));
    await click(byTestId(view.container, 'nav-users'));
    await waitFor(() => view!.container.querySelector('[data-testid="user-item"]'));
    expect(at(view)).toBe('/admin/users');
  });
});
