import { describe, expect, it } from 'vitest';
import type { OutcomeRow, RevisionOutcome } from '../domain/evidence.js';
import type { EpisodeMetrics, Release, RetentionCurve } from '../domain/feedback.js';
import { combineCurves, computeOutcome, meanOverRange, type OutcomeInput } from './outcome.js';

// Every expected number below is worked out by hand from these rows.
const CHINA = new Set(['douyin', 'kuaishou']);
const offset = (platform: string) => (CHINA.has(platform) ? 480 : 0);

function m(episodeId: string, platform: string, date: string, views: number | null, completionRate: number | null, fiveSecondCompletion: number | null, extra: Partial<EpisodeMetrics> = {}): EpisodeMetrics {
  return {
    seriesId: 'series-1',
    episodeId,
    platform,
    date,
    views,
    uniqueViewers: null,
    completionRate,
    fiveSecondCompletion,
    avgWatchSeconds: null,
    likes: null,
    shares: null,
    follows: null,
    comments: null,
    paywallUnlocks: null,
    paywallConversion: null,
    ...extra,
  };
}
const curve = (episodeId: string, platform: string, updatedAt: string, points: number[]): RetentionCurve => ({ seriesId: 'series-1', episodeId, platform, points, updatedAt });

const episodes = [
  { id: 'ep-10', number: 10 },
  { id: 'ep-11', number: 11 },
  { id: 'ep-12', number: 12 },
  { id: 'ep-13', number: 13 },
];

const metrics: EpisodeMetrics[] = [
  // ep-10 (a paywall episode): completion (0.2·4000 + 0.4·1000)/5000 = 0.24, five (0.5·4000 + 0.6·1000)/5000 = 0.52, unlocks 150.
  m('ep-10', 'douyin', '2025-03-10', 4000, 0.2, 0.5, { paywallUnlocks: 120 }),
  m('ep-10', 'douyin', '2025-03-11', null, 0.4, 0.6, { uniqueViewers: 1000, paywallUnlocks: 30 }),
  // ep-11: its first two days: completion (0.35·2000 + 0.25·2000)/4000 = 0.30, five 0.70; the third day is out of the window.
  m('ep-11', 'douyin', '2025-03-11', 2000, 0.35, 0.75),
  m('ep-11', 'douyin', '2025-03-12', 2000, 0.25, 0.65),
  m('ep-11', 'douyin', '2025-03-13', 1000, 0.9, 0.9),
  // No views and no unique viewers: no weight, left out.
  m('ep-11', 'tiktok', '2025-03-11', null, 0.99, 0.99),
  // ep-12 aired 2025-03-12 20:00 Beijing = 12:00 UTC: douyin days 03-12 and 03-13, tiktok day 03-12 (UTC).
  // completion (0.4·1000 + 0.5·3000 + 0.3·1000)/5000 = 0.44, five (0.8·1000 + 0.7·3000 + 0.6·1000)/5000 = 0.70.
  m('ep-12', 'douyin', '2025-03-12', 1000, 0.4, 0.8),
  m('ep-12', 'douyin', '2025-03-13', 3000, 0.5, 0.7),
  m('ep-12', 'douyin', '2025-03-14', 500, 0.9, 0.9),
  m('ep-12', 'tiktok', '2025-03-12', 1000, 0.3, 0.6),
];

const retention: RetentionCurve[] = [
  curve('ep-10', 'douyin', '2025-03-11T00:00:00Z', [1, 0.5, 0.5, 0.2]),
  curve('ep-11', 'douyin', '2025-03-12T00:00:00Z', [1, 0.95, 0.9, 0.85, 0.8]),
  curve('ep-12', 'douyin', '2025-03-13T00:00:00Z', [1, 0.9, 0.8, 0.7, 0.6, 0.5]),
  curve('ep-12', 'tiktok', '2025-03-13T00:00:00Z', [1, 0.8, 0.6, 0.4, 0.2, 0.1]),
];

const release = (episodeId: string, airedAt: string): Release => ({ id: `rel-${episodeId}`, seriesId: 'series-1', episodeId, platform: 'douyin', airedAt, revisionId: 'blue', createdAt: airedAt });

