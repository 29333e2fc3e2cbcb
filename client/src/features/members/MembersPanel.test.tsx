import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Member } from '../../api/members';
import { allByTestId, byTestId, click, mockFetch, type Rendered, render, submit, typeInto, waitFor } from '../../ui/testing';
import { MembersPanel } from './MembersPanel';

const members: Member[] = [
  { userId: 'u3', email: 'rey@example.com', displayName: 'Rey', role: 'reviewer' },
  { userId: 'u1', email: 'sam@example.com', displayName: 'Sam', role: 'showrunner' },
  { userId: 'u2', email: 'wu@example.com', displayName: 'Wu', role: 'writer' },
];

describe('MembersPanel', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    vi.unstubAllGlobals();
  });

  const items = () => allByTestId(view!.container, 'member-item');

  it('[UA11] lists members by role with name, e-mail and role; a manager cannot edit their own row', async () => {
    mockFetch({ 'GET /api/series/s1/members': { body: { members } } });
    view = await render(<MembersPanel seriesId="s1" canManage currentUserId="u1" />);
    await waitFor(() => items().length === 3);
    expect(items().map((i) => i.dataset.userId)).toEqual(['u1', 'u2', 'u3']);
    expect(items()[0]?.textContent).toContain('sam@example.com');
    expect(allByTestId(items()[0]!, 'member-role')).toEqual([]);
    expect(byTestId(items()[0]!, 'role-badge').dataset.role).toBe('showrunner');
    expect(byTestId<HTMLSelectElement>(items()[1]!, 'member-role').value).toBe('writer');
  });

  it('[UA11] adds a member by e-mail with the chosen role, changes a role, and removes after confirming', async () => {
    const { calls } = mockFetch({
      'GET /api/series/s1/members': { body: { members } },
      'POST /api/series/s1/members': { status: 201, body: { userId: 'u4', email: 'ops@example.com', displayName: 'Ops', role: 'operations' } },
      'PATCH /api/series/s1/members/u2': { body: { ...members[2], role: 'reviewer' } },
      'DELETE /api/series/s1/members/u3': { status: 204 },
    });
    view = await render(<MembersPanel seriesId="s1" canManage currentUserId="u1" />);
    await waitFor(() => items().length === 3);
    await typeInto(byTestId<HTMLInputElement>(view.container, 'add-member-email'), ' ops@example.com ');
    const roleSelect = byTestId<HTMLSelectElement>(view.container, 'add-member-role');
    expect(roleSelect.value).toBe('writer');
    await act(async () => {
      roleSelect.value = 'operations';
      roleSelect.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await submit(byTestId(view.container, 'add-member-submit').closest('form')!);
    await waitFor(() => calls.some((c) => c.method === 'POST'));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ email: 'ops@example.com', role: 'operations' });

    const writerRole = byTestId<HTMLSelectElement>(items()[1]!, 'member-role');
    await act(async () => {
      writerRole.value = 'reviewer';
      writerRole.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => calls.some((c) => c.method === 'PATCH'));
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ role: 'reviewer' });

    await click(byTestId(items()[2]!, 'remove-member'));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    await click(byTestId(view.container, 'confirm-remove-member'));
    await waitFor(() => calls.some((c) => c.method === 'DELETE' && c.url === '/api/series/s1/members/u3'));
  });

  it('[UA11] without members.manage the list is read-only', async () => {
    mockFetch({ 'GET /api/series/s1/members': { body: { members } } });
    view = await render(<MembersPanel seriesId="s1" canManage={false} currentUserId="u2" />);
    await waitFor(() => items().length === 3);
    for (const id of ['add-member-email', 'add-member-submit', 'member-role', 'remove-member']) {
      expect(allByTestId(view.container, id), id).toEqual([]);
    }
  });

  it('[UA11] an unknown e-mail says no account has it and keeps what was typed', async () => {
    mockFetch({
      'GET /api/series/s1/members': { body: { members } },
      'POST /api/series/s1/members': { status: 404, body: { error: { code: 'not_found', message: 'No account with this e-mail' } } },
    });
    view = await render(<MembersPanel seriesId="s1" canManage currentUserId="u1" />);
    await waitFor(() => items().length === 3);
    await typeInto(byTestId<HTMLInputElement>(view.container, 'add-member-email'), 'nobody@example.com');
    await submit(byTestId(view.container, 'add-member-submit').closest('form')!);
    const alert = await waitFor(() => view!.container.querySelector<HTMLElement>('[data-testid="add-member-error"]'));
    expect(alert.dataset.code).toBe('not_found');
    expect(alert.textContent).toContain('No account has the e-mail nobody@example.com');
    expect(byTestId<HTMLInputElement>(view.container, 'add-member-email').value).toBe('nobody@example.com');
  });
});
