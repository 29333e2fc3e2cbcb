import { describe, expect, it } from 'vitest';
import { job } from './fixtures';
import { outcomeOf, progressOf } from './progress';

describe('import progress', () => {
  const t0 = Date.parse('2025-03-05T14:00:00.000Z');

  it('[UF3] percent is of bytes read, whole, and reaches 100 only when done', () => {
    expect(progressOf(job(), null, t0).percent).toBe(0);
    expect(progressOf(job({ bytesRead: 255 }), null, t0).percent).toBe(25);
    expect(progressOf(job({ bytesRead: 1000 }), null, t0).percent).toBe(99);
    expect(progressOf(job({ bytesRead: 1000, status: 'done' }), null, t0).percent).toBe(100);
    expect(progressOf(job({ bytesRead: 400, status: 'cancelled' }), null, t0).percent).toBe(40);
  });

  it('[UF3] without a server total the file size stands in; with neither the bar is indeterminate', () => {
    expect(progressOf(job({ totalBytes: null, bytesRead: 500 }), 2000, t0).percent).toBe(25);
    expect(progressOf(job({ totalBytes: null, bytesRead: 500 }), null, t0).percent).toBeNull();
  });

  it("[UF3] time left is the server's when given, else estimated from the byte rate", () => {
    expect(progressOf(job({ bytesRead: 500, secondsLeft: 12.2, rowsPerSecond: 1234.6 }), null, t0 + 10_000)).toMatchObject({ secondsLeft: 13, rowsPerSecond: 1235 });
    // Half the bytes in 10 s: 10 s more.
    expect(progressOf(job({ bytesRead: 500 }), null, t0 + 10_000).secondsLeft).toBe(10);
    expect(progressOf(job(), null, t0 + 10_000).secondsLeft).toBeNull();
    expect(progressOf(job({ status: 'done', bytesRead: 1000 }), null, t0).secondsLeft).toBe(0);
  });

  it('[UF4] a re-import whose accepted rows were all already stored says 0 new rows', () => {
    expect(outcomeOf({ accepted: 1200, duplicates: 1200 })).toEqual({ key: 'imports.outcome.reimport', added: 0, duplicates: 1200 });
    expect(outcomeOf({ accepted: 1200, duplicates: 200 })).toEqual({ key: 'imports.outcome.addedWithDuplicates', added: 1000, duplicates: 200 });
    expect(outcomeOf({ accepted: 5, duplicates: 0 })).toEqual({ key: 'imports.outcome.added', added: 5, duplicates: 0 });
    expect(outcomeOf({ accepted: 0, duplicates: 0 }).key).toBe('imports.outcome.nothing');
  });
});
