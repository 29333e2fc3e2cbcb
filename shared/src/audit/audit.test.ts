import { describe, expect, it } from 'vitest';
import { type AuditFinding, DEFAULT_AUDIT_THRESHOLDS } from '../domain/evidence.js';
import { diffEpisodes } from '../revisions/diff.js';
import { type AuditEpisodeInput, auditEpisode, auditSeries, diffFromEmpty, unionSampleLookup, unionSampleRequests, weaknessReasons } from './audit.js';
import { episodeDoc, link, sample, scene } from './fixtures.js';

// Episode 12 of the worked example (BRIEF §6): White is the script as first
// locked, Blue moves the twins reveal, the working script goes on from Blue.
const a = scene('a', '12-1 日 内 客厅', ['action', '△清晨的客厅。']);
const b = scene('b', '12-2 日 外 医院门口', ['action', '林晚接到电话。']);
const bBlue = scene('b', '12-2 日 外 医院门口', ['action', '林晚接到电话。'], ['cliffhanger', '双胞胎出现在门口。']);
const bNow = scene('b', '12-2 日 外 医院门口', ['action', '林晚接到电话，愣住。'], ['cliffhanger', '双胞胎出现在门口。']);
const c = scene('c', '12-3 夜 内 总裁办公室', ['dialogue', '你来了。']);
const d = scene('d', '12-4 夜 内 客厅', ['dialogue', '你以为他会信你？']);
const e = scene('e', '12-5 夜 外 天台', ['action', '风很大。']);
const f = scene('f', '12-6 夜 内 车库', ['action', '车灯熄灭。']);

const white = episodeDoc(a, b, c, d, f);
const blue = episodeDoc(d, a, bBlue, c, e);
const now = episodeDoc(d, a, bNow, c, e);

const strong = sample(4100, 2900, 0, { name: 'paying', value: 'no', share: 0.62 });
const links = {
  w1: link('w1', 'a', 'motivates', sample(40, 35), { revisionId: 'white' }),
  b1: link('b1', 'b', 'motivates', strong, { revisionId: 'blue' }),
  b2: link('b2', 'b', 'supports', sample(612, 12, 600), { revisionId: 'blue' }),
  e1: link('e1', 'e', 'supports', sample(12, 12), { revisionId: 'blue' }),
  f1: link('f1', 'f', 'contradicts', strong, { revisionId: 'blue' }),
  c1: link('c1', 'c', 'motivates', sample(300, 120), { revisionId: 'blue' }),
  a1: link('a1', 'a', 'supports', sample(90, 80), { revisionId: 'blue' }),
  u1: link('u1', 'a', 'motivates', sample(50, 45)),
  u2: link('u2', 'b', 'motivates', sample(50, 45)),
  u3: link('u3', 'c', 'supports', sample(50, 45)),
};
// The union of b1 and b2: the 600 coordinated comments add mentions, not viewers [AU6].
const unionB = sample(4712, 2902, 600, { name: 'paying', value: 'no', share: 0.62 });

function input(): AuditEpisodeInput {
  const requests = unionSampleRequests([{ episodeId: 'ep-12', revisions: revisions(), working: working() }]);
  return {
    episodeId: 'ep-12',
    revisions: revisions(),
    working: working(),
    sampleOf: unionSampleLookup(
      requests,
      requests.map(() => unionB),
    ),
  };
}
const revisions = () => [
  { revisionId: 'white', diff: null, links: [links.w1] },
  { revisionId: 'blue', diff: diffEpisodes(white, blue), links: [links.b1, links.b2, links.e1, links.f1, links.c1, links.a1] },
];
const working = () => ({ diff: diffEpisodes(blue, now), links: [links.u1, links.u2, links.u3] });

const brief = (f: AuditFinding) => [String(f.revisionId), f.kind, f.sceneId, f.linkIds.join('+'), f.reasons.join('+')].join(' ');

