import type { Bible } from '@loopline/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allByTestId, byTestId, click, mockFetch, type Rendered, render, submit, typeInto, waitFor } from '../../ui/testing';
import { BiblePanel } from './BiblePanel';

const bible: Bible = {
  characters: [{ id: 'c1', seriesId: 's1', name: '苏晚', aliases: ['Su Wan', '晚晚'], description: '女主，双胞胎的母亲' }],
  locations: [{ id: 'l1', seriesId: 's1', name: '陆家客厅', aliases: [], description: '' }],
};

describe('BiblePanel', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    vi.unstubAllGlobals();
  });

  it('[UI9] shows characters with aliases and locations', async () => {
    mockFetch({ 'GET /api/series/s1/bible': { body: bible } });
    view = await render(<BiblePanel seriesId="s1" canEdit />);
    const character = await waitFor(() => view!.container.querySelector<HTMLElement>('[data-testid="character-item"]'));
    expect(character.textContent).toContain('苏晚');
    expect(character.textContent).toContain('Su Wan');
    expect(character.textContent).toContain('双胞胎的母亲');
    expect(allByTestId(view.container, 'location-item').map((l) => l.textContent)).toEqual([expect.stringContaining('陆家客厅')]);
  });

  it('[UI9] adding a character sends the aliases as a list', async () => {
    const { calls } = mockFetch({
      'GET /api/series/s1/bible': { body: { characters: [], locations: [] } },
      'POST /api/series/s1/bible/characters': (body) => ({ status: 201, body: { id: 'c2', seriesId: 's1', ...(body as object) } }),
    });
    view = await render(<BiblePanel seriesId="s1" canEdit />);
    const form = await waitFor(() => view!.container.querySelector<HTMLFormElement>('[data-testid="add-characters"]'));
    await typeInto(byTestId<HTMLInputElement>(form, 'bible-name'), '陆沉');
    await typeInto(byTestId<HTMLInputElement>(form, 'bible-aliases'), 'Lu Chen，陆总');
    await typeInto(byTestId<HTMLTextAreaElement>(form, 'bible-description'), '男主');
    await submit(form);
    await waitFor(() => calls.some((c) => c.method === 'POST'));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: '陆沉', aliases: ['Lu Chen', '陆总'], description: '男主' });
  });

  it('[UI9] deleting asks for confirmation first', async () => {
    const { calls } = mockFetch({
      'GET /api/series/s1/bible': { body: bible },
      'DELETE /api/series/s1/bible/locations/l1': { status: 204 },
    });
    view = await render(<BiblePanel seriesId="s1" canEdit />);
    const location = await waitFor(() => view!.container.querySelector<HTMLElement>('[data-testid="location-item"]'));
    await click(byTestId(location, 'delete-bible-entry'));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    await click(byTestId(view.container, 'confirm-delete'));
    await waitFor(() => calls.some((c) => c.method === 'DELETE'));
  });

  it('[UA10] without bible.edit (a reviewer) the bible is listed with no add, edit or delete controls', async () => {
    mockFetch({ 'GET /api/series/s1/bible': { body: bible } });
    view = await render(<BiblePanel seriesId="s1" canEdit={false} />);
    await waitFor(() => view!.container.querySelector('[data-testid="character-item"]'));
    expect(view.container.textContent).toContain('苏晚');
    for (const id of ['add-characters', 'add-locations', 'edit-bible-entry', 'delete-bible-entry']) {
      expect(allByTestId(view.container, id), id).toEqual([]);
    }
  });
});
