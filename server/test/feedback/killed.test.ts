import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../src/storage/sqlite/index.js';
import { douyinCsv } from './support.js';

const BIN = fileURLToPath(new URL('../../bin/loopline.mjs', import.meta.url));
const ROWS = 20_000;
const dir = mkdtempSync(join(tmpdir(), 'loopline-killed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function importProcess(file: string, seriesId: string): ChildProcess {
  // With the source condition and tsx already on, the command runs in this very process
  // (no re-executing wrapper), so SIGKILL reaches the process doing the import.
  return spawn(process.execPath, ['--conditions=source', '--import', 'tsx', BIN, 'import', file, '--series', seriesId, '--data-dir', join(dir, 'data'), '--preset', 'douyin', '--batch-size', '500'], {
    env: { ...process.env, LOOPLINE_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves once the child has printed `count` progress lines on stderr (each one is a committed batch). */
function batches(child: ChildProcess, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = 0;
    let text = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const lines = text.split('\n');
      text = lines.pop()!;
      seen += lines.filter((l) => l.startsWith('progress ')).length;
      if (seen >= count) resolve();
    });
    child.once('exit', (code) => reject(new Error(`import exited (${code}) after ${seen} batches`)));
  });
}

async function stored(seriesId: string): Promise<{ cached: number; counted: number; jobs: { status: string; duplicates: number }[] }> {
  const storage = openSqliteStorage({ file: join(dir, 'data', 'loopline.db') });
  try {
    return {
      cached: await storage.countFeedback(seriesId),
      // A range filter makes the storage count rows, not read the cached count.
      counted: (await storage.searchFeedback({ seriesId, minLikes: 0, limit: 1 })).total,
      jobs: (await storage.listImportJobs(seriesId)).map((j) => ({ status: j.status, duplicates: j.duplicates })),
    };
  } finally {
    await storage.close();
  }
}

describe('killed import', () => {
  it('[FB3] an import killed with SIGKILL midway and run again ends with every row exactly once', async () => {
    const storage = openSqliteStorage({ file: join(dir, 'data', 'loopline.db') });
    const seriesId = (await storage.createSeries({ title: '签收双胞胎', language: 'zh' })).id;
    for (const title of ['第1集', '第2集', '第3集']) await storage.createEpisode({ seriesId, title });
    await storage.close();
    const file = join(dir, 'comments.csv');
    writeFileSync(file, douyinCsv(ROWS));

    const first = importProcess(file, seriesId);
    await batches(first, 3);
    const exited = once(first, 'exit');
    first.kill('SIGKILL');
    const [, signal] = await exited;
    expect(signal).toBe('SIGKILL');
    const afterKill = await stored(seriesId);
    if (afterKill.counted >= ROWS) throw new Error('the import finished before it was killed: make the file bigger');
    expect(afterKill.counted).toBeGreaterThanOrEqual(1500);
    expect(afterKill.cached).toBe(afterKill.counted);
    expect(afterKill.jobs).toEqual([{ status: 'running', duplicates: 0 }]);

    const second = importProcess(file, seriesId);
    let out = '';
    second.stdout!.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    const [code] = await once(second, 'exit');
    expect(code, out).toBe(0);
    const final = await stored(seriesId);
    expect(final.counted).toBe(ROWS);
    expect(final.cached).toBe(ROWS);
    expect(final.jobs[0]).toEqual({ status: 'done', duplicates: afterKill.counted });
    expect(out).toContain(`${afterKill.counted.toLocaleString('en-US')} were already stored`);
  });
});
