import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '../../api/audit';
import type { UserAccount } from '../../api/users';
import { allByTestId, byTestId, click, mockFetch, type Rendered, render, submit, typeInto, waitFor } from '../../ui/testing';
import { AuditList } from './AuditList';
import { AuditLogPanel } from './AuditLogPanel';
import { actionKey, describeDetails, describeTarget, describeValue } from './auditText';
import { UsersPanel } from './UsersPanel';

const user = (id: string, name: string, extra: Partial<UserAccount> = {}): UserAccount => ({
  id,
  email: `${id}@example.com`,
  displayName: name,
  isAdmin: false,
  disabled: false,
  createdAt: '2025-03-01T00:00:00Z',
  ...extra,
});

describe('UsersPanel', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    vi.unstubAllGlobals();
  });

  it('[UA13] lists accounts; disabling, enabling and making admin patch the account; the own row has no switches', async () => {
    const { calls } = mockFetch({
      'GET /api/users': { body: { users: [user('me', 'Admin', { isAdmin: true }), user('w', 'Wu'), user('old', 'Old', { disabled: true })] } },
      'PATCH /api/users/w': (body) => ({ body: user('w', 'Wu', body as Partial<UserAccount>) }),
      'PATCH /api/users/old': (body) => ({ body: user('old', 'Old', body as Partial<UserAccount>) }),
    });
    view = await render(<UsersPanel currentUserId="me" />);
    const items = await waitFor(() => allByTestId(view!.container, 'user-item').length === 3 && allByTestId(view!.container, 'user-item'));
    expect(items.map((i) => i.dataset.userId)).toEqual(['me', 'w', 'old']);
    expect(allByTestId(items[0]!, 'toggle-user-disabled')).toEqual([]);
    expect(items[2]?.textContent).toContain('Disabled');
    await click(byTestId(items[1]!, 'toggle-user-disabled'));
    await waitFor(() => calls.some((c) => c.method === 'PATCH'));
    await click(byTestId(items[1]!, 'toggle-user-admin'));
    await click(byTestId(items[2]!, 'toggle-user-disabled'));
    await waitFor(() => calls.filter((c) => c.method === 'PATCH').length === 3);
    expect(calls.filter((c) => c.method === 'PATCH').map((c) => [c.url, c.body])).toEqual([
      ['/api/users/w', { disabled: true }],
      ['/api/users/w', { isAdmin: true }],
      ['/api/users/old', { disabled: false }],
    ]);
  });

  it('[UA13] creates an account with e-mail, name, an initial password of at least 10 characters and the admin flag', async () => {
    const { calls } = mockFetch({
      'GET /api/users': { body: { users: [user('me', 'Admin', { isAdmin: true })] } },
      'POST /api/users': (body) => ({ status: 201, body: user('n', 'New', body as Partial<UserAccount>) }),
    });
    view = await render(<UsersPanel currentUserId="me" />);
    await waitFor(() => allByTestId(view!.container, 'user-item').length === 1);
    await typeInto(byTestId<HTMLInputElement>(view.container, 'new-user-email'), 'new@example.com');
    await typeInto(byTestId<HTMLInputElement>(view.container, 'new-user-name'), 'New');
    await typeInto(byTestId<HTMLInputElement>(view.container, 'new-user-password'), 'too short');
    expect(byTestId<HTMLButtonElement>(view.container, 'create-user').disabled).toBe(true);
    await typeInto(byTestId<HTMLInputElement>(view.container, 'new-user-password'), 'long enough!');
    await click(byTestId(view.container, 'new-user-admin'));
    await submit(byTestId(view.container, 'create-user-form') as HTMLFormElement);
    await waitFor(() => calls.some((c) => c.method === 'POST'));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ email: 'new@example.com', displayName: 'New', password: 'long enough!', isAdmin: true });
    await waitFor(() => byTestId<HTMLInputElement>(view!.container, 'new-user-email').value === '');
  });
});

describe('audit log', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    vi.unstubAllGlobals();
  });

  const entries: AuditEntry[] = [
    { id: '1', at: '2025-03-01T10:00:00Z', actor: { id: 'u1', email: 'sam@example.com', displayName: 'Sam' }, seriesId: 's1', action: 'auth.login', target: '', details: {} },
    {
      id: '2',
      at: '2025-03-02T10:00:00Z',
      actor: { id: 'u1', email: 'sam@example.com', displayName: 'Sam' },
      seriesId: 's1',
      action: 'member.role_changed',
      target: 'wu@example.com',
      details: { userId: 'u2', from: 'writer', to: 'reviewer' },
    },
    { id: '3', at: '2025-03-03T10:00:00Z', actor: null, seriesId: null, action: 'feedback.something_new', target: { title: 'Ep 3' }, details: null },
  ];

  it('[UA12] lists entries newest first with who, a translated action (or its stable name), target and details', async () => {
    view = await render(<AuditList entries={entries} showSeries />);
    const rows = allByTestId(view.container, 'audit-item');
    expect(rows.map((r) => r.dataset.action)).toEqual(['feedback.something_new', 'member.role_changed', 'auth.login']);
    expect(rows[0]?.textContent).toContain('System');
    expect(rows[0]?.textContent).toContain('feedback.something_new');
    expect(rows[0]?.textContent).toContain('Ep 3');
    expect(rows[1]?.textContent).toContain('Changed role');
    expect(rows[1]?.textContent).toContain('from: writer · to: reviewer');
    expect(rows[2]?.textContent).toContain('Signed in');
    expect(rows[2]?.querySelector('a')?.getAttribute('href')).toBe('/series/s1');
  });

  it('[UA12] free-form values read as one line', () => {
    expect(describeValue(null)).toBe('');
    expect(describeValue({ count: 3, ok: true, skip: null })).toBe('count: 3 · ok: true');
    expect(describeValue({ ids: ['a', 'b'], nested: { x: 1 } })).toBe('ids: a, b · nested: x=1');
    expect(describeTarget({ id: 'x', email: 'e@x' })).toBe('e@x');
    expect(actionKey('member.role_changed')).toBe('audit.actions.member_role_changed');
    expect(describeDetails({ userId: 'u2', id: 'x', ip: '127.0.0.1', identity: 'kept' })).toBe('ip: 127.0.0.1 · identity: kept');
  });

  it('[UA12] the site log loads older pages on request until the server says there are none', async () => {
    const [newest, middle, oldest] = [entries[2]!, entries[1]!, entries[0]!];
    const { calls } = mockFetch({
      'GET /api/audit': { body: { entries: [newest], nextBefore: '3' } },
      'GET /api/audit?before=3': { body: { entries: [middle], nextBefore: '2' } },
      'GET /api/audit?before=2': { body: { entries: [oldest], nextBefore: null } },
    });
    view = await render(<AuditLogPanel />);
    await waitFor(() => allByTestId(view!.container, 'audit-item').length === 1);
    await click(byTestId(view.container, 'audit-load-more'));
    await waitFor(() => allByTestId(view!.container, 'audit-item').length === 2);
    await click(byTestId(view.container, 'audit-load-more'));
    await waitFor(() => allByTestId(view!.container, 'audit-item').length === 3);
    expect(allByTestId(view.container, 'audit-load-more')).toEqual([]);
    expect(calls.map((c) => c.url)).toEqual(['/api/audit', '/api/audit?before=3', '/api/audit?before=2']);
  });
});
