import type { ImportJob } from '@loopline/shared';
import { demoEpisodes, feedbackLines, generateFeedback, generateMetrics, generateRetention, metricsLines, retentionLines } from '../generate/index.js';
import type { Storage } from '../storage/types.js';
import { ImportRunner } from './runner.js';

/** What the demo's audience data amounts to. */
export interface DemoFeedbackResult {
  feedback: ImportJob;
  metrics: ImportJob;
  retention: ImportJob;
}

/** Options of the demo data; the defaults are what a first start gets. */
export interface DemoFeedbackOptions {
  rows?: number;
  seed?: number;
  /** Episodes (by number) that get comments and danmaku. */
  feedbackEpisodes?: number;
  /** Episodes (by number) that aired: they get daily metrics and retention curves. */
  airedEpisodes?: number;
  /** Now, for the dates (ms). */
  now?: number;
}

const DAY = 86_400_000;

/** Lines as ~64 KiB byte chunks: what an upload of the file would deliver. */
async function* bytes(lines: Iterable<string>): AsyncGenerator<Uint8Array> {
  let buf = '';
  for (const line of lines) {
    buf += line;
    if (buf.length >= 32_768) {
      yield Buffer.from(buf);
      buf = '';
    }
  }
  if (buf) yield Buffer.from(buf);
}

/**
 * Audience data for the demo series [FB21]: generated feedback (Chinese and
 * English comments and danmaku, memes, a coordinated burst, segments) for the
 * first episodes, and daily metrics and retention curves for the aired ones.
 * It goes through the import runner like any upload (validation, redaction,
 * pseudonyms, search index), so the demo shows exactly what an import makes.
 * Episodes are matched by number (第N集), as in a platform export.
 */
export async function seedDemoFeedback(storage: Storage, seriesId: string, opts: DemoFeedbackOptions = {}): Promise<DemoFeedbackResult> {
  const seed = opts.seed ?? 20_260_301;
  const now = opts.now ?? Date.now();
  // Episode 1 aired a week ago at 20:00 Beijing time; one more each day after.
  const start = new Date(Math.floor((now - 7 * DAY) / DAY) * DAY + 12 * 3_600_000);
  const episodes = demoEpisodes(opts.feedbackEpisodes ?? 5, seed);
  const aired = episodes.slice(0, opts.airedEpisodes ?? 2);
  const runner = new ImportRunner({ storage, now: () => now });
  const run = async (target: 'feedback' | 'metrics' | 'retention', lines: Iterable<string>) =>
    (await runner.start({ seriesId, target, format: 'csv', fileName: `demo-${target}.csv`, source: bytes(lines) })).done;

  const feedback = await run(
    'feedback',
    feedbackLines(generateFeedback({ seed, rows: opts.rows ?? 20_000, episodes, platforms: ['douyin', 'kuaishou', 'tiktok'], start }), 'csv'),
  );
  const days = Math.max(1, Math.floor((now - start.getTime()) / DAY));
  const metrics = await run('metrics', metricsLines(generateMetrics({ seed, episodes: aired, platforms: ['douyin', 'kuaishou'], start, days })));
  const retention = await run('retention', retentionLines(generateRetention({ seed, episodes: aired, platforms: ['douyin', 'kuaishou'] })));
  return { feedback, metrics, retention };
}
