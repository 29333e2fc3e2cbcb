import type { Role } from '@loopline/shared';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mockFetch, type Rendered, render, waitFor } from '../../ui/testing';
import { apiAs, mia } from '../appTesting';
import { AppRoutes } from '../routes';
import { colorForUser } from '../userColor';

// The editor is another module's job: stand in a probe that shows the props it got.
vi.mock('../../editor', () => ({
  editorLocales: { en: {}, zh: {} },
  EpisodeWorkspace: (props: Record<string, unknown>) => <pre data-testid="workspace">{JSON.stringify(props)}</pre>,
}));

describe('episode page', () => {
  let view: Rendered | undefined;
  // The page is loaded lazily; loading it once here keeps the tests free of timers.
  beforeAll(async () => {
    await import('./EpisodePage');
  });
  afterEach(() => {
    view?.unmount();
    view = undefined;
    vi.unstubAllGlobals();
  });

  async function workspaceProps(role: Role): Promise<Record<string, unknown>> {
    mockFetch(apiAs(role));
    view = await render(<AppRoutes />, { path: '/episodes/e1' });
    const probe = await waitFor(() => view!.container.querySelector('[data-testid="workspace"]'));
    return JSON.parse(probe.textContent ?? '{}') as Record<string, unknown>;
  }

  it('[UA8] the workspace gets the episode, the bible, the signed-in user with an id-derived colour, and is editable for a writer', async () => {
    const props = await workspaceProps('writer');
    expect(props).toMatchObject({
      episodeId: 'e1',
      episodeNumber: 12,
      language: 'zh',
      readOnly: false,
      user: { name: 'Mia', color: colorForUser(mia.id) },
      bible: { characters: [{ name: '苏晚', aliases: ['Su Wan'] }], locations: [{ name: '客厅', aliases: [] }] },
    });
    expect(view!.container.querySelector('.breadcrumbs')?.textContent).toContain('Ep. 12 The Reveal');
  });

  it('[UA8] roles without script.edit (reviewer, operations) get a read-only workspace', async () => {
    expect((await workspaceProps('reviewer')).readOnly).toBe(true);
    view?.unmount();
    vi.unstubAllGlobals();
    expect((await workspaceProps('operations')).readOnly).toBe(true);
    view?.unmount();
    vi.unstubAllGlobals();
    expect((await workspaceProps('showrunner')).readOnly).toBe(false);
  });
});
