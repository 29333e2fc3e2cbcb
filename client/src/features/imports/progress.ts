import type { ImportJob } from '@loopline/shared';

/** What the progress bar shows for a running (or finished) import. */
export interface ImportProgress {
  /** 0–100, whole percent of the file's bytes read; null when the size is unknown. */
  percent: number | null;
  bytesRead: number;
  totalBytes: number | null;
  rows: number;
  rowsPerSecond: number;
  /** Seconds left, rounded up; null when unknown. */
  secondsLeft: number | null;
}

/**
 * Progress of a job for the bar [UF3]. The percent is of bytes (the only
 * measure known before the end: rows are counted as they come); the file
 * size the browser knows stands in when the server got no length. A
 * finished job shows 100%; time left comes from the server, or from the
 * byte rate so far when the server gave none.
 */
export function progressOf(job: ImportJob, fileSize: number | null, now: number = Date.now()): ImportProgress {
  const totalBytes = job.totalBytes ?? fileSize;
  const done = job.status === 'done';
  let percent: number | null = null;
  if (done) percent = 100;
  else if (totalBytes && totalBytes > 0) percent = Math.min(99, Math.floor((job.bytesRead / totalBytes) * 100));
  let secondsLeft = job.secondsLeft;
  if (secondsLeft === null && job.status === 'running' && totalBytes && job.bytesRead > 0) {
    const elapsed = (now - Date.parse(job.startedAt)) / 1000;
    if (elapsed > 0) secondsLeft = ((totalBytes - job.bytesRead) / job.bytesRead) * elapsed;
  }
  return {
    percent,
    bytesRead: job.bytesRead,
    totalBytes,
    rows: job.rowsRead,
    rowsPerSecond: Math.max(0, Math.round(job.rowsPerSecond)),
    secondsLeft: job.status !== 'running' ? 0 : secondsLeft === null ? null : Math.max(0, Math.ceil(secondsLeft)),
  };
}

/** The outcome sentence of a finished import, as an i18n key and its values. */
export interface ImportOutcome {
  key: 'imports.outcome.reimport' | 'imports.outcome.added' | 'imports.outcome.addedWithDuplicates' | 'imports.outcome.nothing';
  added: number;
  duplicates: number;
}

/**
 * Says what an import changed [UF4]: duplicates are accepted rows that were
 * already stored, so `accepted − duplicates` rows are new. A re-import of
 * the same file (every accepted row a duplicate) says plainly that it added
 * 0 new rows.
 */
export function outcomeOf(job: Pick<ImportJob, 'accepted' | 'duplicates'>): ImportOutcome {
  const duplicates = Math.min(job.duplicates, job.accepted);
  const added = job.accepted - duplicates;
  if (added === 0 && duplicates > 0) return { key: 'imports.outcome.reimport', added, duplicates };
  if (added === 0) return { key: 'imports.outcome.nothing', added, duplicates };
  if (duplicates > 0) return { key: 'imports.outcome.addedWithDuplicates', added, duplicates };
  return { key: 'imports.outcome.added', added, duplicates };
}
