import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CanonicalSaver } from './canonicalSaver.js';
import { silentLogger } from './log.js';

// Fake timers: the debounce is about time itself, and the test drives the clock.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function saver(save: () => Promise<void>) {
  return new CanonicalSaver({ save, debounceMs: 1_000, maxWaitMs: 5_000, log: silentLogger, label: 'ep' });
}

describe('CanonicalSaver', () => {
  it('[SY10] saves after a quiet second, once for a burst of changes', async () => {
    const save = vi.fn(async () => {});
    const s = saver(save);
    s.markDirty();
    await vi.advanceTimersByTimeAsync(500);
    s.markDirty();
    await vi.advanceTimersByTimeAsync(999);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(s.clean).toBe(true);
  });

  it('[SY10] never waits longer than the maximum while changes keep coming', async () => {
    const save = vi.fn(async () => {});
    const s = saver(save);
    for (let t = 0; t < 5_000; t += 500) {
      s.markDirty();
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('[SY10] a failed save stays dirty and is retried', async () => {
    let fail = true;
    const save = vi.fn(async () => {
      if (fail) {
        fail = false;
        throw new Error('locked');
      }
    });
    const s = saver(save);
    s.markDirty();
    await s.flush();
    expect(s.clean).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(save).toHaveBeenCalledTimes(2);
    expect(s.clean).toBe(true);
  });
});
