import type { EpisodeMetrics } from '@loopline/shared';
import { defaultUtcOffset } from './labels.js';
import { commonFields, type NormalizeResult, type RowContext, RowReader } from './normalize.js';
import type { RawRow } from './types.js';
import { type Parsed, parseCount, parseDay, parseRate, parseTimecode, str } from './values.js';

/** Episode metrics of one platform and day, as read from a row (the series is the import's). */
export type NormalizedMetrics = Omit<EpisodeMetrics, 'seriesId'> & { episodeId: string };

/** One point of a retention curve: share (0..1) still watching at `second`. */
export interface NormalizedRetention {
  episodeId: string;
  platform: string;
  second: number;
  share: number;
}

const COUNTS = ['views', 'uniqueViewers', 'likes', 'shares', 'follows', 'comments', 'paywallUnlocks'] as const;
const RATES = ['completionRate', 'fiveSecondCompletion', 'paywallConversion'] as const;

/** Seconds as a plain number, `65s`, `1:05` or `1分05秒`. */
function parseSeconds(v: Parameters<typeof parseTimecode>[0]): Parsed<number | null> {
  const s = str(v);
  if (s === null) return { ok: true, value: null };
  const cn = /^(?:(\d+)分)?(\d+(?:\.\d+)?)秒$/.exec(s);
  if (cn) return { ok: true, value: Number(cn[1] ?? 0) * 60 + Number(cn[2]) };
  const t = parseTimecode(/^\d+$/.test(s) ? `${s}s` : s, '');
  return t.ok ? { ok: true, value: t.value === null ? null : t.value / 1000 } : t;
}

/**
 * Maps and validates one metrics row [IN21]: date, episode and platform are
 * required (from columns or the import), counts are non-negative integers,
 * rates accept 35% and 0.35, and at least one number must be present.
 */
export function normalizeMetricsRow(row: RawRow, ctx: RowContext): NormalizeResult<NormalizedMetrics> {
  if (row.error !== undefined) return { ok: false, errors: [{ line: row.line, column: row.column ?? null, reason: row.error }] };
  const r = new RowReader(row, ctx.mapping);
  const { platform, episodeId } = commonFields(r, ctx, true);
  const date = r.parse('date', parseDay(r.raw('date'), ctx.utcOffsetMinutes ?? defaultUtcOffset(platform), ctx.now));
  const values: Record<string, number | null> = {};
  for (const f of COUNTS) values[f] = r.parse(f, parseCount(r.raw(f)));
  for (const f of RATES) values[f] = r.parse(f, parseRate(r.raw(f)));
  values.avgWatchSeconds = r.parse('avgWatchSeconds', parseSeconds(r.raw('avgWatchSeconds')));
  if (r.errors.length === 0 && Object.values(values).every((v) => v === null)) r.fail(null, 'no metric in the row');
  if (r.errors.length > 0 || platform === null || episodeId === null || date === null) return { ok: false, errors: r.errors };
  const n = (k: string) => values[k] ?? null;
  return {
    ok: true,
    item: {
      episodeId,
      platform,
      date,
      views: n('views'),
      uniqueViewers: n('uniqueViewers'),
      completionRate: n('completionRate'),
      fiveSecondCompletion: n('fiveSecondCompletion'),
      avgWatchSeconds: n('avgWatchSeconds'),
      likes: n('likes'),
      shares: n('shares'),
      follows: n('follows'),
      comments: n('comments'),
      paywallUnlocks: n('paywallUnlocks'),
      paywallConversion: n('paywallConversion'),
    },
  };
}

/**
 * Maps and validates one retention row [IN22]: episode, platform, second
 * (whole seconds, `0:52` accepted, at most 6 hours) and share (0..1 or %).
 */
export function normalizeRetentionRow(row: RawRow, ctx: RowContext): NormalizeResult<NormalizedRetention> {
  if (row.error !== undefined) return { ok: false, errors: [{ line: row.line, column: row.column ?? null, reason: row.error }] };
  const r = new RowReader(row, ctx.mapping);
  const { platform, episodeId } = commonFields(r, ctx, true);
  const secRaw = str(r.raw('second'));
  let second: number | null = null;
  if (secRaw === null) r.fail('second', 'second missing');
  else {
    const t = parseTimecode(/^\d+$/.test(secRaw) ? `${secRaw}s` : secRaw, '');
    if (!t.ok) r.fail('second', t.reason);
    else if (t.value !== null) second = Math.floor(t.value / 1000);
  }
  const share = r.parse('share', parseRate(r.raw('share')));
  if (share === null && str(r.raw('share')) === null) r.fail('share', 'share missing');
  if (r.errors.length > 0 || platform === null || episodeId === null || second === null || share === null) return { ok: false, errors: r.errors };
  return { ok: true, item: { episodeId, platform, second, share } };
}

/**
 * A curve from retention points [IN22]: index = second, gaps filled by linear
 * interpolation, later points for the same second win.
 */
export function retentionPoints(points: { second: number; share: number }[]): number[] {
  const bySecond = new Map<number, number>();
  for (const p of points) bySecond.set(p.second, p.share);
  const seconds = [...bySecond.keys()].sort((a, b) => a - b);
  if (seconds.length === 0) return [];
  const out: number[] = new Array(seconds[seconds.length - 1]! + 1);
  for (let k = 0; k < seconds.length; k++) {
    const s = seconds[k]!;
    const v = bySecond.get(s)!;
    out[s] = v;
    const next = seconds[k + 1];
    if (next !== undefined) {
      const nv = bySecond.get(next)!;
      for (let x = s + 1; x < next; x++) out[x] = Math.round((v + ((nv - v) * (x - s)) / (next - s)) * 1e6) / 1e6;
    }
  }
  // Seconds before the first point take its value.
  for (let x = 0; x < seconds[0]!; x++) out[x] = bySecond.get(seconds[0]!)!;
  return out;
}
