/**
 * The measured half of `pnpm bench ingest`, run in its own process so its
 * peak RSS is the import's alone: imports one file into a SQLite database
 * with the same runner as the server and the CLI (normalize, redaction,
 * pseudonyms, search tokens, batched inserts), then prints one JSON line.
 * Usage: ingestChild.ts <db file> <series id> <file> [batch size]
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { ImportRunner } from '../src/imports/runner.js';
import { openSqliteStorage } from '../src/storage/sqlite/index.js';

/** Peak resident set size of this process so far (Linux VmHWM), in bytes; null elsewhere. */
function peakRss(): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

const [dbFile, seriesId, file, batch] = process.argv.slice(2);
if (!dbFile || !seriesId || !file) throw new Error('usage: ingestChild.ts <db file> <series id> <file> [batch size]');
const storage = openSqliteStorage({ file: dbFile });
const runner = new ImportRunner({ storage, batchSize: batch ? Number(batch) : undefined });
let sampledRss = 0;
const sampler = setInterval(() => {
  sampledRss = Math.max(sampledRss, process.memoryUsage().rss);
}, 100);
const started = performance.now();
const handle = await runner.start({
  seriesId,
  target: 'feedback',
  format: 'auto',
  fileName: basename(file),
  totalBytes: statSync(file).size,
  source: createReadStream(file, { highWaterMark: 256 * 1024 }),
});
const job = await handle.done;
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
await storage.close();
process.stdout.write(`${JSON.stringify({ seconds, job, peakRssBytes: peakRss() ?? sampledRss })}\n`);
