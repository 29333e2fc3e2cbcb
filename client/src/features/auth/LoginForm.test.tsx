import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../../api/http';
import { byTestId, mockFetch, type Rendered, render, submit, typeInto, waitFor } from '../../ui/testing';
import { ChangePasswordDialog } from './ChangePasswordDialog';
import { LoginForm } from './LoginForm';

async function fillAndSubmit(view: Rendered, email = 'mia@example.com', password = 'wrong password') {
  await typeInto(byTestId<HTMLInputElement>(view.container, 'login-email'), email);
  await typeInto(byTestId<HTMLInputElement>(view.container, 'login-password'), password);
  await submit(byTestId(view.container, 'login-submit').closest('form')!);
}

describe('LoginForm', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  it('[UA4] a wrong pair shows the server error in the interface language, keeps the e-mail and clears the password', async () => {
    mockFetch({ 'POST /api/auth/login': { status: 401, body: { error: { code: 'invalid_credentials', message: 'Wrong e-mail or password' } } } });
    const onSignedIn = vi.fn();
    view = await render(<LoginForm onSignedIn={onSignedIn} />, { language: 'zh' });
    await fillAndSubmit(view);
    const error = await waitFor(() => view!.container.querySelector<HTMLElement>('[data-testid="login-error"]'));
    expect(error.textContent).toBe('邮箱或密码错误。');
    expect(error.dataset.code).toBe('invalid_credentials');
    expect(byTestId<HTMLInputElement>(view.container, 'login-email').value).toBe('mia@example.com');
    expect(byTestId<HTMLInputElement>(view.container, 'login-password').value).toBe('');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('[UA4] a rate limit says how long to wait', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'Too many attempts' } }), { status: 429, headers: { 'retry-after': '30' } })),
    );
    view = await render(<LoginForm onSignedIn={() => undefined} />);
    await fillAndSubmit(view);
    const error = await waitFor(() => view!.container.querySelector('[data-testid="login-error"]'));
    expect(error.textContent).toBe('Too many attempts. Try again in 30 s.');
  });

  it('[UA4] an error code the client does not know shows the server message as it is', async () => {
    mockFetch({ 'POST /api/auth/login': { status: 403, body: { error: { code: 'account_disabled', message: 'This account is disabled' } } } });
    view = await render(<LoginForm onSignedIn={() => undefined} />);
    await fillAndSubmit(view);
    const error = await waitFor(() => view!.container.querySelector('[data-testid="login-error"]'));
    expect(error.textContent).toBe('This account is disabled');
  });

  it('[UA4] success reports the user', async () => {
    const user = { id: 'u1', email: 'mia@example.com', displayName: 'Mia', isAdmin: false };
    mockFetch({ 'POST /api/auth/login': { body: { user, csrfToken: 't' } } });
    const onSignedIn = vi.fn();
    view = await render(<LoginForm onSignedIn={onSignedIn} />);
    await fillAndSubmit(view, 'mia@example.com', 'loopline-demo');
    await waitFor(() => onSignedIn.mock.calls.length === 1);
    expect(onSignedIn).toHaveBeenCalledWith(user);
    expect(view.container.querySelector('[data-testid="login-error"]')).toBeNull();
  });
});

describe('ChangePasswordDialog', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    vi.unstubAllGlobals();
  });

  it('[UA6] needs the current password and a new one of at least 10 characters typed twice; a wrong current one is shown', async () => {
    let accept = false;
    const { calls } = mockFetch({
      'POST /api/auth/password': () =>
        accept
          ? { status: 204 }
          : {
              status: 400,
              body: { error: { code: 'validation_failed', message: 'The current password is wrong.', details: [{ path: 'body/currentPassword', message: 'is wrong' }] } },
            },
    });
    const onDone = vi.fn();
    view = await render(<ChangePasswordDialog onClose={() => undefined} onDone={onDone} />);
    const button = byTestId<HTMLButtonElement>(view.container, 'change-password-submit');
    await typeInto(byTestId<HTMLInputElement>(view.container, 'current-password'), 'old password');
    await typeInto(byTestId<HTMLInputElement>(view.container, 'new-password'), 'short');
    expect(button.disabled).toBe(true);
    await typeInto(byTestId<HTMLInputElement>(view.container, 'new-password'), 'a new long password');
    await typeInto(byTestId<HTMLInputElement>(view.container, 'repeat-password'), 'a new long passwort');
    expect(button.disabled).toBe(true);
    expect(view.container.textContent).toContain('The two new passwords differ.');
    await typeInto(byTestId<HTMLInputElement>(view.container, 'repeat-password'), 'a new long password');
    await submit(button.closest('form')!);
    const error = await waitFor(() => view!.container.querySelector('[data-testid="change-password-error"]'));
    expect(error.textContent).toBe('The current password is wrong.');
    expect(onDone).not.toHaveBeenCalled();
    accept = true;
    await submit(button.closest('form')!);
    await waitFor(() => onDone.mock.calls.length === 1);
    expect(calls.at(-1)?.body).toEqual({ currentPassword: 'old password', newPassword: 'a new long password' });
  });
});
