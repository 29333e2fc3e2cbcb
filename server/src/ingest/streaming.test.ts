import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEpisodes } from '../generate/episodes.js';
import { generateFeedback } from '../generate/feedback.js';
import { feedbackLines, writeLines } from '../generate/writers.js';
import { readRowBatches } from './rows.js';

const SEED = 4242;

// A collector we can call, to measure what the reader retains rather than the garbage it leaves.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const retained = () => {
  gc();
  return process.memoryUsage().heapUsed;
};
let dir = '';
let file = '';
let size = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'loopline-ingest-'));
  file = join(dir, 'big.csv');
  // ~50 MB of generated Douyin-style CSV.
  await writeLines(file, feedbackLines(generateFeedback({ seed: SEED, rows: 340_000, episodes: demoEpisodes(80, SEED), start: new Date('2025-03-01T12:00:00Z') }), 'csv'));
  size = (await stat(file)).size;
  console.log(`[IN2] streaming test file: seed ${SEED}, ${(size / 1e6).toFixed(1)} MB`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('streaming', () => {
  it('[IN2] a ~50 MB file is read in bounded memory: the heap the reader keeps stays flat, progress adds up to the file size', async () => {
    expect(size).toBeGreaterThan(45e6);
    const base = retained();
    const samples: number[] = [];
    let peak = base;
    let rows = 0;
    let errors = 0;
    let bytes = 0;
    for await (const batch of readRowBatches(createReadStream(file, { highWaterMark: 64 * 1024 }), { format: 'csv', onBytes: (n) => (bytes += n) })) {
      const before = Math.floor(rows / 50_000);
      rows += batch.length;
      for (const r of batch) if (r.error) errors++;
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      if (Math.floor(rows / 50_000) > before) samples.push(retained() - base);
    }
    const mb = (x: number) => (x / 1e6).toFixed(1);
    console.log(`[IN2] ${rows} rows from ${mb(size)} MB: heap kept ${samples.map(mb).join(' → ')} MB, peak heap growth with garbage ${mb(peak - base)} MB`);
    expect(rows).toBe(340_000);
    expect(errors).toBe(0);
    expect(bytes).toBe(size);
    expect(samples.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...samples)).toBeLessThan(8e6);
    expect(samples.at(-1)! - samples[0]!).toBeLessThan(4e6);
    expect(peak - base).toBeLessThan(size);
  });
});
