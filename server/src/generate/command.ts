import { parseArgs } from 'node:util';
import type { FeedbackKind } from '@loopline/shared';
import { demoEpisodes } from './episodes.js';
import { type GeneratedRow, generateFeedback } from './feedback.js';
import { generateMetrics, generateRetention } from './metrics.js';
import { feedbackLines, type GenFormat, metricsLines, retentionLines, writeLines } from './writers.js';

/** What a generate run did; printed as JSON by the CLI. */
export interface GenerateSummary {
  seed: number;
  target: 'feedback' | 'metrics' | 'retention';
  format: GenFormat;
  file: string;
  rows: number;
  bytes: number;
  seconds: number;
  burstRows?: number;
  personalDataRows?: number;
}

export const GENERATE_USAGE = `usage: generate --out <file> [--rows 10000] [--format csv|ndjson|json|xml] [--seed N]
                [--target feedback|metrics|retention] [--episodes 80] [--platforms douyin,kuaishou,tiktok]
                [--start 2025-03-01T12:00:00Z] [--days 3] [--encoding utf-8|gb18030]
  csv: Douyin-preset columns (Chinese headers); ndjson/json: Loopline preset; xml: Bilibili danmaku (danmaku only).
  metrics and retention are written as CSV. Without --seed a seed is chosen and printed.`;

/**
 * Runs the generator from command-line arguments [IN23]; the `loopline` CLI
 * and `server/src/generate/cli.ts` both call this. Throws with a readable
 * message on bad arguments.
 */
export async function runGenerate(argv: string[]): Promise<GenerateSummary> {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string', default: '10000' },
      format: { type: 'string', default: 'csv' },
      out: { type: 'string' },
      seed: { type: 'string' },
      target: { type: 'string', default: 'feedback' },
      episodes: { type: 'string', default: '80' },
      platforms: { type: 'string', default: 'douyin,kuaishou,tiktok' },
      start: { type: 'string', default: '2025-03-01T12:00:00Z' },
      days: { type: 'string', default: '3' },
      encoding: { type: 'string', default: 'utf-8' },
    },
    strict: true,
  });
  if (!values.out) throw new Error(`--out is required\n${GENERATE_USAGE}`);
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 1 || rows > 50_000_000) throw new Error('--rows must be a whole number from 1 to 50,000,000');
  const format = values.format as GenFormat;
  if (!['csv', 'ndjson', 'json', 'xml'].includes(format)) throw new Error('--format must be csv, ndjson, json or xml');
  const target = values.target as GenerateSummary['target'];
  if (!['feedback', 'metrics', 'retention'].includes(target)) throw new Error('--target must be feedback, metrics or retention');
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new Error('--seed must be a non-negative whole number');
  const episodeCount = Number(values.episodes);
  if (!Number.isInteger(episodeCount) || episodeCount < 1 || episodeCount > 1000) throw new Error('--episodes must be 1 to 1000');
  const start = new Date(values.start);
  if (Number.isNaN(start.getTime())) throw new Error('--start must be an ISO date-time');
  const encoding = values.encoding === 'gb18030' || values.encoding === 'gbk' ? 'gb18030' : 'utf-8';
  const platforms = values.platforms.split(',').map((p) => p.trim()).filter(Boolean);
  const episodes = demoEpisodes(episodeCount, seed);
  const t0 = performance.now();
  const summary: GenerateSummary = { seed, target, format: target === 'feedback' ? format : 'csv', file: values.out, rows: 0, bytes: 0, seconds: 0 };

  if (target === 'feedback') {
    const kinds: FeedbackKind[] | undefined = format === 'xml' ? ['danmaku'] : undefined;
    let burst = 0;
    let pii = 0;
    const counted = function* (it: Iterable<GeneratedRow>) {
      for (const r of it) {
        summary.rows++;
        if (r.truth.burst) burst++;
        if (r.truth.pii) pii++;
        yield r;
      }
    };
    summary.bytes = await writeLines(values.out, feedbackLines(counted(generateFeedback({ seed, rows, episodes, platforms, start, ...(kinds ? { kinds } : {}) })), format), encoding);
    summary.burstRows = burst;
    summary.personalDataRows = pii;
  } else {
    const lines =
      target === 'metrics'
        ? metricsLines(countRows(generateMetrics({ seed, episodes, platforms, start, days: Number(values.days) }), summary))
        : retentionLines(countRows(generateRetention({ seed, episodes, platforms }), summary));
    summary.bytes = await writeLines(values.out, lines, encoding);
  }
  summary.seconds = Math.round((performance.now() - t0) / 10) / 100;
  return summary;
}

function* countRows<T>(it: Iterable<T>, s: GenerateSummary): Generator<T> {
  for (const x of it) {
    s.rows++;
    yield x;
  }
}
