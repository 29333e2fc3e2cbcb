import type { RawValue } from './types.js';

/** Parse outcome of one value: the value, or why it was refused. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const no = (reason: string): Parsed<never> => ({ ok: false, reason });

/** Text of a raw value, trimmed; null when empty. */
export function str(v: RawValue | undefined): string | null {
  if (v === null || v === undefined) return null;
  const s = typeof v === 'string' ? v.trim() : String(v);
  return s === '' ? null : s;
}

const DAY_MS = 86_400_000;
const MIN_YEAR = 2000;
const MIN_MS = Date.UTC(MIN_YEAR, 0, 1);

/**
 * Parses a date-time [IN11]: ISO 8601 (`2025-03-05T20:03:00Z`, offset optional),
 * `YYYY-MM-DD HH:mm[:ss]`, `YYYY/M/D H:mm[:ss]`, `2025年3月5日 20:03`, a bare
 * date, epoch seconds (10 digits) or milliseconds (13 digits). Times without a
 * zone are read at `utcOffsetMinutes`. Impossible dates (Feb 30), years before
 * 2000 and moments more than a day after `now` are refused.
 */
export function parseDateTime(v: RawValue | undefined, utcOffsetMinutes: number, now: Date): Parsed<string> {
  const s = str(v);
  if (s === null) return no('date missing');
  let ms: number | null = fastDateTime(s, utcOffsetMinutes);
  if (ms !== null) {
    // fast path taken (the common export shapes); range checks below
  } else if (/^\d{10}(\.\d+)?$/.test(s)) ms = Math.round(Number(s) * 1000);
  else if (/^\d{13}$/.test(s)) ms = Number(s);
  else {
    const m =
      /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i.exec(s) ??
      /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?()()$/.exec(s) ??
      /^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?()()$/.exec(s);
    if (!m) return no(`not a date: ${JSON.stringify(clip(s))} (use ISO 8601, YYYY-MM-DD HH:mm:ss or epoch seconds)`);
    const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => (x ? Number(x) : 0)) as [number, number, number, number, number, number];
    const frac = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) return no(`impossible date: ${JSON.stringify(clip(s))}`);
    const zone = m[8];
    const offset = zone === undefined || zone === '' ? utcOffsetMinutes : zoneMinutes(zone);
    ms = Date.UTC(y, mo - 1, d, h, mi, sec, Math.round(frac)) - offset * 60_000;
  }
  if (!Number.isFinite(ms) || ms < MIN_MS) return no(`date before ${MIN_YEAR}: ${JSON.stringify(clip(s))}`);
  if (ms > now.getTime() + DAY_MS) return no(`date in the future: ${JSON.stringify(clip(s))}`);
  return ok(new Date(ms).toISOString());
}

