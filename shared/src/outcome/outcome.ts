import type { OutcomeRow, RevisionOutcome } from '../domain/evidence.js';
import type { EpisodeMetrics, Release, RetentionCurve } from '../domain/feedback.js';
import type { TimeRange } from './ranges.js';

/**
 * The outcome of an aired revision (issue 5, BRIEF §3.5): the episode's
 * numbers after the release against before it and against the series
 * baseline. Pure: the server hands in the metrics, curves and item times it
 * has; a number the data cannot give is null, never made up [OC1].
 */

/** An episode as the outcome needs it: to find the one before it. */
export interface OutcomeEpisode {
  id: string;
  number: number;
}

/** An item of the linked evidence (or of what its sets match now), as counted before and after the release. */
export interface OutcomeItem {
  postedAt: string;
  coordinated?: boolean;
}

/** Everything `computeOutcome` reads. */
export interface OutcomeInput {
  revisionId: string;
  episodeId: string;
  /** The release the revision aired with; null: not aired (no before/after). */
  release: Release | null;
  /** The series' episodes (ids and numbers). */
  episodes: readonly OutcomeEpisode[];
  /** The series' daily metrics rows (every episode, platform and day). */
  metrics: readonly EpisodeMetrics[];
  /** Retention curves of the series (at least this episode's and the comparison episode's; all, for a retention baseline). */
  retention: readonly RetentionCurve[];
  /** Seconds the changed scenes cover in the aired script (`changedRange`); null: no retention row. */
  changedRange: TimeRange | null;
  /** Items matching the linked evidence; coordinated ones are not counted [OC6]. */
  evidenceItems: Iterable<OutcomeItem>;
  /** Compare with this episode instead of the automatic choice [OC3]. */
  compareTo?: string | null;
  /** Hours on each side of the release (default 48) [OC3]. */
  windowHours?: number;
  /**
   * Minutes east of UTC of a platform's metrics days (the server passes the
   * ingestion's `defaultUtcOffset`: UTC+8 for Chinese platforms); default 0.
   */
  utcOffsetMinutes?: (platform: string) => number;
}

