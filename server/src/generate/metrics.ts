import { episodeMoments, type GenEpisode, isPaywallEpisode } from './moments.js';
import { hash32, Random } from './random.js';

/** One generated retention point. */
export interface GeneratedRetention {
  episodeId: string;
  episodeNumber: number;
  platform: string;
  second: number;
  share: number;
}

/** One generated day of metrics for an episode on a platform. */
export interface GeneratedMetrics {
  date: string;
  episodeId: string;
  episodeNumber: number;
  platform: string;
  views: number;
  uniqueViewers: number;
  completionRate: number;
  fiveSecondCompletion: number;
  avgWatchSeconds: number;
  likes: number;
  shares: number;
  follows: number;
  comments: number;
  paywallUnlocks: number | null;
  paywallConversion: number | null;
}

const PLATFORM_SHARE: Record<string, number> = { douyin: 0.5, kuaishou: 0.3, tiktok: 0.2, bilibili: 0.15, youtube: 0.1 };

/**
 * The retention curve of an episode on a platform [IN24]: a steep drop in the
 * first 5 seconds, a slow decay after, and a dip (4× faster decay) across the
 * episode's dragging stretch, the same stretch the generated complaints name.
 * Non-increasing, index = second, 0..duration.
 */
export function retentionCurve(seed: number, ep: GenEpisode, platform: string): number[] {
  const r = new Random(hash32(`retention:${platform}`, seed ^ (ep.number * 104729)));
  const m = episodeMoments(seed, ep);
  const d = Math.max(30, ep.durationSeconds);
  const five = 0.7 + r.next() * 0.15;
  const completion = (0.25 + r.next() * 0.2) * (isPaywallEpisode(ep.number) ? 0.8 : 1);
  const dragLen = m.drag[1] - m.drag[0];
  const k = Math.log(five / completion) / (d - 5 + 3 * dragLen);
  const out: number[] = [1];
  let share = 1;
  for (let s = 1; s <= d; s++) {
    if (s <= 5) share = 1 - ((1 - five) * s) / 5;
    else share *= Math.exp(-k * (s > m.drag[0] && s <= m.drag[1] ? 4 : 1));
    const noisy = Math.min(out[s - 1]!, share * (1 + (r.next() - 0.5) * 0.004));
    out.push(Math.round(noisy * 1e4) / 1e4);
  }
  return out;
}

/** Retention points for every episode and platform [IN24]. */
export function* generateRetention(opts: { seed: number; episodes: GenEpisode[]; platforms?: string[] }): Generator<GeneratedRetention> {
  for (const ep of opts.episodes) {
    for (const platform of opts.platforms ?? ['douyin', 'kuaishou', 'tiktok']) {
      const curve = retentionCurve(opts.seed, ep, platform);
      for (let second = 0; second < curve.length; second++) yield { episodeId: ep.id, episodeNumber: ep.number, platform, second, share: curve[second]! };
    }
  }
}

function beijingDate(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Daily metrics per episode and platform for `days` days after each airing
 * [IN24]: about 480,000 viewers for episode 11 across platforms (BRIEF §6),
 * falling with the episode number and day by day; completion, 5-second
 * completion and average watch time read off the retention curve; paywall
 * unlocks only on paywall episodes.
 */
export function* generateMetrics(opts: { seed: number; episodes: GenEpisode[]; platforms?: string[]; start: Date; days?: number }): Generator<GeneratedMetrics> {
  const days = opts.days ?? 3;
  for (const ep of opts.episodes) {
    const total = 1_600_000 / Math.sqrt(ep.number);
    const airedAt = opts.start.getTime() + (ep.number - 1) * 86_400_000;
    for (const platform of opts.platforms ?? ['douyin', 'kuaishou', 'tiktok']) {
      const r = new Random(hash32(`metrics:${platform}`, opts.seed ^ (ep.number * 7727)));
      const curve = retentionCurve(opts.seed, ep, platform);
      const avgWatch = curve.reduce((a, b) => a + b, 0);
      const paywall = isPaywallEpisode(ep.number);
      let dayShare = 0.55;
      for (let day = 0; day < days; day++, dayShare *= 0.45) {
        const views = Math.round(total * (PLATFORM_SHARE[platform] ?? 0.1) * dayShare * (0.9 + r.next() * 0.2));
        const uniqueViewers = Math.round(views * (0.78 + r.next() * 0.06));
        const noise = () => 0.85 + r.next() * 0.3;
        const unlocks = paywall ? Math.round(uniqueViewers * 0.03 * noise()) : null;
        yield {
          date: beijingDate(airedAt + day * 86_400_000),
          episodeId: ep.id,
          episodeNumber: ep.number,
          platform,
          views,
          uniqueViewers,
          completionRate: curve[curve.length - 1]!,
          fiveSecondCompletion: curve[5]!,
          avgWatchSeconds: Math.round(avgWatch * 10) / 10,
          likes: Math.round(views * 0.04 * noise()),
          shares: Math.round(views * 0.006 * noise()),
          follows: Math.round(views * 0.002 * noise()),
          comments: Math.round(views * 0.008 * noise()),
          paywallUnlocks: unlocks,
          paywallConversion: unlocks === null || uniqueViewers === 0 ? null : Math.round((unlocks / uniqueViewers) * 1e4) / 1e4,
        };
      }
    }
  }
}
