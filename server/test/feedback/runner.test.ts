import type { ImportJob } from '@loopline/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportRunner } from '../../src/imports/runner.js';
import { ImportSetupError } from '../../src/imports/setup.js';
import { openSqliteStorage } from '../../src/storage/sqlite/index.js';
import type { Storage } from '../../src/storage/types.js';
import { ControlledStream, nextMatching } from './controlled.js';
import { DOUYIN_HEADER, douyinCsv, douyinRow } from './support.js';

let storage: Storage;
let seriesId: string;
let runner: ImportRunner;
const invariant = (j: ImportJob) => expect(j.accepted + j.rejected).toBe(j.rowsRead);

beforeEach(async () => {
  storage = openSqliteStorage({ file: ':memory:' });
  seriesId = (await storage.createSeries({ title: '签收双胞胎', language: 'zh' })).id;
  for (const title of ['第1集', '第2集', '第3集']) await storage.createEpisode({ seriesId, title });
});
afterEach(async () => {
  await runner.stopAll('test over');
  await storage.close();
});

// Each case runs with rows prepared on the worker thread and in line (the fallback without workers).
for (const workers of [true, false]) describe(`import runner (${workers ? 'worker thread' : 'in line'})`, () => cases(workers));

function rows(from: number, to: number): string {
  const out: string[] = [];
  for (let i = from; i < to; i++) out.push(douyinRow({ id: `c${i}`, text: `评论${i}`, user: `u${i}` }));
  return `${out.join('\n')}\n`;
}

/**
 * Three long comments (27 KB each): the reader decides the encoding from the
 * first 64 KiB, so the first push of a streamed test must be at least that.
 */
function openingChunk(): string {
  const long = (i: number) => douyinRow({ id: `long${i}`, text: `${'好'.repeat(9000)}${i}`, user: `u${i}` });
  return `${DOUYIN_HEADER}\n${[0, 1, 2].map(long).join('\n')}\n`;
}

