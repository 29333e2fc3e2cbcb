import type { ImportJob } from '@loopline/shared';

/** A job with the counters a test sets; everything else plausible. */
export function job(over: Partial<ImportJob> = {}): ImportJob {
  return {
    id: 'imp1',
    seriesId: 's1',
    episodeId: null,
    target: 'feedback',
    format: 'csv',
    platform: 'douyin',
    fileName: 'comments.csv',
    status: 'running',
    rowsRead: 0,
    accepted: 0,
    rejected: 0,
    duplicates: 0,
    bytesRead: 0,
    totalBytes: 1000,
    rowsPerSecond: 0,
    secondsLeft: null,
    error: null,
    startedAt: '2025-03-05T14:00:00.000Z',
    finishedAt: null,
    ...over,
  };
}
