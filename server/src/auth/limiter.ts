/**
 * Counts failures per key in a sliding window [AC18]: sign-in failures per
 * account and per client IP. Held in memory (one process); every key keeps at
 * most `max` timestamps and the number of keys is capped, so an attacker
 * cycling through names cannot grow it without bound.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly opts: { max: number; windowMs: number; now: () => number; maxKeys?: number },
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  retryAfterMs(key: string): number {
    const times = this.recent(key);
    if (times.length < this.opts.max) return 0;
    return Math.max(1, times[0]! + this.opts.windowMs - this.opts.now());
  }

  /** Records one failure of `key`. */
  fail(key: string): void {
    const times = this.recent(key);
    times.push(this.opts.now());
    if (times.length > this.opts.max) times.splice(0, times.length - this.opts.max);
    this.failures.delete(key); // re-insert: the map's order is least recently failed first
    this.failures.set(key, times);
    this.bound();
  }

  /** Forgets `key`'s failures (an account after a successful sign-in). */
  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const cutoff = this.opts.now() - this.opts.windowMs;
    const times = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  private bound(): void {
    const maxKeys = this.opts.maxKeys ?? 100_000;
    if (this.failures.size <= maxKeys) return;
    for (const key of this.failures.keys()) {
      this.failures.delete(key);
      if (this.failures.size <= maxKeys) return;
    }
  }
}