describe('auditEpisode', () => {
  it('[AU1] [AU2] [AU3] [AU4] [AU5] the worked example: every finding, in revision and scene order', () => {
    const findings = auditEpisode(input());
    expect(findings.map(brief)).toEqual([
      // White has no earlier state: its linked scene counts as written, nothing else is judged.
      'blue change-without-evidence d  ',
      'blue evidence-without-change c c1 ',
      'blue weak-evidence e e1 few-viewers',
      'blue change-without-evidence f  ',
      'null evidence-without-change a u1 ',
    ]);
  });

  it('[AU3] a moved, an added-with-supports, a removed-with-only-contradicts scene: the move and the removal lack evidence', () => {
    const findings = auditEpisode(input()).filter((f) => f.kind === 'change-without-evidence');
    expect(findings.map((f) => [f.sceneId, f.heading, f.linkIds, f.sample])).toEqual([
      ['d', '12-4 夜 内 客厅', [], null],
      // The removed scene keeps the heading it had.
      ['f', '12-6 夜 内 车库', [], null],
    ]);
  });

  it('[AU3] the first revision diffed against an empty episode: every scene without a link is a change without evidence', () => {
    const findings = auditEpisode({ episodeId: 'ep-12', revisions: [{ revisionId: 'white', diff: diffFromEmpty(white), links: [links.w1] }] });
    expect(diffFromEmpty(white).added).toEqual(['a', 'b', 'c', 'd', 'f']);
    expect(findings.map(brief)).toEqual(['white change-without-evidence b  ', 'white change-without-evidence c  ', 'white change-without-evidence d  ', 'white change-without-evidence f  ']);
  });

  it('[AU4] evidence without change names the motivating links and their sample; supports on an unchanged scene is no finding', () => {
    const findings = auditEpisode(input()).filter((f) => f.kind === 'evidence-without-change');
    expect(findings).toEqual([
      { kind: 'evidence-without-change', episodeId: 'ep-12', revisionId: 'blue', sceneId: 'c', heading: '12-3 夜 内 总裁办公室', linkIds: ['c1'], reasons: [], sample: links.c1.sample },
      { kind: 'evidence-without-change', episodeId: 'ep-12', revisionId: null, sceneId: 'a', heading: '12-1 日 内 客厅', linkIds: ['u1'], reasons: [], sample: links.u1.sample },
    ]);
  });

  it('[AU4] an unproposed link on a scene changed since the latest revision (or moved) is not evidence without change', () => {
    const moved = episodeDoc(a, d, bBlue, c, e);
    const findings = auditEpisode({ episodeId: 'ep-12', revisions: [], working: { diff: diffEpisodes(blue, moved), links: [links.u1, links.u2] } });
    // a moved after d; b unchanged.
    expect(findings.map(brief)).toEqual(['null evidence-without-change b u2 ']);
  });

  it('[AU5] [AU6] the union of a scene’s links is judged as one sample: 600 coordinated comments do not make 2,900 viewers weak', () => {
    const requests = unionSampleRequests([{ episodeId: 'ep-12', revisions: revisions(), working: working() }]);
    // Only b has two links that explain its change; one-link unions use the link's own sample.
    expect(requests).toEqual([['b1', 'b2']]);
    expect(auditEpisode(input()).some((f) => f.sceneId === 'b' && f.revisionId === 'blue')).toBe(false);

    // Judged alone, b2 (600 coordinated of 612 items, 12 viewers) would be weak twice over.
    expect(weaknessReasons(links.b2.sample)).toEqual(['few-viewers', 'coordinated']);
    const coordinatedUnion = sample(4712, 2902, 4000, null);
    const findings = auditEpisode({ ...input(), sampleOf: (ids) => (ids.join() === 'b1,b2' ? coordinatedUnion : null) });
    expect(findings.filter((f) => f.sceneId === 'b')).toEqual([
      { kind: 'weak-evidence', episodeId: 'ep-12', revisionId: 'blue', sceneId: 'b', heading: '12-2 日 外 医院门口', linkIds: ['b1', 'b2'], reasons: ['coordinated'], sample: coordinatedUnion },
    ]);
  });

  it('[AU5] a union of several links whose sample is unknown is not judged (never a guessed sample)', () => {
    const findings = auditEpisode({ ...input(), sampleOf: undefined });
    expect(findings.some((f) => f.sceneId === 'b' && f.kind === 'weak-evidence')).toBe(false);
  });

  it('[AU5] thresholds: below the viewer minimum, above the segment share, above the coordinated share — equal is not weak', () => {
    const t = { minDistinctViewers: 30, maxSegmentShare: 0.8, maxCoordinatedShare: 0.5 };
    expect(weaknessReasons(sample(30, 30, 15, { name: 'paying', value: 'yes', share: 0.8 }), t)).toEqual([]);
    expect(weaknessReasons(sample(30, 29, 16, { name: 'paying', value: 'yes', share: 0.81 }), t)).toEqual(['few-viewers', 'one-segment', 'coordinated']);
    expect(weaknessReasons(sample(0, 0, 0, null), t)).toEqual(['few-viewers']);
    expect(DEFAULT_AUDIT_THRESHOLDS).toEqual(t);

    const paying = link('p1', 'b', 'motivates', sample(500, 400, 0, { name: 'paying', value: 'yes', share: 0.9 }), { revisionId: 'blue' });
    const rev = { revisionId: 'blue', diff: diffEpisodes(white, blue), links: [paying] };
    const strict = auditEpisode({ episodeId: 'ep-12', revisions: [rev], thresholds: { ...t, minDistinctViewers: 500 } });
    expect(strict.filter((f) => f.kind === 'weak-evidence').map(brief)).toEqual(['blue weak-evidence b p1 few-viewers+one-segment']);
    const lenient = auditEpisode({ episodeId: 'ep-12', revisions: [rev], thresholds: { ...t, maxSegmentShare: 0.95 } });
    expect(lenient.filter((f) => f.kind === 'weak-evidence')).toEqual([]);
  });
});

describe('auditSeries', () => {
  it('[AU7] findings of every episode in the order given, under the series thresholds', () => {
    const ep13 = { episodeId: 'ep-13', revisions: [{ revisionId: 'x', diff: diffEpisodes(episodeDoc(a), episodeDoc(a, e)), links: [] }] };
    const findings = auditSeries([input(), ep13], { ...DEFAULT_AUDIT_THRESHOLDS, minDistinctViewers: 10 });
    // With a minimum of 10 viewers, e1's 12 viewers are enough.
    expect(findings.map((f) => `${f.episodeId} ${brief(f)}`)).toEqual([
      'ep-12 blue change-without-evidence d  ',
      'ep-12 blue evidence-without-change c c1 ',
      'ep-12 blue change-without-evidence f  ',
      'ep-12 null evidence-without-change a u1 ',
      'ep-13 x change-without-evidence e  ',
    ]);
  });
});
