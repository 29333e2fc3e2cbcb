import type { EvidenceSample, RevisionOutcome } from '@loopline/shared';
import type { ReportEvidence, ReportModel, RevisionRef } from '../../src/reports/index.js';

/**
 * A hand-built report (BRIEF §6 shrunk): revision Blue of 签收双胞胎 episode 3
 * changes scene 3-2 on evidence from viewers asking where the twin went, moves
 * scene 3-4, adds a cliffhanger scene; one quote carries markup that must stay
 * text; Blue aired and has an outcome with curves.
 */

export const WHITE: RevisionRef = { id: 'rev-white', number: 1, colour: 'White', colourHex: '#ffffff' };
export const BLUE: RevisionRef = { id: 'rev-blue', number: 2, colour: 'Blue', colourHex: '#cfe3ff' };

export const QUOTES = {
  twin: '双胞胎妹妹去哪了？上一集明明在门口！',
  call: '她为什么不接电话，急死我了',
  markup: '<script>alert("x")</script> 太假了 & 不合理',
  english: 'Where did the twin go?',
};

export const HEADINGS = {
  changed: '3-2 日 外 医院门口',
  moved: '3-4 夜 内 总裁办公室',
  added: '3-5 夜 外 街道',
  unchanged: '3-1 日 内 客厅',
};

const sample = (mentions: number, distinctViewers: number, coordinated: number, share: number | null): EvidenceSample => ({
  mentions,
  distinctViewers,
  coordinated,
  topSegment: share === null ? null : { name: 'paying', value: 'yes', share },
});

const link = (id: string, over: Partial<ReportEvidence>): ReportEvidence => ({
  linkId: id,
  revision: BLUE,
  anchorHeading: HEADINGS.changed,
  spanQuote: null,
  state: 'anchored',
  stance: 'motivates',
  weight: 3,
  rationale: '观众集中追问双胞胎的去向，需要在门口补一场。',
  authorName: '编剧 小林',
  createdAt: '2026-03-01T08:00:00.000Z',
  sample: sample(128, 97, 4, 0.55),
  itemCount: 128,
  quotes: [],
  ...over,
});

export const OUTCOME: RevisionOutcome = {
  revisionId: BLUE.id,
  release: { id: 'rel-1', seriesId: 's1', episodeId: 'e3', platform: 'douyin', airedAt: '2026-03-10T12:00:00.000Z', revisionId: BLUE.id, createdAt: '2026-03-10T12:00:00.000Z' },
  before: { episodeId: 'e2', label: 'previous-episode' },
  changedRange: { fromSecond: 20, toSecond: 55 },
  rows: [
    { metric: 'completionRate', before: 0.412, after: 0.487, baseline: 0.43 },
    { metric: 'fiveSecondCompletion', before: 0.71, after: 0.74, baseline: 0.7 },
    { metric: 'retentionOverChangedScenes', before: 0.52, after: 0.61, baseline: null },
    { metric: 'paywallUnlocks', before: 1830, after: 2412, baseline: 1900 },
    { metric: 'evidenceComments', before: 64, after: 21, baseline: null },
  ],
  retentionBefore: Array.from({ length: 90 }, (_, s) => 1 - s / 150),
  retentionAfter: Array.from({ length: 90 }, (_, s) => 1 - s / 200),
};

