import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import iconv from 'iconv-lite';
import type { GeneratedRow } from './feedback.js';
import type { GeneratedMetrics, GeneratedRetention } from './metrics.js';
import { hash32 } from './random.js';

/** File formats the generator writes. */
export type GenFormat = 'csv' | 'ndjson' | 'json' | 'xml';

/** Quotes a CSV field when it holds a comma, quote or line break. */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLine = (cells: (string | number | null)[]) => `${cells.map(csvField).join(',')}\n`;

const PLATFORM_LABEL: Record<string, string> = { douyin: '抖音', kuaishou: '快手', bilibili: 'B站', wechat: '视频号', tiktok: 'TikTok', youtube: 'YouTube' };
const KIND_LABEL = { comment: '评论', danmaku: '弹幕', repost: '转发', mention: '话题' } as const;
const CHINESE = new Set(['douyin', 'kuaishou', 'bilibili', 'wechat']);

/** Douyin-preset columns, plus 平台/类型/转发内容/弹幕时间 so every kind fits one file. */
export const FEEDBACK_CSV_HEADER = ['评论ID', '父评论ID', '集数', '平台', '类型', '评论内容', '转发内容', '用户ID', '用户昵称', '点赞数', '回复数', '发布时间', '弹幕时间', 'IP属地', '是否付费', '新老用户'];

/** Beijing wall-clock time, as Chinese exports write it (no zone). */
function beijing(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Lines of a feedback file in the given format (header and footer included). */
export function* feedbackLines(rows: Iterable<GeneratedRow>, format: GenFormat): Generator<string> {
  if (format === 'csv') {
    yield csvLine(FEEDBACK_CSV_HEADER);
    for (const r of rows) {
      yield csvLine([
        r.externalId,
        r.parentExternalId,
        `第${r.episodeNumber}集`,
        PLATFORM_LABEL[r.platform] ?? r.platform,
        KIND_LABEL[r.kind],
        r.text,
        r.quote,
        r.author,
        r.nickname,
        r.likes,
        r.replyCount,
        CHINESE.has(r.platform) ? beijing(r.postedAt) : r.postedAt,
        r.timecodeMs === null ? null : (r.timecodeMs / 1000).toFixed(1),
        r.segments.region,
        r.segments.paying === 'yes' ? '是' : '否',
        r.segments.viewerType === 'new' ? '新用户' : '老用户',
      ]);
    }
    return;
  }
  if (format === 'xml') {
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<i>\n<chatserver>chat.bilibili.com</chatserver>\n<chatid>0</chatid>\n';
    for (const r of rows) {
      if (r.kind !== 'danmaku' || r.timecodeMs === null) continue;
      const userHash = hash32(r.author, 0).toString(16).padStart(8, '0');
      const p = `${(r.timecodeMs / 1000).toFixed(3)},1,25,16777215,${Date.parse(r.postedAt) / 1000},0,${userHash},${r.externalId}`;
      yield `<d p="${p}">${xmlEscape(r.text)}</d>\n`;
    }
    yield '</i>\n';
    return;
  }
  if (format === 'json') yield '[\n';
  let first = true;
  for (const r of rows) {
    const json = JSON.stringify(looplineRecord(r));
    yield format === 'json' ? `${first ? '' : ',\n'}${json}` : `${json}\n`;
    first = false;
  }
  if (format === 'json') yield '\n]\n';
}

/** A row in the Loopline preset's shape (field names as keys). */
export function looplineRecord(r: GeneratedRow): Record<string, unknown> {
  return {
    kind: r.kind,
    platform: r.platform,
    episode: r.episodeNumber,
    externalId: r.externalId,
    parentExternalId: r.parentExternalId,
    postedAt: r.postedAt,
    language: r.language,
    text: r.text,
    quote: r.quote,
    author: r.author,
    likes: r.likes,
    replyCount: r.replyCount,
    timecode: r.timecodeMs === null ? null : r.timecodeMs / 1000,
    segment: r.segments,
  };
}

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const pct = (x: number | null) => (x === null ? null : `${(x * 100).toFixed(2)}%`);

/** Metrics as a CSV with the Chinese column names of creator dashboards. */
export function* metricsLines(rows: Iterable<GeneratedMetrics>): Generator<string> {
  yield csvLine(['日期', '集数', '平台', '播放量', '观看人数', '完播率', '5秒完播率', '平均播放时长', '点赞数', '分享数', '涨粉数', '评论数', '付费解锁数', '付费转化率']);
  for (const m of rows) {
    yield csvLine([
      m.date,
      m.episodeNumber,
      PLATFORM_LABEL[m.platform] ?? m.platform,
      m.views,
      m.uniqueViewers,
      pct(m.completionRate),
      pct(m.fiveSecondCompletion),
      m.avgWatchSeconds,
      m.likes,
      m.shares,
      m.follows,
      m.comments,
      m.paywallUnlocks,
      pct(m.paywallConversion),
    ]);
  }
}

/** Retention points as a CSV: 集数, 平台, 秒, 留存率. */
export function* retentionLines(rows: Iterable<GeneratedRetention>): Generator<string> {
  yield csvLine(['集数', '平台', '秒', '留存率']);
  for (const p of rows) yield csvLine([p.episodeNumber, PLATFORM_LABEL[p.platform] ?? p.platform, p.second, pct(p.share)]);
}

/**
 * Streams lines to a file in ~256 KiB writes, waiting on the stream when it
 * is full, so memory stays flat for any size. Returns the bytes written.
 */
export async function writeLines(path: string, lines: Iterable<string>, encoding: 'utf-8' | 'gb18030' = 'utf-8'): Promise<number> {
  const out = createWriteStream(path);
  let buf = '';
  let bytes = 0;
  const flush = async () => {
    const data = encoding === 'utf-8' ? Buffer.from(buf) : iconv.encode(buf, 'gb18030');
    buf = '';
    bytes += data.length;
    if (!out.write(data)) await once(out, 'drain');
  };
  for (const line of lines) {
    buf += line;
    if (buf.length >= 256 * 1024) await flush();
  }
  if (buf.length > 0) await flush();
  out.end();
  await once(out, 'finish');
  return bytes;
}