const items = [
  { postedAt: '2025-03-10T11:59:59Z' }, // before the 48 h window
  { postedAt: '2025-03-10T12:00:00Z' }, // first second of the window before
  { postedAt: '2025-03-12T11:59:59Z' }, // last second before the release
  { postedAt: '2025-03-12T12:00:00Z' }, // the release: after
  { postedAt: '2025-03-13T09:00:00Z', coordinated: true }, // coordinated: never counted
  { postedAt: '2025-03-14T11:59:59Z' }, // last second of the window after
  { postedAt: '2025-03-14T12:00:00Z' }, // past the window
];

const base = (over: Partial<OutcomeInput> = {}): OutcomeInput => ({
  revisionId: 'blue',
  episodeId: 'ep-12',
  release: release('ep-12', '2025-03-12T12:00:00Z'),
  episodes,
  metrics,
  retention,
  changedRange: { fromSecond: 1.5, toSecond: 3.2 },
  evidenceItems: items,
  utcOffsetMinutes: offset,
  ...over,
});

const row = (o: RevisionOutcome, metric: OutcomeRow['metric']) => o.rows.find((r) => r.metric === metric)!;
const close = (r: OutcomeRow, before: number | null, after: number | null, baseline: number | null) => {
  for (const [got, want] of [
    [r.before, before],
    [r.after, after],
    [r.baseline, baseline],
  ] as const) {
    if (want === null) expect(got, r.metric).toBeNull();
    else expect(got, r.metric).toBeCloseTo(want, 10);
  }
};