export function fixtureModel(): ReportModel {
  return {
    kind: 'revision',
    generatedAt: '2026-03-12T02:00:00.000Z',
    language: 'zh',
    series: { id: 's1', title: '签收双胞胎' },
    episode: { id: 'e3', number: 3, title: '门口的人' },
    revisions: [
      {
        ...BLUE,
        status: 'aired',
        summary: '补上双胞胎在医院门口的一场，结尾改为悬念。',
        authors: ['编剧 小林', 'Showrunner Zhao'],
        createdAt: '2026-03-02T08:00:00.000Z',
        events: [
          { status: 'proposed', byName: '编剧 小林', at: '2026-03-03T01:00:00.000Z', comment: '请审' },
          { status: 'approved', byName: 'Showrunner Zhao', at: '2026-03-03T05:00:00.000Z', comment: '同意，证据充分' },
          { status: 'aired', byName: '运营 阿周', at: '2026-03-10T12:00:00.000Z', comment: '' },
        ],
        release: { platform: 'douyin', airedAt: '2026-03-10T12:00:00.000Z' },
        linkCount: 2,
      },
    ],
    comparison: { from: WHITE, to: BLUE },
    scenes: [
      {
        sceneId: 'b',
        heading: HEADINGS.changed,
        status: 'changed',
        moved: false,
        headingBefore: HEADINGS.changed,
        headingAfter: HEADINGS.changed,
        headingChanged: false,
        beforeIndex: 1,
        afterIndex: 1,
        blocks: [
          {
            op: 'changed',
            type: 'action',
            typeBefore: 'action',
            typeChanged: false,
            formatChanged: false,
            runs: [
              { op: 'equal', text: '林晚接到电话，' },
              { op: 'delete', text: '挂断' },
              { op: 'insert', text: '愣在门口' },
              { op: 'equal', text: '。' },
            ],
          },
          { op: 'added', type: 'cliffhanger', typeBefore: null, typeChanged: false, formatChanged: false, runs: [{ op: 'insert', text: '双胞胎出现在门口。' }] },
        ],
        evidence: [
          link('L1', {
            spanQuote: '林晚接到电话',
            quotes: [
              { author: 'v-3f2a91', platform: 'douyin', postedAt: '2026-02-28T13:00:00.000Z', text: QUOTES.twin, likes: 532, coordinated: false },
              { author: 'v-77c0d2', platform: 'bilibili', postedAt: '2026-02-28T14:00:00.000Z', text: QUOTES.call, likes: null, coordinated: false },
              { author: 'v-0bad00', platform: 'douyin', postedAt: '2026-02-28T15:00:00.000Z', text: QUOTES.markup, likes: 3, coordinated: true },
            ],
          }),
          link('L2', {
            stance: 'contradicts',
            weight: 1,
            rationale: 'A few viewers liked the old ending.',
            authorName: 'Writer Lin',
            sample: sample(12, 11, 0, null),
            itemCount: 12,
            quotes: [{ author: 'v-e1e1e1', platform: 'youtube', postedAt: '2026-02-28T16:00:00.000Z', text: QUOTES.english, likes: 2, coordinated: false }],
          }),
        ],
        sample: sample(140, 106, 4, 0.52),
      },
      {
        sceneId: 'd',
        heading: HEADINGS.moved,
        status: 'unchanged',
        moved: true,
        headingBefore: HEADINGS.moved,
        headingAfter: HEADINGS.moved,
        headingChanged: false,
        beforeIndex: 3,
        afterIndex: 2,
        blocks: [],
        evidence: [],
        sample: null,
      },
      {
        sceneId: 'e',
        heading: HEADINGS.added,
        status: 'added',
        moved: false,
        headingBefore: null,
        headingAfter: HEADINGS.added,
        headingChanged: false,
        beforeIndex: null,
        afterIndex: 4,
        blocks: [{ op: 'added', type: 'action', typeBefore: null, typeChanged: false, formatChanged: false, runs: [{ op: 'insert', text: '雨一直下。' }] }],
        evidence: [],
        sample: null,
      },
    ],
    otherEvidence: [
      {
        sceneId: 'a',
        heading: HEADINGS.unchanged,
        evidence: [link('L3', { stance: 'supports', weight: 2, anchorHeading: HEADINGS.unchanged, sample: sample(40, 40, 0, 0.5), itemCount: 40 })],
        sample: sample(40, 40, 0, 0.5),
      },
    ],
    sample: sample(180, 140, 4, 0.51),
    linkCount: 3,
    outcomes: [{ revision: BLUE, outcome: OUTCOME, beforeEpisodeNumber: 2 }],
  };
}
