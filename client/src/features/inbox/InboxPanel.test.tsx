import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeedbackPage } from '../../api/feedback';
import { episode } from '../../app/appTesting';
import { allByTestId, byTestId, click, mockFetch, type Rendered, render, submit, typeInto, waitFor } from '../../ui/testing';
import { item, items } from './fixtures';
import { InboxPanel } from './InboxPanel';

const feedbackPath = '/api/series/s1/feedback';
const page = (body: FeedbackPage) => ({ body });

describe('InboxPanel', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    vi.unstubAllGlobals();
  });
  const rows = () => allByTestId(view!.container, 'inbox-item');

  it('[UF7] shows the total and renders only a window of rows, however many are loaded', async () => {
    mockFetch({
      'GET /api/series/s1/episodes': { body: { episodes: [episode] } },
      [`GET ${feedbackPath}`]: page({ items: items(200), total: 123_456, nextCursor: 'c2' }),
    });
    view = await render(<InboxPanel seriesId="s1" />);
    await waitFor(() => rows().length > 0);
    expect(byTestId(view.container, 'inbox-total').dataset.total).toBe('123456');
    expect(byTestId(view.container, 'inbox-total').textContent).toBe('123,456 items');
    expect(rows().length).toBeLessThan(40);
    expect(rows()[0]?.dataset.itemId).toBe('i1');
    expect(rows()[0]?.textContent).toContain('Ep. 12');
  });

  it('[UF7] loads the next page by cursor when the end of the list comes into view', async () => {
    const { calls } = mockFetch({
      'GET /api/series/s1/episodes': { body: { episodes: [] } },
      [`GET ${feedbackPath}`]: (_body, url) =>
        new URL(url, 'http://x').searchParams.get('cursor') === 'c2'
          ? { body: { items: items(10, 'b'), total: 15, nextCursor: null } }
          : { body: { items: items(5, 'a'), total: 15, nextCursor: 'c2' } },
    });
    view = await render(<InboxPanel seriesId="s1" />);
    await waitFor(() => rows().length === 15);
    const urls = calls.filter((c) => c.url.startsWith(feedbackPath)).map((c) => new URL(c.url, 'http://x').searchParams);
    expect(urls.map((p) => p.get('cursor'))).toEqual([null, 'c2']);
    expect(urls[0]?.get('limit')).toBe('200');
    expect(rows().map((r) => r.dataset.itemId).slice(4, 6)).toEqual(['a5', 'b1']);
  });

  it('[UF5][UF6] hostile comment text renders as inert text: no element, no link, bidi controls visible', async () => {
    const hostile = [
      item('h1', { text: '<img src=x onerror=alert(1)>' }),
      item('h2', { text: 'click javascript:alert(document.cookie) now', quote: '<script>alert(2)</script>' }),
      item('h3', { text: 'abc\u202Etxt.exe 请签收' }),
    ];
    mockFetch({
      'GET /api/series/s1/episodes': { body: { episodes: [] } },
      [`GET ${feedbackPath}`]: page({ items: hostile, total: 3, nextCursor: null }),
      'GET /api/feedback/h2': { body: { item: hostile[1], parent: hostile[0], replies: [hostile[2]], authorItemCount: 2 } },
    });
    const alert = vi.fn();
    vi.stubGlobal('alert', alert);
    view = await render(<InboxPanel seriesId="s1" />);
    await waitFor(() => rows().length === 3);
    const list = byTestId(view.container, 'inbox-list');
    expect(list.querySelector('img, script, a, iframe')).toBeNull();
    expect(rows()[0]?.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(rows()[1]?.textContent).toContain('javascript:alert(document.cookie)');
    const escapes = allByTestId(rows()[2]!, 'bidi-escape');
    expect(escapes.map((e) => e.textContent)).toEqual(['⟨U+202E⟩']);
    // The control itself is gone from the page: nothing is left to reorder the text.
    expect(rows()[2]?.textContent).not.toContain('\u202E');
    expect(rows()[2]?.textContent).toContain('abc⟨U+202E⟩txt.exe');

    await click(rows()[1]!);
    const detail = await waitFor(() => view!.container.querySelector<HTMLElement>('[data-testid="item-detail"] [data-testid="thread-reply"]')?.closest<HTMLElement>('[data-testid="item-detail"]'));
    expect(detail.querySelector('img, script, a, iframe')).toBeNull();
    expect(detail.textContent).toContain('<script>alert(2)</script>');
    expect(allByTestId(detail, 'bidi-escape')).toHaveLength(1);
    expect(alert).not.toHaveBeenCalled();
  });

  it('[UF9] the detail shows the thread, likes, timecode, segments and how much the viewer wrote', async () => {
    const danmaku = item('d1', { kind: 'danmaku', likes: 42, timecodeMs: 52_000, segments: { region: '四川', paying: 'true', city: 'Chengdu' }, redactions: ['phone'] });
    mockFetch({
      'GET /api/series/s1/episodes': { body: { episodes: [episode] } },
      [`GET ${feedbackPath}`]: page({ items: [danmaku], total: 1, nextCursor: null }),
      'GET /api/feedback/d1': { body: { item: danmaku, parent: item('p1', { text: 'parent text' }), replies: [item('r1', { text: 'reply one' }), item('r2', { text: 'reply two' })], authorItemCount: 17 } },
    });
    view = await render(<InboxPanel seriesId="s1" />);
    await waitFor(() => rows().length === 1);
    await click(rows()[0]!);
    const detail = await waitFor(() => view!.container.querySelector<HTMLElement>('[data-testid="author-count"]')?.closest<HTMLElement>('[data-testid="item-detail"]'));
    expect(byTestId(detail, 'author-count').textContent).toBe('17 items by this viewer in the series');
    expect(byTestId(detail, 'detail-likes').textContent).toBe('42');
    expect(byTestId(detail, 'detail-timecode').textContent).toBe('0:52');
    expect(allByTestId(detail, 'detail-segment').map((d) => `${d.dataset.segment}=${d.textContent}`)).toEqual(['region=四川', 'paying=true', 'city=Chengdu']);
    expect(byTestId(detail, 'thread-parent').textContent).toContain('parent text');
    expect(allByTestId(detail, 'thread-reply').map((r) => r.textContent?.includes('reply'))).toEqual([true, true]);
    expect(detail.textContent).toContain('phone number');
  });

  it('[UF8] searching and filtering start the list over with the new query', async () => {
    const { calls } = mockFetch({
      'GET /api/series/s1/episodes': { body: { episodes: [episode] } },
      [`GET ${feedbackPath}`]: (_b, url) => {
        const q = new URL(url, 'http://x').searchParams.get('q');
        return { body: q ? { items: [item('m1', { text: '双胞胎在哪' })], total: 1, nextCursor: null } : { items: items(3), total: 3, nextCursor: null } };
      },
    });
    view = await render(<InboxPanel seriesId="s1" />);
    await waitFor(() => rows().length === 3);
    await typeInto(byTestId<HTMLInputElement>(view.container, 'inbox-search'), '双胞胎');
    await submit(byTestId(view.container, 'inbox-filters') as HTMLFormElement);
    await waitFor(() => rows().length === 1);
    expect(rows()[0]?.dataset.itemId).toBe('m1');
    expect(byTestId(view.container, 'inbox-total').dataset.total).toBe('1');

    const kind = byTestId<HTMLSelectElement>(view.container, 'inbox-filter-kind');
    await act(async () => {
      kind.value = 'danmaku';
      kind.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => calls.some((c) => c.url.includes('kind=danmaku')));
    const last = new URL(calls.filter((c) => c.url.startsWith(feedbackPath)).at(-1)!.url, 'http://x').searchParams;
    expect(last.get('q')).toBe('双胞胎');
    expect(last.get('kind')).toBe('danmaku');
    expect(last.get('sort')).toBe('time');
  });
});
