import { describe, expect, it } from 'vitest';
import { importText } from './fixtures/harness.js';
import type { RowContext } from './normalize.js';
import { normalizeMetricsRow, normalizeRetentionRow, retentionPoints } from './normalizeMetrics.js';
import type { RawRow } from './types.js';

const row = (fields: RawRow['fields'], line = 2): RawRow => ({ line, fields });
const ctx = (mapping: Record<string, string>, extra: Partial<RowContext> = {}): RowContext => ({
  mapping,
  platform: 'douyin',
  resolveEpisode: (v) => ({ '11': 'ep-11', 第11集: 'ep-11', 'The Wedding': 'ep-12' })[v ?? ''],
  defaultEpisodeId: null,
  now: new Date('2025-06-01T00:00:00Z'),
  ...extra,
});

describe('feedback rows', () => {
  it('[IN14] the episode comes from the column (number, title, 第N集 via its number) or from the import; unknown is an error', async () => {
    const csv = 'text,postedAt,episode\na,2025-03-05T12:00:00Z,第11集\nb,2025-03-05T12:00:00Z,The Wedding\nc,2025-03-05T12:00:00Z,\nd,2025-03-05T12:00:00Z,EP99\ne,2025-03-05T12:00:00Z,11\n';
    const resolveEpisode = (v: string | null) => ({ '11': 'ep-11', 'The Wedding': 'ep-12' })[v ?? ''];
    const r = await importText(csv, 'csv', { resolveEpisode, defaultEpisodeId: 'ep-1' });
    expect(r.accepted.map((a) => [a.text, a.episodeId])).toEqual([
      ['a', 'ep-11'],
      ['b', 'ep-12'],
      ['c', 'ep-1'],
      ['e', 'ep-11'],
    ]);
    expect(r.errors).toEqual([{ line: 5, column: 'episode', reason: 'unknown episode: "EP99"' }]);
  });

  it('[IN13][IN14] platform and kind: column values win, labels are normalised, unknown ones rejected', async () => {
    const csv = 'text,postedAt,platform,kind,timecode\na,2025-03-05T12:00:00Z,抖音,评论,\nb,2025-03-05T12:00:00Z,快手,弹幕,0:52\nc,2025-03-05T12:00:00Z,,,12.5\nd,2025-03-05T12:00:00Z,my space!,poll,\n';
    const r = await importText(csv, 'csv', { platform: 'tiktok' });
    expect(r.accepted.map((a) => [a.text, a.platform, a.kind, a.timecodeMs])).toEqual([
      ['a', 'douyin', 'comment', null],
      ['b', 'kuaishou', 'danmaku', 52_000],
      ['c', 'tiktok', 'danmaku', 12_500],
    ]);
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [5, 'platform'],
      [5, 'kind'],
    ]);
    const none = await importText('text,postedAt\na,2025-03-05T12:00:00Z\n', 'csv', { platform: null });
    expect(none.errors).toEqual([{ line: 2, column: 'platform', reason: expect.stringContaining('platform missing') }]);
  });

  it('[IN13] text is cleaned of control characters, capped, and required (a repost may carry only a quote)', async () => {
    const long = 'x'.repeat(10_001);
    const csv = `kind,text,quote,postedAt\ncomment,"  hi\u0007 there  ",,2025-03-05T12:00:00Z\nrepost,,原帖内容,2025-03-05T12:00:00Z\ncomment,${long},,2025-03-05T12:00:00Z\ncomment,   ,,2025-03-05T12:00:00Z\n`;
    const r = await importText(csv, 'csv');
    expect(r.accepted.map((a) => [a.kind, a.text, a.quote])).toEqual([
      ['comment', 'hi there', null],
      ['repost', '', '原帖内容'],
    ]);
    expect(r.errors.map((e) => [e.line, e.column, e.reason.slice(0, 16)])).toEqual([
      [4, 'text', 'text longer than'],
      [5, 'text', 'text missing'],
    ]);
  });

  it('[IN15][IN14] language is taken from the column or guessed from the script; segments are normalised', async () => {
    const csv = 'text,postedAt,lang,付费,新老用户,IP属地,城市等级\n请签收,2025-03-05T12:00:00Z,,是,老用户,IP属地：广东,一线\nwhere are the twins,2025-03-05T12:00:00Z,,否,新用户,,\nhola,2025-03-05T12:00:00Z,es_MX,,,,\n';
    const mapping = { text: 'text', postedAt: 'postedAt', language: 'lang', 'segment.paying': '付费', 'segment.viewerType': '新老用户', 'segment.region': 'IP属地', 'segment.tier': '城市等级' };
    const r = await importText(csv, 'csv', { mapping });
    expect(r.accepted.map((a) => [a.language, a.segments])).toEqual([
      ['zh', { paying: 'yes', viewerType: 'returning', region: '广东', tier: '一线' }],
      ['en', { paying: 'no', viewerType: 'new' }],
      ['es-mx', {}],
    ]);
  });

  it('[IN13] every problem of a row is reported, not only the first', async () => {
    const r = await importText('text,postedAt,likes,replyCount\n,someday,-1,lots\n', 'csv');
    expect(r.errors.map((e) => e.column)).toEqual(['text', 'postedAt', 'likes', 'replyCount']);
    expect(r.rejectedRows).toBe(1);
  });
});