function cases(workers: boolean): void {
  beforeEach(() => {
    // Batches of 2 rows and no time-based flush: every step of the test is a batch boundary.
    runner = new ImportRunner({ storage, workers, workerMinBytes: 0, batchSize: 2, maxBatchDelayMs: Number.POSITIVE_INFINITY });
  });

describe('runs', () => {
  it('[FB4] progress is published and stored at each batch while the source is still open; the invariant holds in every snapshot', async () => {
    const source = new ControlledStream();
    source.push(openingChunk()); // rows 2-4 of the file: one batch of two, the third waits for the next
    const seen: ImportJob[] = [];
    runner.onProgress((j) => seen.push(j));
    const firstBatch = nextMatching<ImportJob>((l) => runner.onProgress(l), (j) => j.rowsRead === 2);
    const handle = await runner.start({ seriesId, target: 'feedback', format: 'auto', presetId: 'douyin', source, totalBytes: 10_000 });
    await firstBatch;
    // The source is open and waiting: the job is running with two rows stored.
    const live = await runner.getJob(handle.job.id);
    expect(live).toMatchObject({ status: 'running', rowsRead: 2, accepted: 2, rejected: 0 });
    expect(live!.bytesRead).toBeGreaterThan(0);
    expect((await storage.getImportJob(handle.job.id))?.rowsRead).toBe(2);
    expect((await storage.searchFeedback({ seriesId })).total).toBe(2);

    const secondBatch = nextMatching<ImportJob>((l) => runner.onProgress(l), (j) => j.rowsRead === 4);
    source.push(`${douyinRow({ id: 'bad', text: '坏', user: 'x', at: 'not a date' })}\n`);
    expect(await secondBatch).toMatchObject({ rowsRead: 4, accepted: 3, rejected: 1 });
    source.end();
    const done = await handle.done;
    expect(done).toMatchObject({ status: 'done', rowsRead: 4, accepted: 3, rejected: 1, duplicates: 0, secondsLeft: 0 });
    for (const j of seen) invariant(j);
    expect((await storage.listImportErrors(done.id)).errors).toEqual([
      { line: 5, column: '发布时间', reason: expect.stringContaining('not a date') },
    ]);
  });

  it('[FB5] cancel stops at the next batch boundary, even while the upload stalls; what was stored stays', async () => {
    const source = new ControlledStream();
    source.push(openingChunk());
    const firstBatch = nextMatching<ImportJob>((l) => runner.onProgress(l), (j) => j.rowsRead === 2);
    const handle = await runner.start({ seriesId, target: 'feedback', format: 'csv', presetId: 'douyin', source });
    await firstBatch;
    // The third row was read, its batch is not full: it is neither stored nor counted.
    expect(runner.cancel(handle.job.id)).toBe(true);
    const final = await handle.done;
    expect(final).toMatchObject({ status: 'cancelled', rowsRead: 2, accepted: 2 });
    invariant(final);
    expect((await storage.getImportJob(final.id))?.status).toBe('cancelled');
    expect((await storage.searchFeedback({ seriesId })).total).toBe(2);
    expect(runner.cancel(handle.job.id)).toBe(false);
  });

  it('[FB3] the same file again adds 0 rows and reports every row as a duplicate', async () => {
    const csv = douyinCsv(9);
    const once = async () => (await runner.start({ seriesId, target: 'feedback', format: 'auto', presetId: 'douyin', source: [Buffer.from(csv)] as never })).done;
    expect(await once()).toMatchObject({ status: 'done', rowsRead: 9, accepted: 9, duplicates: 0 });
    expect(await once()).toMatchObject({ status: 'done', rowsRead: 9, accepted: 9, duplicates: 9 });
    expect(await storage.countFeedback(seriesId)).toBe(9);
  });

  it('[FB2] every rejected row is counted; stored errors stop at the cap', async () => {
    runner = new ImportRunner({ storage, workers, workerMinBytes: 0, batchSize: 3, maxStoredErrors: 4 });
    const bad = Array.from({ length: 10 }, (_, i) => douyinRow({ id: `b${i}`, text: '', user: 'u' }));
    const csv = `${DOUYIN_HEADER}\n${bad.join('\n')}\n${rows(0, 5)}`;
    const done = await (await runner.start({ seriesId, target: 'feedback', format: 'csv', presetId: 'douyin', source: [Buffer.from(csv)] as never })).done;
    expect(done).toMatchObject({ rowsRead: 15, accepted: 5, rejected: 10 });
    const stored = (await storage.listImportErrors(done.id)).errors;
    expect(stored).toHaveLength(4);
    expect(stored.map((e) => e.line)).toEqual([2, 3, 4, 5]);
  });

  it('[FB19] an unusable file or a missing required column fails before any job exists', async () => {
    const start = (content: string | Uint8Array, extra: Record<string, unknown> = {}) =>
      runner.start({ seriesId, target: 'feedback', format: 'auto', source: [typeof content === 'string' ? Buffer.from(content) : content] as never, ...extra });
    await expect(start(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).rejects.toThrow(/Excel/);
    await expect(start('name,age\nann,3\n')).rejects.toMatchObject({ field: 'mapping', message: expect.stringContaining('text') });
    await expect(start('')).rejects.toBeInstanceOf(ImportSetupError);
    await expect(start(douyinCsv(2), { presetId: 'nope' })).rejects.toMatchObject({ field: 'presetId' });
    await expect(start(douyinCsv(2), { presetId: 'douyin', episodeId: 'missing' })).rejects.toMatchObject({ field: 'episodeId' });
    expect(await storage.listImportJobs(seriesId)).toEqual([]);
  });

  it('[FB1] a file over the size limit fails the job with a readable reason', async () => {
    runner = new ImportRunner({ storage, workers, workerMinBytes: 0, batchSize: 2, maxBytes: 70_000 });
    const big = douyinCsv(2000);
    const chunks = [];
    for (let i = 0; i < big.length; i += 16_384) chunks.push(Buffer.from(big.slice(i, i + 16_384)));
    const done = await (await runner.start({ seriesId, target: 'feedback', format: 'csv', presetId: 'douyin', source: chunks as never })).done;
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/larger than the import limit/);
    invariant(done);
  });
});
}
