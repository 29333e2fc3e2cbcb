/** Throughput and time left of an import, from what was read so far. */
export interface Rates {
  rowsPerSecond: number;
  /** Null when the total size is unknown or nothing has been read yet. */
  secondsLeft: number | null;
}

/**
 * The rates shown beside the progress bar [FB4]: rows per second since the
 * start, and the time left at the byte rate so far (bytes, because the
 * number of rows in a file is not known until its end). Averages over the
 * whole run: steadier than an instantaneous rate on a bursty upload.
 */
export function importRates(rowsRead: number, bytesRead: number, totalBytes: number | null, elapsedMs: number): Rates {
  const seconds = elapsedMs / 1000;
  const rowsPerSecond = seconds > 0 ? round1(rowsRead / seconds) : 0;
  if (totalBytes === null || bytesRead <= 0 || seconds <= 0) return { rowsPerSecond, secondsLeft: null };
  const left = Math.max(0, totalBytes - bytesRead) / (bytesRead / seconds);
  return { rowsPerSecond, secondsLeft: round1(left) };
}

/** Percent done by bytes (0..100), or null when the size is unknown. */
export function percentDone(bytesRead: number, totalBytes: number | null): number | null {
  if (totalBytes === null || totalBytes <= 0) return null;
  return Math.min(100, Math.floor((bytesRead / totalBytes) * 1000) / 10);
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
