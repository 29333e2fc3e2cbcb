import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { episode } from '../../app/appTesting';
import { allByTestId, byTestId, mockFetch, type Rendered, render, submit, waitFor } from '../../ui/testing';
import { ReleasesPanel } from './ReleasesPanel';

const release = { id: 'r1', seriesId: 's1', episodeId: 'e1', platform: 'kuaishou', airedAt: '2025-03-05T12:00:00.000Z', revisionId: null, createdAt: '2025-03-05T12:00:00.000Z' };

describe('ReleasesPanel', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    vi.unstubAllGlobals();
  });

  it('[UF11] lists releases and marks an episode aired with episode, platform and ISO time', async () => {
    const { calls } = mockFetch({
      'GET /api/series/s1/episodes': { body: { episodes: [episode] } },
      'GET /api/series/s1/releases': { body: { releases: [release] } },
      'POST /api/series/s1/releases': { status: 201, body: release },
    });
    view = await render(<ReleasesPanel seriesId="s1" canMark />);
    await waitFor(() => allByTestId(view!.container, 'release-row').length === 1);
    expect(byTestId(view.container, 'release-row').textContent).toContain('Ep. 12');
    const set = async (id: string, value: string) => {
      const el = byTestId<HTMLSelectElement | HTMLInputElement>(view!.container, id);
      await act(async () => {
        Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')?.set?.call(el, value);
        el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
      });
    };
    await waitFor(() => view!.container.querySelector('[data-testid="release-episode"] option[value="e1"]'));
    await set('release-episode', 'e1');
    await set('release-platform', 'douyin');
    await set('release-aired-at', '2025-03-05T20:00');
    await submit(byTestId<HTMLFormElement>(view.container, 'release-form'));
    const post = await waitFor(() => calls.find((c) => c.method === 'POST'));
    expect(post.body).toEqual({ episodeId: 'e1', platform: 'douyin', airedAt: new Date('2025-03-05T20:00').toISOString() });
  });

  it('[UF11] without release.mark there is no form', async () => {
    mockFetch({ 'GET /api/series/s1/episodes': { body: { episodes: [] } }, 'GET /api/series/s1/releases': { body: { releases: [] } } });
    view = await render(<ReleasesPanel seriesId="s1" canMark={false} />);
    await waitFor(() => view!.container.querySelector('.state-empty'));
    expect(allByTestId(view.container, 'release-form')).toEqual([]);
  });
});
