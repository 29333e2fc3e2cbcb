/**
 * Where a trace request's time goes, read by read: the storage calls one
 * GET /api/feedback/:itemId/trace makes, each timed alone in-process over
 * the same items — the route guard's reads (session, user, membership, the
 * item for its series) and the trace's own (the item's links, each distinct
 * revision and episode, the heading cache). Mean and p99 per request.
 */
import { newToken, tokenHash } from '../src/auth/tokens.js';
import type { Storage } from '../src/storage/types.js';
import type { SceneHeadings } from '../src/trace/index.js';
import { type Summary, summarize } from './stats.js';

/** One step of a trace request, timed per request (all its calls of that kind together). */
export interface BreakdownStep {
  step: string;
  /** Calls per request on average. */
  calls: number;
  micros: Summary;
}

/** Times each storage read a trace request makes, over `ids` (the first tenth untimed). */
export async function traceBreakdown(
  storage: Storage,
  headings: SceneHeadings,
  reviewerEmail: string,
  seriesId: string,
  ids: readonly string[],
): Promise<BreakdownStep[]> {
  const reviewer = await storage.getUserByEmail(reviewerEmail);
  if (!reviewer) throw new Error('trace bench: no reviewer');
  const token = newToken();
  const now = Date.now();
  await storage.createSession({
    tokenHash: tokenHash(token),
    userId: reviewer.id,
    csrfToken: newToken(),
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 3_600_000).toISOString(),
  });
  const steps = new Map<string, { samples: number[]; calls: number }>();
  let warm = false;
  const timed = async <T>(step: string, fn: () => Promise<T>, calls = 1): Promise<T> => {
    const t0 = performance.now();
    const out = await fn();
    const us = (performance.now() - t0) * 1000;
    if (!warm) return out;
    let s = steps.get(step);
    if (!s) {
      s = { samples: [], calls: 0 };
      steps.set(step, s);
    }
    s.samples.push(us);
    s.calls += calls;
    return out;
  };
  // The first tenth of the ids warms up (JIT, page cache) untimed.
  for (const [i, id] of ids.entries()) {
    warm = i >= ids.length / 10;
    await timed('session by token hash (hash + read)', () => storage.getSessionByTokenHash(tokenHash(token)));
    await timed('user of the session', () => storage.getUser(reviewer.id));
    await timed('membership (role in the series)', () => storage.getMembership(seriesId, reviewer.id));
    await timed("item's series (route guard: seriesOfFeedbackItem)", () => storage.seriesOfFeedbackItem(id));
    const links = await timed('links of the item (listLinksOfItem)', () => storage.listLinksOfItem(id));
    const revisions = [...new Set(links.flatMap((l) => (l.revisionId ? [l.revisionId] : [])))];
    const episodes = [...new Set(links.map((l) => l.episodeId))];
    await timed('revision heads, each distinct one (getRevisionHead)', () => Promise.all(revisions.map((r) => storage.getRevisionHead(r))), revisions.length);
    await timed('episodes, each distinct one (getEpisode)', () => Promise.all(episodes.map((e) => storage.getEpisode(e))), episodes.length);
    await timed('scene headings (cache)', () => Promise.all(episodes.map((e) => headings.of(e))), episodes.length);
  }
  return [...steps].map(([step, s]) => ({ step, calls: s.calls / s.samples.length, micros: summarize(s.samples) }));
}
