import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImportCommand } from '../../src/imports/cli.js';
import { TEST_PASSWORD } from '../auth/support/sessions.js';
import { DOUYIN_HEADER, douyinCsv, douyinRow, type FeedbackTestApp, makeFeedbackApp } from './support.js';

/** Captures what the command writes. */
function io() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: { write: (s: string) => (out.stdout += s) },
      stderr: { write: (s: string) => (out.stderr += s) },
    },
  };
}

let f: FeedbackTestApp;
beforeEach(async () => {
  f = await makeFeedbackApp();
});
afterEach(async () => {
  await f.close();
});

describe('loopline import', () => {
  it('[FB19] on a data directory: progress on stderr, the summary on stdout, exit 0', async () => {
    const file = join(f.t.dataDir, 'export.csv');
    writeFileSync(file, douyinCsv(40));
    const c = io();
    const code = await runImportCommand([file, '--series', f.seriesId, '--preset', 'douyin', '--data-dir', f.t.dataDir], {}, c.io);
    expect(code, c.out.stderr).toBe(0);
    expect(c.out.stderr).toMatch(/^progress rows=40 accepted=40/m);
    expect(c.out.stdout).toBe('Import done: 40 rows read, 40 added.\n');
    expect(await f.t.storage.countFeedback(f.seriesId)).toBe(40);
  });

  it('[FB19] an unusable file exits 1 with a readable reason; a bad command line exits 2', async () => {
    const xlsx = join(f.t.dataDir, 'export.xlsx');
    writeFileSync(xlsx, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]));
    const unmapped = join(f.t.dataDir, 'people.csv');
    writeFileSync(unmapped, 'name,age\nann,3\n');
    const cases: [string[], number, RegExp][] = [
      [[xlsx, '--series', f.seriesId, '--data-dir', f.t.dataDir], 1, /Excel/],
      [[unmapped, '--series', f.seriesId, '--data-dir', f.t.dataDir], 1, /Missing required column mapping: text, postedAt/],
      [[join(f.t.dataDir, 'missing.csv'), '--series', f.seriesId, '--data-dir', f.t.dataDir], 1, /cannot read/],
      [[unmapped, '--series', f.seriesId, '--episode', '99', '--data-dir', f.t.dataDir], 1, /No episode 99/],
      [[unmapped, '--format', 'xls', '--series', f.seriesId], 2, /--format must be one of/],
      [[unmapped], 2, /--series is required/],
    ];
    for (const [argv, expected, reason] of cases) {
      const c = io();
      expect(await runImportCommand(argv, {}, c.io), argv.join(' ')).toBe(expected);
      expect(c.out.stderr).toMatch(reason);
    }
  });

  it('[FB19] against a running server: signs in, streams the file, follows the job', async () => {
    await f.t.storage.setMembership(f.seriesId, f.t.owner.user.id, 'operations');
    const url = await f.t.app.listen({ port: 0, host: '127.0.0.1' });
    const file = join(f.t.dataDir, 'export.csv');
    writeFileSync(file, `${DOUYIN_HEADER}\n${douyinRow({ id: 'a', text: '好看', user: 'u1', episode: '第2集' })}\n${douyinRow({ id: 'b', text: '', user: 'u2' })}\n`);
    const c = io();
    const argv = [file, '--series', f.seriesId, '--preset', 'douyin', '--server', url, '--email', f.t.owner.user.email];
    const code = await runImportCommand(argv, { LOOPLINE_PASSWORD: TEST_PASSWORD }, c.io);
    expect(code, c.out.stderr).toBe(0);
    expect(c.out.stdout).toMatch(/^Import done: 2 rows read, 1 added\. 1 rows rejected: see the error report of import /);
    const items = await f.t.storage.searchFeedback({ seriesId: f.seriesId });
    expect(items.items.map((i) => [i.externalId, i.episodeId])).toEqual([['a', f.episodes[1]]]);
    const wrong = io();
    expect(await runImportCommand(argv, { LOOPLINE_PASSWORD: 'wrong password!' }, wrong.io)).toBe(1);
    expect(wrong.out.stderr).toMatch(/sign-in failed/);
  });
});
