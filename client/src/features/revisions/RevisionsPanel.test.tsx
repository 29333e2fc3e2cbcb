import type { Revision, Role } from '@loopline/shared';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allByTestId, byTestId, click, mockFetch, type Rendered, render, submit, typeInto, waitFor } from '../../ui/testing';
import { link, revision } from './fixtures';
import { RevisionsPanel } from './RevisionsPanel';

const revisionsPath = 'GET /api/episodes/e1/revisions';

describe('RevisionsPanel', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    vi.unstubAllGlobals();
  });

  const cards = () => allByTestId(view!.container, 'revision-card');
  const card = (id: string) => view!.container.querySelector<HTMLElement>(`[data-testid="revision-card"][data-revision-id="${id}"]`)!;
  const buttons = (el: HTMLElement) =>
    ['revision-propose', 'revision-approve', 'revision-reject', 'revision-air'].filter((id) => el.querySelector(`[data-testid="${id}"]`) !== null);

  async function show(role: Role, revisions: Revision[], extra: Parameters<typeof mockFetch>[0] = {}) {
    const mocked = mockFetch({ [revisionsPath]: { body: { revisions } }, ...extra });
    view = await render(<RevisionsPanel episodeId="e1" seriesId="s1" role={role} />);
    await waitFor(() => cards().length === revisions.length && revisions.length > 0);
    return mocked;
  }

  const all = [revision('r4', 'approved', { number: 4, colour: 'Yellow' }), revision('r3', 'proposed', { number: 3, colour: 'Pink' }), revision('r2', 'draft')];

  it('[UR1] lists revisions newest first with colour, status, authors, summary, events and release', async () => {
    await show('reviewer', [revision('r1', 'aired', { number: 1, colour: 'White' }), revision('r2', 'rejected')]);
    expect(cards().map((c) => `${c.dataset.colour}:${c.dataset.status}`)).toEqual(['Blue:rejected', 'White:aired']);
    const blue = card('r2');
    expect(byTestId(blue, 'revision-name').textContent).toBe('Blue#2');
    expect(byTestId(blue, 'revision-status').textContent).toBe('Rejected');
    expect(blue.textContent).toContain('By Wen');
    expect(byTestId(blue, 'revision-summary').textContent).toContain('twins reveal');
    const events = allByTestId(blue, 'revision-event');
    expect(events.map((e) => e.dataset.status)).toEqual(['draft', 'proposed', 'rejected']);
    expect(events[2]?.textContent).toContain('Rejected by Shen');
    expect(events[2]?.textContent).toContain('Not yet');
    expect(byTestId(card('r1'), 'revision-release').textContent).toContain('Aired on Douyin');
    expect(byTestId(blue, 'revision-report-pdf').getAttribute('href')).toBe('/api/revisions/r2/report.pdf');
  });

  it('[UR2] each role sees the workflow buttons it may use, and only in the right status', async () => {
    const seen: Record<string, Record<string, string[]>> = {};
    for (const role of ['writer', 'showrunner', 'admin', 'operations', 'reviewer'] as const) {
      await show(role, all);
      seen[role] = Object.fromEntries(all.map((r) => [r.status, buttons(card(r.id))]));
      seen[role].newRevision = view!.container.querySelector('[data-testid="new-revision"]') ? ['new'] : [];
      view!.unmount();
      view = undefined;
    }
    expect(seen).toEqual({
      writer: { draft: ['revision-propose'], proposed: [], approved: [], newRevision: ['new'] },
      showrunner: { draft: ['revision-propose'], proposed: ['revision-approve', 'revision-reject'], approved: ['revision-air'], newRevision: ['new'] },
      admin: { draft: ['revision-propose'], proposed: ['revision-approve', 'revision-reject'], approved: ['revision-air'], newRevision: ['new'] },
      operations: { draft: [], proposed: [], approved: ['revision-air'], newRevision: [] },
      reviewer: { draft: [], proposed: [], approved: [], newRevision: [] },
    });
  });

  it('[UR2] proposing sends the step and shows the new status', async () => {
    const { calls } = await show('writer', [revision('r2', 'draft')], { 'POST /api/revisions/r2/propose': { body: revision('r2', 'proposed') } });
    await click(byTestId(card('r2'), 'revision-propose'));
    await waitFor(() => card('r2').dataset.status === 'proposed');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual(['/api/revisions/r2/propose']);
    expect(byTestId(card('r2'), 'revision-status').textContent).toBe('Proposed');
    expect(buttons(card('r2'))).toEqual([]);
  });

  it('[UR3] rejecting without a comment is refused in the page; with one it is sent', async () => {
    const { calls } = await show('showrunner', [revision('r3', 'proposed')], {
      'POST /api/revisions/r3/reject': (body) => ({ body: revision('r3', 'rejected', { events: [...revision('r3', 'proposed').events, { status: 'rejected', byId: 'u-shen', byName: 'Shen', at: '2025-03-06T11:00:00.000Z', comment: (body as { comment: string }).comment }] }) }),
    });
    await typeInto(byTestId<HTMLTextAreaElement>(card('r3'), 'revision-comment'), '   ');
    await click(byTestId(card('r3'), 'revision-reject'));
    expect(byTestId(card('r3'), 'revision-comment-error').textContent).toContain('needs a comment');
    expect(byTestId(card('r3'), 'revision-comment').getAttribute('aria-invalid')).toBe('true');
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);

    await typeInto(byTestId<HTMLTextAreaElement>(card('r3'), 'revision-comment'), 'The sample is one paying segment.');
    expect(view!.container.querySelector('[data-testid="revision-comment-error"]')).toBeNull();
    await click(byTestId(card('r3'), 'revision-reject'));
    await waitFor(() => card('r3').dataset.status === 'rejected');
    expect(calls.filter((c) => c.method === 'POST').map((c) => [c.url, c.body])).toEqual([['/api/revisions/r3/reject', { comment: 'The sample is one paying segment.' }]]);
    expect(allByTestId(card('r3'), 'revision-event').at(-1)?.textContent).toContain('The sample is one paying segment.');
  });

  it('[UR3] approving may go without a comment', async () => {
    const { calls } = await show('showrunner', [revision('r3', 'proposed')], { 'POST /api/revisions/r3/approve': { body: revision('r3', 'approved') } });
    await click(byTestId(card('r3'), 'revision-approve'));
    await waitFor(() => card('r3').dataset.status === 'approved');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ comment: '' }]);
  });

  it('[UR4] marking aired asks platform and time, then sends them as ISO', async () => {
    const { calls } = await show('operations', [revision('r4', 'approved')], { 'POST /api/revisions/r4/air': { body: revision('r4', 'aired') } });
    await click(byTestId(card('r4'), 'revision-air'));
    const platform = byTestId<HTMLSelectElement>(card('r4'), 'revision-air-platform');
    await act(async () => {
      platform.value = 'kuaishou';
      platform.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await typeInto(byTestId<HTMLInputElement>(card('r4'), 'revision-air-time'), '2025-03-07T20:00');
    await click(byTestId(card('r4'), 'revision-air-confirm'));
    await waitFor(() => card('r4').dataset.status === 'aired');
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.url).toBe('/api/revisions/r4/air');
    expect(post?.body).toEqual({ platform: 'kuaishou', airedAt: new Date('2025-03-07T20:00').toISOString() });
    expect(byTestId(card('r4'), 'revision-release').textContent).toContain('Aired on Douyin');
  });

  it('[UR1] a new revision takes a summary, the chosen open links and the next colour', async () => {
    const links = [link('l1'), link('l2', { sceneId: 'sc4', anchor: { kind: 'scene', sceneId: 'sc4', heading: '11-4 日 内 客厅' }, sample: { mentions: 600, distinctViewers: 14, coordinated: 580, topSegment: null } })];
    const { calls } = await show('writer', [revision('r1', 'aired', { number: 1, colour: 'White' })], {
      'GET /api/episodes/e1/links': { body: { links } },
      'POST /api/episodes/e1/revisions': (body) => ({ status: 201, body: revision('r2', 'draft', { summary: (body as { summary: string }).summary }) }),
    });
    await click(byTestId(view!.container, 'new-revision'));
    await waitFor(() => allByTestId(view!.container, 'new-revision-link').length === 2);
    expect(calls.find((c) => c.url.startsWith('/api/episodes/e1/links'))?.url).toBe('/api/episodes/e1/links?revisionId=none');
    expect(byTestId<HTMLSelectElement>(view!.container, 'new-revision-colour').value).toBe('Blue');
    const form = byTestId(view!.container, 'new-revision-form');
    expect(allByTestId(form, 'evidence-sample').map((s) => s.textContent)).toEqual([
      '4,100 mentions · 2,900 distinct viewers',
      '600 mentions · 14 distinct viewers · 580 coordinated',
    ]);
    expect(byTestId<HTMLButtonElement>(view!.container, 'new-revision-create').disabled).toBe(true);
    await typeInto(byTestId<HTMLTextAreaElement>(view!.container, 'new-revision-summary'), 'Twins reveal into the cliffhanger');
    await click(allByTestId(view!.container, 'new-revision-link').find((c) => c.dataset.linkId === 'l1')!);
    await submit(form as HTMLFormElement);
    await waitFor(() => cards().length === 2);
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ summary: 'Twins reveal into the cliffhanger', linkIds: ['l1'], colour: 'Blue' });
    expect(cards()[0]?.dataset.revisionId).toBe('r2');
    expect(view!.container.querySelector('[data-testid="new-revision-form"]')).toBeNull();
  });
});