export const DEFAULT_OUTCOME_WINDOW_HOURS = 48;

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` plus days. */
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The metrics day a moment falls on at an offset. */
const dayAt = (ms: number, offsetMinutes: number): string => new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);

const weightOf = (row: EpisodeMetrics): number | null => row.views ?? row.uniqueViewers;

/** Mean of a rate over rows, weighted by views (unique viewers when views are missing); rows without a weight or value left out [OC4]. */
export function viewWeightedMean(rows: readonly EpisodeMetrics[], pick: (row: EpisodeMetrics) => number | null): number | null {
  let sum = 0;
  let weight = 0;
  for (const row of rows) {
    const value = pick(row);
    const w = weightOf(row);
    if (value === null || w === null || w <= 0) continue;
    sum += value * w;
    weight += w;
  }
  return weight > 0 ? sum / weight : null;
}

/** Sum of a count over rows; null when no row has it [OC4]. */
export function sumOf(rows: readonly EpisodeMetrics[], pick: (row: EpisodeMetrics) => number | null): number | null {
  let sum: number | null = null;
  for (const row of rows) {
    const value = pick(row);
    if (value !== null) sum = (sum ?? 0) + value;
  }
  return sum;
}

/**
 * Per-second mean of several platforms' curves, weighted by each platform's
 * views in `weights` (equal weights when none is known); a second counts the
 * curves that reach it [OC5].
 */
export function combineCurves(curves: readonly RetentionCurve[], weights: ReadonlyMap<string, number> = new Map()): number[] {
  const known = curves.every((c) => (weights.get(c.platform) ?? 0) > 0);
  const length = Math.max(0, ...curves.map((c) => c.points.length));
  const out: number[] = [];
  for (let s = 0; s < length; s++) {
    let sum = 0;
    let weight = 0;
    for (const c of curves) {
      const p = c.points[s];
      if (p === undefined) continue;
      const w = known ? weights.get(c.platform)! : 1;
      sum += p * w;
      weight += w;
    }
    out.push(sum / weight);
  }
  return out;
}

/** Mean share of a curve over the whole seconds a range touches; null when it has none of them [OC5]. */
export function meanOverRange(curve: readonly number[], range: TimeRange | null): number | null {
  if (range === null || !(range.toSecond > range.fromSecond)) return null;
  let sum = 0;
  let n = 0;
  for (let s = Math.max(0, Math.floor(range.fromSecond)); s < Math.ceil(range.toSecond) && s < curve.length; s++) {
    sum += curve[s]!;
    n++;
  }
  return n > 0 ? sum / n : null;
}

/** Rows of one episode in its first `days` days, counted per platform from its earliest day there [OC3]. */
function firstDays(rows: readonly EpisodeMetrics[], days: number): EpisodeMetrics[] {
  const start = new Map<string, string>();
  for (const r of rows) {
    const s = start.get(r.platform);
    if (s === undefined || r.date < s) start.set(r.platform, r.date);
  }
  return rows.filter((r) => r.date < addDays(start.get(r.platform)!, days));
}

const viewsByPlatform = (rows: readonly EpisodeMetrics[]): Map<string, number> => {
  const out = new Map<string, number>();
  for (const r of rows) {
    const w = weightOf(r);
    if (w !== null && w > 0) out.set(r.platform, (out.get(r.platform) ?? 0) + w);
  }
  return out;
};

/** The four metric-based values of a window of rows with the curves that go with it. */
interface WindowValues {
  completionRate: number | null;
  fiveSecondCompletion: number | null;
  retentionOverChangedScenes: number | null;
  paywallUnlocks: number | null;
  curve: number[];
}

function windowValues(rows: readonly EpisodeMetrics[], curves: readonly RetentionCurve[], range: TimeRange | null): WindowValues {
  const curve = curves.length > 0 ? combineCurves(curves, viewsByPlatform(rows)) : [];
  return {
    completionRate: viewWeightedMean(rows, (r) => r.completionRate),
    fiveSecondCompletion: viewWeightedMean(rows, (r) => r.fiveSecondCompletion),
    retentionOverChangedScenes: meanOverRange(curve, range),
    paywallUnlocks: sumOf(rows, (r) => r.paywallUnlocks),
    curve,
  };
}

const meanOf = (values: readonly (number | null)[]): number | null => {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : null;
};

const METRIC_ROWS = ['completionRate', 'fiveSecondCompletion', 'retentionOverChangedScenes', 'paywallUnlocks'] as const;

/**
 * The outcome of a revision [OC1]: rows completionRate, fiveSecondCompletion,
 * retentionOverChangedScenes, paywallUnlocks and evidenceComments, each with
 * before, after and the series baseline, plus the combined retention curves
 * of the chart. See OC3–OC6 for how each number is made.
 */
export function computeOutcome(input: OutcomeInput): RevisionOutcome {
  const windowHours = input.windowHours ?? DEFAULT_OUTCOME_WINDOW_HOURS;
  const days = Math.max(1, Math.ceil(windowHours / 24));
  const offset = input.utcOffsetMinutes ?? (() => 0);
  const rowsOf = new Map<string, EpisodeMetrics[]>();
  for (const r of input.metrics) {
    const list = rowsOf.get(r.episodeId);
    if (list) list.push(r);
    else rowsOf.set(r.episodeId, [r]);
  }
  const curvesOf = (episodeId: string) => input.retention.filter((c) => c.episodeId === episodeId);
  const own = rowsOf.get(input.episodeId) ?? [];
  const release = input.release;
  const airedMs = release ? Date.parse(release.airedAt) : Number.NaN;
  const aired = release !== null && Number.isFinite(airedMs);
  const releaseDay = (platform: string) => dayAt(airedMs, offset(platform));

  // [OC3] after: this episode from the release day on; before: the same episode before it, else the previous episode.
  let after: WindowValues | null = null;
  let before: WindowValues | null = null;
  let comparison: RevisionOutcome['before'] = null;
  if (aired) {
    const afterRows = own.filter((r) => r.date >= releaseDay(r.platform) && r.date < addDays(releaseDay(r.platform), days));
    const airedCurves = curvesOf(input.episodeId).filter((c) => Date.parse(c.updatedAt) >= airedMs);
    after = windowValues(afterRows, airedCurves, input.changedRange);
    const earlier = own.filter((r) => r.date < releaseDay(r.platform));
    const sameEpisode = input.compareTo ? input.compareTo === input.episodeId : earlier.length > 0;
    if (sameEpisode) {
      const rows = earlier.filter((r) => r.date >= addDays(releaseDay(r.platform), -days));
      const curves = curvesOf(input.episodeId).filter((c) => Date.parse(c.updatedAt) < airedMs);
      before = windowValues(rows, curves, input.changedRange);
      comparison = { episodeId: input.episodeId, label: 'same-episode' };
    } else {
      const other = input.compareTo ?? previousEpisode(input.episodes, input.episodeId, rowsOf);
      if (other) {
        before = windowValues(firstDays(rowsOf.get(other) ?? [], days), curvesOf(other), input.changedRange);
        comparison = { episodeId: other, label: 'previous-episode' };
      }
    }
  }

  // [OC4] [OC5] baseline: the mean over the other episodes with data, each over its own first days.
  const others = input.episodes.filter((e) => e.id !== input.episodeId);
  const baselines = others.map((e) => windowValues(firstDays(rowsOf.get(e.id) ?? [], days), curvesOf(e.id), input.changedRange));

  const rows: OutcomeRow[] = METRIC_ROWS.map((metric) => ({
    metric,
    before: before?.[metric] ?? null,
    after: after?.[metric] ?? null,
    baseline: meanOf(baselines.map((b) => b[metric])),
  }));
  rows.push({ metric: 'evidenceComments', ...evidenceCounts(input.evidenceItems, aired ? airedMs : null, windowHours), baseline: null });

  return {
    revisionId: input.revisionId,
    release,
    before: comparison,
    changedRange: input.changedRange,
    rows,
    retentionBefore: before?.curve ?? [],
    retentionAfter: after?.curve ?? [],
  };
}

/** The nearest earlier episode by number that has metrics [OC3]. */
function previousEpisode(episodes: readonly OutcomeEpisode[], episodeId: string, rowsOf: ReadonlyMap<string, EpisodeMetrics[]>): string | null {
  const self = episodes.find((e) => e.id === episodeId);
  if (!self) return null;
  let best: OutcomeEpisode | null = null;
  for (const e of episodes) {
    if (e.number < self.number && (rowsOf.get(e.id)?.length ?? 0) > 0 && (best === null || e.number > best.number)) best = e;
  }
  return best?.id ?? null;
}

/** [OC6] items of the evidence posted in the window before and after the release (coordinated ones left out). */
function evidenceCounts(items: Iterable<OutcomeItem>, airedMs: number | null, windowHours: number): { before: number | null; after: number | null } {
  if (airedMs === null) return { before: null, after: null };
  const window = windowHours * 3_600_000;
  let before = 0;
  let after = 0;
  for (const item of items) {
    if (item.coordinated) continue;
    const t = Date.parse(item.postedAt);
    if (t >= airedMs - window && t < airedMs) before++;
    else if (t >= airedMs && t < airedMs + window) after++;
  }
  return { before, after };
}