describe('computeOutcome', () => {
  it('[OC1] [OC3] [OC4] a new episode: after its release against the previous episode and the series baseline', () => {
    const o = computeOutcome(base());
    expect(o.before).toEqual({ episodeId: 'ep-11', label: 'previous-episode' });
    expect(o.rows.map((r) => r.metric)).toEqual(['completionRate', 'fiveSecondCompletion', 'retentionOverChangedScenes', 'paywallUnlocks', 'evidenceComments']);
    // Baseline: mean of ep-10 and ep-11 (ep-13 has no data).
    close(row(o, 'completionRate'), 0.3, 0.44, (0.24 + 0.3) / 2);
    close(row(o, 'fiveSecondCompletion'), 0.7, 0.7, (0.52 + 0.7) / 2);
    // Only ep-10 has unlocks; ep-11 and ep-12 have none: null, not 0.
    close(row(o, 'paywallUnlocks'), null, null, 150);
    expect(o.release?.airedAt).toBe('2025-03-12T12:00:00Z');
    expect(o.changedRange).toEqual({ fromSecond: 1.5, toSecond: 3.2 });
  });

  it('[OC5] retention over the changed scenes: platform curves weighted by views, the seconds 1–3 the range touches', () => {
    const o = computeOutcome(base());
    // After: douyin 4000 views, tiktok 1000 → (4000·d + 1000·t)/5000 per second.
    const expected = [1, 0.88, 0.76, 0.64, 0.52, 0.42];
    for (const [s, v] of o.retentionAfter.entries()) expect(v).toBeCloseTo(expected[s]!, 10);
    expect(o.retentionAfter.length).toBe(6);
    expect(o.retentionBefore).toEqual([1, 0.95, 0.9, 0.85, 0.8]);
    // After (0.88 + 0.76 + 0.64)/3; before (0.95 + 0.9 + 0.85)/3; baseline mean of ep-10's (0.5 + 0.5 + 0.2)/3 and ep-11's 0.9.
    close(row(o, 'retentionOverChangedScenes'), 0.9, 0.76, (0.4 + 0.9) / 2);
    expect(meanOverRange([1, 0.5], { fromSecond: 3, toSecond: 4 })).toBeNull();
    expect(meanOverRange([1, 0.5], { fromSecond: 1, toSecond: 1 })).toBeNull();
    expect(combineCurves([curve('x', 'a', '', [1, 0.5]), curve('x', 'b', '', [1])])).toEqual([1, 0.5]);
    close(row(computeOutcome(base({ changedRange: null })), 'retentionOverChangedScenes'), null, null, null);
  });

  it('[OC6] comments on the linked evidence: 48 h on each side of the release, coordinated ones left out, no baseline', () => {
    expect(row(computeOutcome(base()), 'evidenceComments')).toEqual({ metric: 'evidenceComments', before: 2, after: 2, baseline: null });
  });

  it('[OC3] [OC6] a 24 h window: one day of metrics after the release, one day of items each side', () => {
    const o = computeOutcome(base({ windowHours: 24 }));
    expect(row(o, 'evidenceComments')).toMatchObject({ before: 1, after: 1 });
    // Release day only: (0.4·1000 + 0.3·1000)/2000; ep-11 first day 0.35; baseline (0.2 + 0.35)/2.
    close(row(o, 'completionRate'), 0.35, 0.35, (0.2 + 0.35) / 2);
  });

  it('[OC3] a re-release of an aired episode compares with the same episode’s days before it', () => {
    const reedit = [
      ...metrics,
      m('ep-11', 'douyin', '2025-03-14', 1000, 0.5, 0.8),
      m('ep-11', 'douyin', '2025-03-15', 1000, 0.6, 0.8),
    ];
    const stale = curve('ep-11', 'douyin', '2025-03-13T00:00:00Z', [1, 0.9, 0.8, 0.7]);
    const o = computeOutcome(
      base({ episodeId: 'ep-11', release: release('ep-11', '2025-03-14T12:00:00Z'), metrics: reedit, retention: [...retention.filter((c) => c.episodeId !== 'ep-11'), stale] }),
    );
    expect(o.before).toEqual({ episodeId: 'ep-11', label: 'same-episode' });
    // Before: the two days before the release day, 03-12 and 03-13: (0.25·2000 + 0.9·1000)/3000. After: (0.5 + 0.6)/2.
    // Baseline: ep-10 0.24 and ep-12 0.44 (their first two days).
    close(row(o, 'completionRate'), 1.4 / 3, 0.55, (0.24 + 0.44) / 2);
    // The only curve of ep-11 was updated before the re-release: it is the before curve; there is no after curve yet.
    close(row(o, 'retentionOverChangedScenes'), (0.9 + 0.8 + 0.7) / 3, null, (0.4 + 0.76) / 2);
    expect(o.retentionAfter).toEqual([]);
  });

  it('[OC3] compareTo picks the comparison episode; an episode with nothing earlier has no before', () => {
    const o = computeOutcome(base({ compareTo: 'ep-10' }));
    expect(o.before).toEqual({ episodeId: 'ep-10', label: 'previous-episode' });
    close(row(o, 'completionRate'), 0.24, 0.44, 0.27);
    const first = computeOutcome(base({ episodeId: 'ep-10', release: release('ep-10', '2025-03-10T12:00:00Z') }));
    expect(first.before).toBeNull();
    expect(first.rows.filter((r) => r.metric !== 'evidenceComments').every((r) => r.before === null)).toBe(true);
    // The comments before the release are still counted: they do not depend on a comparison episode.
    expect(row(first, 'evidenceComments').before).toBe(1);
    expect(first.retentionBefore).toEqual([]);
  });

  it('[OC1] not aired: no before, no after, no comment counts — only the baseline the data gives', () => {
    const o = computeOutcome(base({ release: null }));
    expect(o.before).toBeNull();
    expect(o.rows.every((r) => r.before === null && r.after === null)).toBe(true);
    close(row(o, 'completionRate'), null, null, 0.27);
    expect(o.retentionAfter).toEqual([]);
  });

  it('[OC1] [OC4] missing numbers stay null: an episode whose rows carry no rates, a series with no other data', () => {
    const bare = [m('ep-12', 'douyin', '2025-03-12', 1000, null, null), m('ep-11', 'douyin', '2025-03-11', 0, 0.5, 0.5)];
    const o = computeOutcome(base({ metrics: bare, retention: [] }));
    // ep-11 has rows (so it is the comparison) but zero views: no weighted mean.
    expect(o.before).toEqual({ episodeId: 'ep-11', label: 'previous-episode' });
    for (const r of o.rows.filter((x) => x.metric !== 'evidenceComments')) close(r, null, null, null);
    expect(o.retentionBefore).toEqual([]);
  });
});
