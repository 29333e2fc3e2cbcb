import type { CollabLogger } from './log.js';

/** What a CanonicalSaver needs from its room. */
export interface CanonicalSaverOptions {
  /** Derives and stores the canonical snapshot. */
  save(): Promise<void>;
  debounceMs: number;
  maxWaitMs: number;
  log: CollabLogger;
  /** Included in log lines (the episode id). */
  label: string;
}

/**
 * Keeps a room's canonical ProseMirror snapshot current without deriving it
 * on every keystroke: saves after `debounceMs` of quiet, but never later than
 * `maxWaitMs` after the first unsaved change (Hocuspocus's debounced store
 * with a maximum wait). A failed save stays dirty and is retried.
 */
export class CanonicalSaver {
  private dirty = false;
  private dirtySince = 0;
  private timer: NodeJS.Timeout | null = null;
  private saving: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly opts: CanonicalSaverOptions) {}

  /** True when nothing is waiting to be saved and no save is running. */
  get clean(): boolean {
    return !this.dirty && this.saving === null;
  }

  /** Notes a document change; schedules a save. */
  markDirty(): void {
    if (this.stopped) return;
    if (!this.dirty) {
      this.dirty = true;
      this.dirtySince = Date.now();
    }
    this.schedule();
  }

  /** Saves now if dirty (waiting for a running save first). */
  async flush(): Promise<void> {
    this.clearTimer();
    while (this.saving) await this.saving;
    if (!this.dirty) return;
    this.dirty = false;
    this.saving = this.opts
      .save()
      .catch((err: unknown) => {
        this.opts.log.error({ err, episodeId: this.opts.label }, 'collab: saving the canonical snapshot failed; retrying later');
        this.markDirty();
      })
      .finally(() => {
        this.saving = null;
      });
    await this.saving;
  }

  /** Cancels scheduled saves (the room is going away; flush first if it should be saved). */
  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  private schedule(): void {
    this.clearTimer();
    const untilMaxWait = this.dirtySince + this.opts.maxWaitMs - Date.now();
    const wait = Math.max(0, Math.min(this.opts.debounceMs, untilMaxWait));
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, wait);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
