import type { AuditFinding, Role } from '@loopline/shared';
import { DEFAULT_AUDIT_THRESHOLDS, summarizeFindings } from '@loopline/shared';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { episode, LocationProbe } from '../../app/appTesting';
import { allByTestId, byTestId, click, mockFetch, type Rendered, render, submit, typeInto, waitFor } from '../../ui/testing';
import { link, revision, sample } from '../revisions/fixtures';
import { EvidenceAuditPanel } from './EvidenceAuditPanel';

const findings: AuditFinding[] = [
  { kind: 'change-without-evidence', episodeId: 'e1', revisionId: 'r2', sceneId: 'sc4', heading: '12-4 日 内 客厅', linkIds: [], reasons: [], sample: null },
  { kind: 'evidence-without-change', episodeId: 'e1', revisionId: null, sceneId: 'sc5', heading: '12-5 夜 外 天台', linkIds: ['l5'], reasons: [], sample: sample(40, 38) },
  {
    kind: 'weak-evidence',
    episodeId: 'e1',
    revisionId: 'r2',
    sceneId: 'sc2',
    heading: '12-2 夜 内 医院走廊',
    linkIds: ['l2'],
    reasons: ['few-viewers', 'one-segment', 'coordinated'],
    sample: sample(600, 14, 580, { name: 'paying', value: 'yes', share: 0.93 }),
  },
];

const auditPath = 'GET /api/series/s1/evidence-audit';

