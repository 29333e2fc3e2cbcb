import type { Storage } from '../../../src/storage/types.js';

/**
 * A Storage wrapper for tests: counts document loads, can hold appends at a
 * gate, and can make the next appends fail, to observe what the rooms do.
 */
export class StorageProbe {
  loads = 0;
  appends = 0;
  private gate: Promise<void> | null = null;
  private release: (() => void) | null = null;
  private failures = 0;

  /** Holds every append until `openGate()`. */
  closeGate(): void {
    this.gate = new Promise((resolve) => {
      this.release = resolve;
    });
  }

  openGate(): void {
    this.release?.();
    this.gate = null;
  }

  /** The next `n` appends throw (a full disk, a lost database connection). */
  failNextAppends(n: number): void {
    this.failures = n;
  }

  /** Wraps `base`; pass as `wrapStorage` to the harness. */
  wrap = (base: Storage): Storage => {
    return new Proxy(base, {
      get: (target, prop, receiver) => {
        if (prop === 'loadDocument') {
          return (episodeId: string) => {
            this.loads += 1;
            return target.loadDocument(episodeId);
          };
        }
        if (prop === 'appendUpdate') {
          return async (episodeId: string, update: Uint8Array) => {
            if (this.gate) await this.gate;
            if (this.failures > 0) {
              this.failures -= 1;
              throw new Error('simulated storage failure');
            }
            this.appends += 1;
            return target.appendUpdate(episodeId, update);
          };
        }
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };
}
