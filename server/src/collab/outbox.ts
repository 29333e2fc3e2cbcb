import * as Y from 'yjs';
import type { CollabLogger } from './log.js';

/**
 * A room's ordered, durable outbox: the one path by which document content
 * leaves the server. Each update is appended to storage and only then handed
 * to its `deliver` callback (the broadcast) [SY1]; other deliveries (a sync
 * step 2 answer) queue behind the appends before them, so a client is never
 * sent content that a crash could still lose. A failed append keeps the
 * update here and retries with backoff; nothing is dropped [SY4].
 */

type Task = { kind: 'append'; update: Uint8Array; deliver: () => void } | { kind: 'deliver'; deliver: () => void };

/** What the outbox needs from its room. */
export interface OutboxOptions {
  /** Appends durably; resolves with the stored sequence number. */
  append(update: Uint8Array): Promise<number>;
  /** Called after each committed append (log size bookkeeping, compaction trigger). */
  onAppended(seq: number, bytes: number): void;
  retryInitialMs: number;
  retryMaxMs: number;
  log: CollabLogger;
  /** Included in log lines (the episode id). */
  label: string;
}

// Consecutive queued updates are merged into one append when a write is slow
// and a backlog forms; these bound one merged write.
const MAX_BATCH_UPDATES = 256;
const MAX_BATCH_BYTES = 1024 * 1024;

class GaveUpError extends Error {}

/** Ordered append-then-deliver queue of one room. */
export class Outbox {
  private readonly tasks: Task[] = [];
  private running: Promise<void> | null = null;
  private giveUpAt = Number.POSITIVE_INFINITY;
  private wakeRetry: (() => void) | null = null;

  constructor(private readonly opts: OutboxOptions) {}

  /** Queues `update` for a durable append; `deliver` runs once it (and everything before it) is committed. */
  append(update: Uint8Array, deliver: () => void): void {
    this.tasks.push({ kind: 'append', update, deliver });
    this.kick();
  }

  /** Runs `deliver` once every update queued before it is committed. */
  deliver(deliver: () => void): void {
    this.tasks.push({ kind: 'deliver', deliver });
    this.kick();
  }

  /** Number of queued tasks not yet delivered. */
  get pending(): number {
    return this.tasks.length;
  }

  /** True when everything queued is committed and delivered. */
  get idle(): boolean {
    return this.tasks.length === 0 && this.running === null;
  }

  /** Resolves when the queue is empty (waits through retries). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  /**
   * Shutdown: keeps retrying failed appends for at most `deadlineMs`, then
   * gives up with an error log rather than hang the process forever. Content
   * given up on was never delivered to anyone but its sender.
   */
  async drain(deadlineMs: number): Promise<void> {
    this.giveUpAt = Math.min(this.giveUpAt, Date.now() + deadlineMs);
    this.wakeRetry?.();
    await this.whenIdle();
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.run().finally(() => {
      this.running = null;
      if (this.tasks.length > 0) this.kick();
    });
  }

  private async run(): Promise<void> {
    while (this.tasks.length > 0) {
      const head = this.tasks[0]!;
      if (head.kind === 'deliver') {
        this.tasks.shift();
        this.safeDeliver(head.deliver);
        continue;
      }
      const batch = this.takeAppendBatch();
      const update = batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((t) => t.update));
      let seq: number;
      try {
        seq = await this.appendWithRetry(update);
      } catch (err) {
        if (!(err instanceof GaveUpError)) throw err;
        this.opts.log.error(
          { episodeId: this.opts.label, updates: batch.length, bytes: update.byteLength },
          'collab: gave up persisting updates at shutdown; they were never sent to other clients and the sender re-sends them when it reconnects',
        );
        continue;
      }
      this.opts.onAppended(seq, update.byteLength);
      for (const task of batch) this.safeDeliver(task.deliver);
    }
  }

  // Removes and returns the run of append tasks at the head of the queue.
  private takeAppendBatch(): Extract<Task, { kind: 'append' }>[] {
    const batch: Extract<Task, { kind: 'append' }>[] = [];
    let bytes = 0;
    while (batch.length < MAX_BATCH_UPDATES && bytes < MAX_BATCH_BYTES) {
      const next = this.tasks[0];
      if (next?.kind !== 'append') break;
      this.tasks.shift();
      batch.push(next);
      bytes += next.update.byteLength;
    }
    return batch;
  }

  private async appendWithRetry(update: Uint8Array): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.opts.append(update);
      } catch (err) {
        const remaining = this.giveUpAt - Date.now();
        if (remaining <= 0) throw new GaveUpError();
        const delay = Math.min(this.opts.retryInitialMs * 2 ** (attempt - 1), this.opts.retryMaxMs, remaining);
        this.opts.log.error(
          { err, episodeId: this.opts.label, attempt, retryInMs: delay },
          'collab: append failed; the update stays in memory and is retried',
        );
        await this.sleep(delay);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeRetry = () => {
        this.wakeRetry = null;
        done();
      };
    });
  }

  private safeDeliver(deliver: () => void): void {
    try {
      deliver();
    } catch (err) {
      this.opts.log.error({ err, episodeId: this.opts.label }, 'collab: delivery failed');
    }
  }
}
