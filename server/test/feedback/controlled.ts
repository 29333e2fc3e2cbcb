/**
 * A byte stream a test feeds step by step: the import reads what was pushed
 * and then waits, exactly as it waits on a slow upload. No timers involved.
 */
export class ControlledStream implements AsyncIterable<Uint8Array> {
  private readonly queue: (Uint8Array | null)[] = [];
  private wake: (() => void) | null = null;
  /** How many chunks the reader has taken so far. */
  taken = 0;

  push(text: string | Uint8Array): void {
    this.queue.push(typeof text === 'string' ? Buffer.from(text) : text);
    this.wake?.();
  }

  end(): void {
    this.queue.push(null);
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    for (;;) {
      while (this.queue.length === 0) await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
      const next = this.queue.shift()!;
      if (next === null) return;
      this.taken++;
      yield next;
    }
  }
}

/** Resolves with the first value `subscribe` hands its listener that `accept` accepts. */
export function nextMatching<T>(subscribe: (listener: (value: T) => void) => () => void, accept: (value: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const off = subscribe((value) => {
      if (accept(value)) {
        off();
        resolve(value);
      }
    });
  });
}