describe('EvidenceAuditPanel', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    vi.unstubAllGlobals();
  });

  async function show(role: Role, path = '/series/s1?tab=evidence-audit', extra: Parameters<typeof mockFetch>[0] = {}) {
    const mocked = mockFetch({
      'GET /api/series/s1/episodes': { body: { episodes: [episode] } },
      [auditPath]: (_b, url) => {
        const kind = new URL(url, 'http://x').searchParams.get('kind');
        const shown = kind ? findings.filter((f) => f.kind === kind) : findings;
        return { body: { findings: shown, thresholds: DEFAULT_AUDIT_THRESHOLDS, summary: summarizeFindings(shown) } };
      },
      'GET /api/episodes/e1/revisions': { body: { revisions: [revision('r2', 'proposed')] } },
      'GET /api/revisions/r2/trace': { body: { revision: revision('r2', 'proposed'), links: [link('l2', { sample: findings[2]!.sample!, revisionId: 'r2' })], outcome: null } },
      ...extra,
    });
    view = await render(
      <>
        <EvidenceAuditPanel seriesId="s1" role={role} />
        <LocationProbe />
      </>,
      { path },
    );
    await waitFor(() => allByTestId(view!.container, 'evidence-audit-group').length === 3 && view!.container.querySelector('[data-testid="evidence-audit-revision-card"] [data-testid="evidence-link"]'));
    return mocked;
  }
  const group = (kind: string) => view!.container.querySelector<HTMLElement>(`[data-testid="evidence-audit-group"][data-kind="${kind}"]`)!;

  it('[UR10] lists the three kinds of findings, with the sample and the reasons of weak evidence', async () => {
    await show('showrunner');
    expect(allByTestId(view!.container, 'evidence-audit-group').map((g) => `${g.dataset.kind}=${g.dataset.count}`)).toEqual([
      'change-without-evidence=1',
      'evidence-without-change=1',
      'weak-evidence=1',
    ]);
    expect(group('change-without-evidence').textContent).toContain('Changed scenes with no evidence');
    expect(group('change-without-evidence').textContent).toContain('12-4 日 内 客厅');
    expect(byTestId(group('change-without-evidence'), 'revision-name').textContent).toBe('Blue#2');
    expect(group('evidence-without-change').textContent).toContain('Evidence linked but no change made');
    expect(group('evidence-without-change').textContent).toContain('Working script');
    const weak = group('weak-evidence');
    expect(allByTestId(weak, 'evidence-audit-reason').map((r) => r.textContent)).toEqual(['Few viewers', 'Mostly one segment', 'Coordinated traffic']);
    expect(byTestId(weak, 'evidence-sample').textContent).toBe('600 mentions · 14 distinct viewers · 580 coordinated · 93% paying=yes');
  });

  it('[UR10] filters go to the query and the URL; the CSV link carries the same filters', async () => {
    const { calls } = await show('reviewer', '/series/s1?tab=evidence-audit&episode=e1');
    const audits = () => calls.filter((c) => c.url.startsWith('/api/series/s1/evidence-audit')).map((c) => c.url);
    expect(audits()).toEqual(['/api/series/s1/evidence-audit?episodeId=e1']);
    expect(byTestId(view!.container, 'evidence-audit-csv').getAttribute('href')).toBe('/api/series/s1/evidence-audit?episodeId=e1&format=csv');
    const kind = byTestId<HTMLSelectElement>(view!.container, 'evidence-audit-kind');
    await act(async () => {
      kind.value = 'weak-evidence';
      kind.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => group('change-without-evidence').dataset.count === '0');
    expect(audits().at(-1)).toBe('/api/series/s1/evidence-audit?kind=weak-evidence&episodeId=e1');
    expect(byTestId(view!.container, 'location').textContent).toBe('/series/s1?tab=evidence-audit&episode=e1&kind=weak-evidence');
    expect(byTestId(view!.container, 'evidence-audit-csv').getAttribute('href')).toBe('/api/series/s1/evidence-audit?kind=weak-evidence&episodeId=e1&format=csv');
    expect(group('change-without-evidence').textContent).toContain('None.');

    const revisionFilter = byTestId<HTMLSelectElement>(view!.container, 'evidence-audit-revision');
    expect([...revisionFilter.options].map((o) => o.value)).toEqual(['', 'none', 'r2']);
    await act(async () => {
      revisionFilter.value = 'none';
      revisionFilter.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => audits().at(-1)?.includes('revisionId=none'));
    expect(audits().at(-1)).toBe('/api/series/s1/evidence-audit?kind=weak-evidence&episodeId=e1&revisionId=none');
  });

  it('[UR10] a showrunner approves or rejects right there, looking at the evidence; a reviewer only reads', async () => {
    const { calls } = await show('showrunner', undefined, { 'POST /api/revisions/r2/approve': { body: revision('r2', 'approved') } });
    const card = byTestId(view!.container, 'evidence-audit-revision-card');
    expect(allByTestId(card, 'evidence-sample').map((s) => s.dataset.viewers)).toEqual(['14']);
    await click(byTestId(card, 'revision-reject'));
    expect(byTestId(card, 'revision-comment-error')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
    await typeInto(byTestId<HTMLTextAreaElement>(card, 'revision-comment'), 'Coordinated burst excluded; the rest is broad.');
    const before = calls.filter((c) => c.url.startsWith('/api/series/s1/evidence-audit')).length;
    await click(byTestId(card, 'revision-approve'));
    await waitFor(() => byTestId(view!.container, 'evidence-audit-revision-card').querySelector('[data-testid="revision-status"]')?.getAttribute('data-status') === 'approved');
    expect(calls.filter((c) => c.method === 'POST').map((c) => [c.url, c.body])).toEqual([['/api/revisions/r2/approve', { comment: 'Coordinated burst excluded; the rest is broad.' }]]);
    await waitFor(() => calls.filter((c) => c.url.startsWith('/api/series/s1/evidence-audit')).length > before);

    view!.unmount();
    await show('reviewer');
    const readOnly = byTestId(view!.container, 'evidence-audit-revision-card');
    expect(readOnly.querySelector('[data-testid="revision-approve"], [data-testid="revision-reject"]')).toBeNull();
    expect(byTestId<HTMLInputElement>(view!.container, 'evidence-audit-threshold-minDistinctViewers').disabled).toBe(true);
    expect(view!.container.querySelector('[data-testid="evidence-audit-thresholds-save"]')).toBeNull();
  });

  it('[UR10] a showrunner changes the thresholds; shares are typed in percent', async () => {
    const { calls } = await show('showrunner', undefined, { 'PUT /api/series/s1/audit-settings': (body) => ({ body }) });
    const viewers = byTestId<HTMLInputElement>(view!.container, 'evidence-audit-threshold-minDistinctViewers');
    expect(viewers.value).toBe('30');
    expect(byTestId<HTMLInputElement>(view!.container, 'evidence-audit-threshold-maxSegmentShare').value).toBe('80');
    await typeInto(viewers, '100');
    await typeInto(byTestId<HTMLInputElement>(view!.container, 'evidence-audit-threshold-maxCoordinatedShare'), '25');
    await submit(byTestId(view!.container, 'evidence-audit-thresholds') as HTMLFormElement);
    await waitFor(() => calls.some((c) => c.method === 'PUT'));
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ minDistinctViewers: 100, maxSegmentShare: 0.8, maxCoordinatedShare: 0.25 });
  });
});
