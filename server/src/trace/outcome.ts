import {
  changedRange,
  computeOutcome,
  type Episode,
  type EpisodeMetrics,
  type RetentionCurve,
  type Revision,
  type RevisionOutcome,
  sceneTimeRanges,
  type TimeRange,
} from '@loopline/shared';
import { defaultUtcOffset } from '../ingest/index.js';
import type { Storage } from '../storage/types.js';
import { previousRevision, type RevisionDiffs } from './diffs.js';

/**
 * The outcome of a revision [OC7]: gathers the series' episodes and metrics,
 * the retention curves, the release, the seconds the changed scenes cover and
 * the posting times of the linked evidence, and hands them to the pure
 * `computeOutcome`. The changed range depends only on two immutable
 * revision documents, so it is computed once per revision and kept; the
 * numbers are read fresh every time (metrics and flags change with imports).
 */

export type OutcomeStorage = Pick<
  Storage,
  'listEpisodes' | 'getEpisode' | 'listRevisions' | 'listEpisodeMetrics' | 'listRetentionCurves' | 'itemFactsOfLinks'
>;

/** Kept changed ranges (one small object each). */
const MAX_RANGES = 20_000;

export class Outcomes {
  private readonly ranges = new Map<string, Promise<TimeRange | null>>();

  constructor(
    private readonly storage: OutcomeStorage,
    private readonly diffs: RevisionDiffs,
  ) {}

  /**
   * Seconds of the video the scenes changed by `revision` cover, timed in its
   * own document [OC2]: against the revision before it; null for the first
   * revision of an episode (there is nothing it changed from) or when only
   * removals changed.
   */
  changedRange(revision: Revision, episode: Pick<Episode, 'language'>): Promise<TimeRange | null> {
    let p = this.ranges.get(revision.id);
    if (!p) {
      p = this.computeRange(revision, episode);
      this.ranges.set(revision.id, p);
      p.catch(() => this.ranges.delete(revision.id));
      if (this.ranges.size > MAX_RANGES) this.ranges.delete(this.ranges.keys().next().value as string);
    }
    return p;
  }

  private async computeRange(revision: Revision, episode: Pick<Episode, 'language'>): Promise<TimeRange | null> {
    const previous = previousRevision(await this.storage.listRevisions(revision.episodeId), revision);
    if (!previous) return null;
    const [diff, doc] = await Promise.all([this.diffs.between(previous, revision), this.diffs.doc(revision.id)]);
    if (!diff || !doc) return null;
    return changedRange(diff, sceneTimeRanges(doc, episode.language));
  }

  /** What every outcome of a series reads: its episodes, daily metrics and every episode's retention curves. */
  private async seriesData(seriesId: string): Promise<SeriesData> {
    const [episodes, metrics] = await Promise.all([
      this.storage.listEpisodes(seriesId, { includeArchived: true }),
      this.storage.listEpisodeMetrics(seriesId),
    ]);
    // Every episode's curves: the baseline's retention row reads them all.
    const curves = await Promise.all(episodes.map((e) => this.storage.listRetentionCurves(e.id)));
    return { episodes, metrics, retention: ([] as RetentionCurve[]).concat(...curves) };
  }

  /**
   * The outcome of `revision`, compared with `compareTo` (an episode of the
   * same series; the caller checks) or the automatic choice [OC3].
   */
  async of(revision: Revision, opts: { compareTo?: string | null } = {}, data?: Promise<SeriesData>): Promise<RevisionOutcome> {
    const [{ episodes, metrics, retention }, range, facts] = await Promise.all([
      data ?? this.seriesData(revision.seriesId),
      this.storage.getEpisode(revision.episodeId).then((episode) => {
        if (!episode) throw new Error(`revision ${revision.id} names no episode`);
        return this.changedRange(revision, episode);
      }),
      revision.release === null ? [] : this.storage.itemFactsOfLinks(revision.linkIds),
    ]);
    return computeOutcome({
      revisionId: revision.id,
      episodeId: revision.episodeId,
      release: revision.release,
      episodes: episodes.map((e) => ({ id: e.id, number: e.number })),
      metrics,
      retention,
      changedRange: range,
      evidenceItems: facts,
      compareTo: opts.compareTo ?? null,
      utcOffsetMinutes: defaultUtcOffset,
    });
  }

  /** Outcomes of several revisions (a trace's), reading each series' metrics and curves once. */
  many(revisions: readonly Revision[]): Promise<RevisionOutcome[]> {
    const data = new Map<string, Promise<SeriesData>>();
    return Promise.all(
      revisions.map((revision) => {
        let d = data.get(revision.seriesId);
        if (!d) {
          d = this.seriesData(revision.seriesId);
          data.set(revision.seriesId, d);
        }
        return this.of(revision, {}, d);
      }),
    );
  }
}

/** The series-wide inputs of outcomes. */
interface SeriesData {
  episodes: Episode[];
  metrics: EpisodeMetrics[];
  retention: RetentionCurve[];
}
