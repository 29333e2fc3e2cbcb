import { hash32, Random } from './random.js';

/** An episode as the generator needs it. */
export interface GenEpisode {
  id: string;
  number: number;
  durationSeconds: number;
}

/** The dramatic shape of an episode: where danmaku swarm and where viewers leave. */
export interface EpisodeMoments {
  /** Opening hook (3–12 s). */
  hook: number;
  /** Jolts roughly every 40 s. */
  twists: number[];
  /** A dragging stretch (a long argument): retention dips, complaints rise. */
  drag: [number, number];
  /** The cliffhanger cut near the end. */
  cliffhanger: number;
}

/**
 * Moments of an episode, a pure function of (seed, episode), so comments,
 * danmaku and retention curves generated separately agree with each other.
 */
export function episodeMoments(seed: number, ep: GenEpisode): EpisodeMoments {
  const r = new Random(hash32('moments', seed ^ (ep.number * 7919)));
  const d = Math.max(30, ep.durationSeconds);
  const hook = r.int(3, Math.min(12, d - 20));
  const twists: number[] = [];
  for (let t = hook + r.int(30, 45); t < d - 15; t += r.int(32, 48)) twists.push(t);
  const dragStart = Math.min(d - 25, Math.max(hook + 15, Math.round(d * (0.35 + r.next() * 0.15))));
  const drag: [number, number] = [dragStart, Math.min(d - 10, dragStart + r.int(10, 20))];
  return { hook, twists, drag, cliffhanger: d - r.int(2, 6) };
}

/** Paywall episodes: the 10th and then every 12th or so (about 10–15% of a long series) [BRIEF §1]. */
export function isPaywallEpisode(n: number): boolean {
  return n === 10 || (n > 10 && (n - 10) % 8 === 0);
}