describe('metrics rows', () => {
  const mapping = { date: '日期', episode: '集数', platform: '平台', views: '播放量', completionRate: '完播率', avgWatchSeconds: '平均播放时长', paywallConversion: '付费转化率' };
  it('[IN21] counts, percentages and durations are read; the day is the Beijing calendar day for Douyin', () => {
    const r = normalizeMetricsRow(row({ 日期: '2025-03-05', 集数: '第11集', 平台: '抖音', 播放量: '48.2万', 完播率: '35.5%', 平均播放时长: '1:05', 付费转化率: '0.031' }), ctx(mapping));
    expect(r).toEqual({
      ok: true,
      item: {
        episodeId: 'ep-11',
        platform: 'douyin',
        date: '2025-03-05',
        views: 482_000,
        uniqueViewers: null,
        completionRate: 0.355,
        fiveSecondCompletion: null,
        avgWatchSeconds: 65,
        likes: null,
        shares: null,
        follows: null,
        comments: null,
        paywallUnlocks: null,
        paywallConversion: 0.031,
      },
    });
  });

  it('[IN21] episode, date and at least one number are required; bad values name their column', () => {
    const r = normalizeMetricsRow(row({ 日期: '2025-13-01', 集数: '', 平台: '抖音', 播放量: '-3', 完播率: '135%' }), ctx(mapping));
    expect(r.ok ? [] : r.errors.map((e) => e.column)).toEqual(['集数', '日期', '播放量', '完播率']);
    const empty = normalizeMetricsRow(row({ 日期: '2025-03-01', 集数: '11', 平台: '抖音' }), ctx(mapping));
    expect(empty).toEqual({ ok: false, errors: [{ line: 2, column: null, reason: 'no metric in the row' }] });
    const broken = normalizeMetricsRow({ line: 9, fields: {}, error: 'extra columns' }, ctx(mapping));
    expect(broken).toEqual({ ok: false, errors: [{ line: 9, column: null, reason: 'extra columns' }] });
  });
});

describe('retention rows', () => {
  const mapping = { episode: 'ep', second: 's', share: 'r' };
  it('[IN22] second (number or m:ss) and share (0..1 or %) are read; the import chooses the episode when no column', () => {
    expect(normalizeRetentionRow(row({ ep: '11', s: '0:52', r: '61.5%' }), ctx(mapping))).toEqual({ ok: true, item: { episodeId: 'ep-11', platform: 'douyin', second: 52, share: 0.615 } });
    expect(normalizeRetentionRow(row({ s: '3', r: '0.9' }), ctx({ second: 's', share: 'r' }, { defaultEpisodeId: 'ep-2' }))).toMatchObject({ ok: true, item: { episodeId: 'ep-2', second: 3 } });
    const bad = normalizeRetentionRow(row({ ep: '11', s: '-1', r: '' }), ctx(mapping));
    expect(bad.ok ? [] : bad.errors.map((e) => e.column)).toEqual(['s', 'r']);
  });

  it('[IN22] a curve from points fills gaps linearly and starts at second 0', () => {
    expect(
      retentionPoints([
        { second: 2, share: 0.9 },
        { second: 5, share: 0.6 },
        { second: 6, share: 0.5 },
      ]),
    ).toEqual([0.9, 0.9, 0.9, 0.8, 0.7, 0.6, 0.5]);
    expect(retentionPoints([])).toEqual([]);
  });
});
