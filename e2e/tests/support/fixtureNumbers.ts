import { readFileSync } from 'node:fs';

// What an export file says, read back in the test runner: the numbers an
// e2e test expects on screen are worked out from the very files it uploads,
// by the rules of docs/SPEC.md (OC3–OC5), not copied from the app.

/** Rows of an RFC 4180 CSV file (a UTF-8 byte-order mark is skipped). */
export function readCsv(path: string): string[][] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** The rows of a CSV file, each as a reader of its cells by column name ('' when missing). */
export function readTable(path: string): ((column: string) => string)[] {
  const [header = [], ...rows] = readCsv(path);
  return rows.map((r) => (column: string) => r[header.indexOf(column)] ?? '');
}

/** `1,120,400` → 1120400; `27.6%` → 0.276; empty → null. */
export function numberOf(cell: string): number | null {
  const v = cell.trim().replaceAll(',', '');
  if (v === '') return null;
  return v.endsWith('%') ? Number(v.slice(0, -1)) / 100 : Number(v);
}

/** One day of one episode on one platform, as a metrics export gives it. */
export interface DayRow {
  date: string;
  platform: string;
  views: number;
  completionRate: number | null;
  fiveSecondCompletion: number | null;
  paywallUnlocks: number | null;
}

/** The daily rows of a metrics sheet (columns 日期, 平台, 播放量, 完播率, 5秒完播率, 付费解锁数). */
export function dayRows(path: string): DayRow[] {
  return readTable(path).map((cell) => ({
    date: cell('日期'),
    platform: cell('平台'),
    views: numberOf(cell('播放量')) ?? 0,
    completionRate: numberOf(cell('完播率')),
    fiveSecondCompletion: numberOf(cell('5秒完播率')),
    paywallUnlocks: numberOf(cell('付费解锁数')),
  }));
}

const DAY_MS = 86_400_000;
const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Rows from `first` (a date) for `days` days. */
export const daysFrom = (rows: readonly DayRow[], first: string, days: number) => rows.filter((r) => r.date >= first && r.date < plusDays(first, days));

/** Each platform's first `days` days (a previous episode's "before", the baseline's rows). */
export function firstDays(rows: readonly DayRow[], days: number): DayRow[] {
  const start = new Map<string, string>();
  for (const r of rows) if (!start.has(r.platform) || r.date < start.get(r.platform)!) start.set(r.platform, r.date);
  return rows.filter((r) => r.date < plusDays(start.get(r.platform)!, days));
}

/** A rate's mean over days, weighted by views. */
export function viewWeighted(rows: readonly DayRow[], pick: (r: DayRow) => number | null): number | null {
  let sum = 0;
  let weight = 0;
  for (const r of rows) {
    const v = pick(r);
    if (v === null || r.views <= 0) continue;
    sum += v * r.views;
    weight += r.views;
  }
  return weight > 0 ? sum / weight : null;
}

/** A count summed over days; null when no day has it. */
export function total(rows: readonly DayRow[], pick: (r: DayRow) => number | null): number | null {
  const values = rows.map(pick).filter((v): v is number => v !== null);
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) : null;
}

/** Retention curves of a file by platform: share (0..1) per second. */
export function curves(path: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const cell of readTable(path)) {
    const list = out.get(cell('平台')) ?? [];
    list[Number(cell('秒'))] = numberOf(cell('留存率')) ?? Number.NaN;
    out.set(cell('平台'), list);
  }
  return out;
}

/**
 * The mean share, over the whole seconds a range touches, of the platforms'
 * curves combined second by second with each platform's views in `rows` as weights.
 */
export function retentionOver(byPlatform: ReadonlyMap<string, number[]>, rows: readonly DayRow[], range: { fromSecond: number; toSecond: number }): number {
  const weights = new Map<string, number>();
  for (const r of rows) weights.set(r.platform, (weights.get(r.platform) ?? 0) + r.views);
  let sum = 0;
  let n = 0;
  for (let s = Math.floor(range.fromSecond); s < Math.ceil(range.toSecond); s++) {
    let share = 0;
    let weight = 0;
    for (const [platform, curve] of byPlatform) {
      const w = weights.get(platform) ?? 0;
      if (curve[s] === undefined || w <= 0) continue;
      share += curve[s]! * w;
      weight += w;
    }
    sum += share / weight;
    n++;
  }
  return sum / n;
}