/** A calendar date `YYYY-MM-DD` at the given offset (metrics are per day) [IN11]. */
export function parseDay(v: RawValue | undefined, utcOffsetMinutes: number, now: Date): Parsed<string> {
  const s = str(v);
  if (s !== null && /^\d{4}\d{2}\d{2}$/.test(s)) return parseDay(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6)}`, utcOffsetMinutes, now);
  const t = parseDateTime(v, utcOffsetMinutes, now);
  if (!t.ok) return t;
  const local = new Date(Date.parse(t.value) + utcOffsetMinutes * 60_000);
  return ok(local.toISOString().slice(0, 10));
}

function num(s: string, from: number, len: number): number {
  let n = 0;
  for (let i = from; i < from + len; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * `YYYY-MM-DD HH:mm:ss`, `YYYY-MM-DDTHH:mm:ssZ` and `…:ss.SSSZ` parsed without
 * a regex (they are most rows of most exports); null sends the value down the
 * general path.
 */
function fastDateTime(s: string, offset: number): number | null {
  const n = s.length;
  if (n !== 19 && n !== 20 && n !== 24) return null;
  if (s[4] !== '-' || s[7] !== '-' || s[13] !== ':' || s[16] !== ':' || (s[10] !== ' ' && s[10] !== 'T')) return null;
  let zone = offset;
  let frac = 0;
  if (n === 20) {
    if (s[19] !== 'Z') return null;
    zone = 0;
  } else if (n === 24) {
    if (s[19] !== '.' || s[23] !== 'Z') return null;
    frac = num(s, 20, 3);
    zone = 0;
  }
  const y = num(s, 0, 4);
  const mo = num(s, 5, 2);
  const d = num(s, 8, 2);
  const h = num(s, 11, 2);
  const mi = num(s, 14, 2);
  const sec = num(s, 17, 2);
  if (y < 0 || frac < 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return null;
  return Date.UTC(y, mo - 1, d, h, mi, sec, frac) - zone * 60_000;
}

function zoneMinutes(z: string): number {
  if (z.toUpperCase() === 'Z') return 0;
  const sign = z[0] === '-' ? -1 : 1;
  const digits = z.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(y: number, m: number): number {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return m === 2 && leap ? 29 : MONTH_DAYS[m - 1]!;
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

const MULTIPLIERS: Record<string, number> = { '': 1, k: 1e3, K: 1e3, w: 1e4, W: 1e4, 万: 1e4, m: 1e6, M: 1e6, 亿: 1e8 };

/**
 * Parses a count [IN12]: a non-negative integer, with thousands separators
 * (`1,234`) or the abbreviations exports use (`1.2万`, `3.4w`, `5k`, `10万+`).
 * Negative, fractional and non-numeric counts are refused.
 */
export function parseCount(v: RawValue | undefined): Parsed<number | null> {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return no('not a number');
    if (v < 0) return no(`negative count: ${v}`);
    if (!Number.isInteger(v)) return no(`not a whole number: ${v}`);
    return ok(v);
  }
  const s = str(v);
  if (s === null) return ok(null);
  const m = /^(-?)(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*([kKwWmM万亿]?)\+?$/.exec(s);
  if (!m) return no(`not a number: ${JSON.stringify(clip(s))}`);
  if (m[1] === '-') return no(`negative count: ${s}`);
  const base = Number(m[2]!.replace(/,/g, ''));
  const mult = MULTIPLIERS[m[3]!]!;
  if (mult === 1 && !Number.isInteger(base)) return no(`not a whole number: ${s}`);
  return ok(Math.round(base * mult));
}

/**
 * Parses a rate to 0..1 [IN12]: `35%`, `0.35`, or a plain number above 1 and
 * at most 100 read as a percentage (`35` → 0.35). Values outside refuse the row.
 */
export function parseRate(v: RawValue | undefined): Parsed<number | null> {
  if (v === null || v === undefined) return ok(null);
  const s = typeof v === 'number' ? String(v) : v.toString().trim();
  if (s === '') return ok(null);
  const m = /^(-?\d+(?:\.\d+)?)\s*(%?)$/.exec(s);
  if (!m) return no(`not a rate: ${JSON.stringify(clip(s))} (use 35% or 0.35)`);
  let x = Number(m[1]);
  if (m[2] === '%' || x > 1) x /= 100;
  if (x < 0 || x > 1) return no(`rate out of range: ${s}`);
  return ok(Math.round(x * 1e6) / 1e6);
}

/** Largest plausible video position: 6 hours. */
const MAX_VIDEO_SECONDS = 6 * 3600;

/**
 * Parses a video position to milliseconds [IN12]: `mm:ss`, `h:mm:ss`, `52s`,
 * `52秒`, decimal seconds (`52.3`), or an integer. An integer is milliseconds
 * when the column name says so (ms, 毫秒) or when it exceeds 6 hours as
 * seconds; otherwise it is seconds.
 */
export function parseTimecode(v: RawValue | undefined, columnName = ''): Parsed<number | null> {
  if (v === null || v === undefined) return ok(null);
  const s = typeof v === 'number' ? String(v) : v.toString().trim();
  if (s === '') return ok(null);
  const clock = /^(?:(\d{1,2}):)?(\d{1,3}):(\d{2})(?:\.(\d{1,3}))?$/.exec(s);
  let ms: number;
  if (clock) {
    const [h, m, sec] = [clock[1], clock[2], clock[3]].map((x) => Number(x ?? 0)) as [number, number, number];
    if (sec > 59 || (clock[1] !== undefined && m > 59)) return no(`not a time code: ${s}`);
    ms = ((h * 60 + m) * 60 + sec) * 1000 + Number((clock[4] ?? '').padEnd(3, '0') || 0);
  } else {
    const num = /^(-?\d+(?:\.\d+)?)\s*(ms|s|秒|毫秒)?$/i.exec(s);
    if (!num) return no(`not a time code: ${JSON.stringify(clip(s))} (use seconds, ms or mm:ss)`);
    const x = Number(num[1]);
    if (x < 0) return no(`negative time code: ${s}`);
    const unit = num[2]?.toLowerCase();
    const msByName = /(^|[^a-z])ms([^a-z]|$)|millis|毫秒/i.test(columnName);
    if (unit === 'ms' || unit === '毫秒') ms = x;
    else if (unit === 's' || unit === '秒' || num[1]!.includes('.')) ms = x * 1000;
    else ms = msByName || x > MAX_VIDEO_SECONDS ? x : x * 1000;
  }
  ms = Math.round(ms);
  if (ms > MAX_VIDEO_SECONDS * 1000) return no(`time code beyond 6 hours: ${s}`);
  return ok(ms);
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Reads a small Chinese numeral (一 … 九百九十九). */
function chineseNumber(s: string): number | null {
  if (!/^[零〇一二两三四五六七八九十百]+$/.test(s)) return null;
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (ch === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else digit = CN_DIGITS[ch] ?? 0;
  }
  return total + digit;
}

/**
 * The episode number in a label [IN14]: `12`, `第12集`, `第十二集`, `EP12`,
 * `Ep. 12`, `E12`, `Episode 12`, `12集`; null when the label holds none.
 */
export function parseEpisodeNumber(label: string | number | null): number | null {
  if (label === null) return null;
  if (typeof label === 'number') return Number.isInteger(label) && label > 0 ? label : null;
  const s = label.trim();
  const m = /^(?:第\s*)?([0-9]+|[零〇一二两三四五六七八九十百]+)\s*[集话話期]?$/.exec(s) ?? /^(?:ep(?:isode)?|e)\s*\.?\s*#?\s*(\d+)$/i.exec(s);
  if (!m) return null;
  const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : chineseNumber(m[1]!);
  return n !== null && n > 0 ? n : null;
}
