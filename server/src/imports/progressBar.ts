import type { ImportJob } from '@loopline/shared';
import { percentDone } from './progress.js';

/** Where the bar is drawn: a terminal (redrawn in place) or a log (one line per update). */
export interface BarOutput {
  isTTY?: boolean;
  write(text: string): unknown;
}

const WIDTH = 30;

function n(value: number): string {
  return value.toLocaleString('en-US');
}

/** One human line of progress: bar, percent, rows, rate, time left. */
export function progressLine(job: ImportJob): string {
  const percent = percentDone(job.bytesRead, job.totalBytes);
  const filled = percent === null ? 0 : Math.round((percent / 100) * WIDTH);
  const bar = percent === null ? '' : `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${percent.toFixed(1).padStart(5)}%  `;
  const left = job.secondsLeft === null || job.status !== 'running' ? '' : `  ${Math.ceil(job.secondsLeft)}s left`;
  return `${bar}${n(job.rowsRead)} rows (${n(job.rejected)} rejected, ${n(job.duplicates)} already stored)  ${n(Math.round(job.rowsPerSecond))} rows/s${left}`;
}

/**
 * A progress bar on stderr for `loopline import` [FB19]: redrawn in place on
 * a terminal; on a pipe or log, one `progress …` line per batch that scripts
 * (and the killed-import test) can wait on.
 */
export function progressBar(out: BarOutput): { update(job: ImportJob): void; done(): void } {
  let drawn = false;
  return {
    update(job) {
      if (out.isTTY) {
        out.write(`\r${progressLine(job)}\u001b[K`);
        drawn = true;
      } else {
        out.write(
          `progress rows=${job.rowsRead} accepted=${job.accepted} rejected=${job.rejected} duplicates=${job.duplicates} bytes=${job.bytesRead}` +
            `${job.totalBytes === null ? '' : ` total=${job.totalBytes}`} status=${job.status}\n`,
        );
      }
    },
    done() {
      if (drawn) out.write('\n');
    },
  };
}

/** The closing summary: what was added, what was already there, what was rejected and where the report is. */
export function summaryLine(job: ImportJob): string {
  const added = job.accepted - job.duplicates;
  const head =
    job.status === 'done' ? 'Import done' : job.status === 'cancelled' ? 'Import cancelled' : `Import failed: ${job.error ?? 'unknown error'}`;
  const dupes = job.duplicates > 0 ? ` ${n(job.duplicates)} were already stored (not added again).` : '';
  const rejected = job.rejected > 0 ? ` ${n(job.rejected)} rows rejected: see the error report of import ${job.id}.` : '';
  return `${head}: ${n(job.rowsRead)} rows read, ${n(added)} added.${dupes}${rejected}`;
}
