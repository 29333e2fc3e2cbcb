import type { ColumnMapping, FeedbackKind, ImportFormat, ImportJob, ImportTarget } from '@loopline/shared';
import { detectAndFlag } from '../evidence/coordination.js';
import { newSeriesSecret, readRows, UnusableFileError } from '../ingest/index.js';
import type { Storage, StoredImportJob } from '../storage/types.js';
import { type Batch, type BatchPolicy, batchesInThread } from './batches.js';
import { type PrepareContext, rowPreparer } from './prepare.js';
import { importRates } from './progress.js';
import { checkMapping, chooseMapping, ImportSetupError, importPlatform } from './setup.js';
import { type EncodingChoice, sniff } from './sniff.js';
import { metered, peek, SourceStoppedError, stoppable, UploadTooLargeError } from './source.js';
import { batchesInWorker, startPrepareWorker } from './workerBatches.js';
import { type RowWriter, rowWriter } from './writers.js';

/** What starts an import. The file arrives as a byte stream and is never held whole [FB1]. */
export interface StartImportOptions {
  seriesId: string;
  target: ImportTarget;
  format: ImportFormat | 'auto';
  encoding?: EncodingChoice;
  /** CSV delimiter; detected when absent. */
  delimiter?: string | null;
  /** Platform of every row without a platform column. */
  platform?: string | null;
  /** Episode of every row without an episode column. */
  episodeId?: string | null;
  /** Feedback kind of every row without a kind column (default: danmaku when a timecode is mapped, else comment). */
  kind?: FeedbackKind;
  mapping?: ColumnMapping | null;
  presetId?: string | null;
  fileName?: string | null;
  /** Size of the file when known (Content-Length, file size): percent and time left. */
  totalBytes?: number | null;
  source: AsyncIterable<Uint8Array>;
  /** The user starting it (null from the data-directory CLI). */
  createdBy?: string | null;
}

/** A started import: its job as created, and promises for the end of reading and of the run. */
export interface ImportHandle {
  job: ImportJob;
  /** Settles when the source has been read to its end or reading stopped (cancel, failure). */
  sourceDone: Promise<void>;
  /** The final job (done, cancelled or failed); never rejects. */
  done: Promise<ImportJob>;
}

/** Options of the runner. */
export interface ImportRunnerOptions {
  storage: Storage;
  /** Clock (ms) for startedAt, rates and date plausibility. */
  now?: () => number;
  /** Rows per batch (one transaction each) [FB20]. Default 5000. */
  batchSize?: number;
  /** A batch is written after this long even when not full, so a slow upload shows progress. Default 1000 ms. */
  maxBatchDelayMs?: number;
  /** Largest file accepted. Default 2 GiB. */
  maxBytes?: number;
  /** Row errors stored per import (every one is counted). Default 100,000 [FB2]. */
  maxStoredErrors?: number;
  /**
   * Prepare rows (parse, validate, redact, tokenize) on a worker thread while
   * this thread writes [FB20]. Default true; without worker support (a test
   * runner's workers lacking the TypeScript loader) rows are prepared in line.
   */
  workers?: boolean;
  /** Files smaller than this (default 1 MiB) are prepared in line: a worker takes about half a second to start. 0: always a worker. */
  workerMinBytes?: number;
  /** Failures of a run that are the server's fault, for the log. */
  onInternalError?: (err: unknown, job: ImportJob) => void;
}

const HEAD_BYTES = 64 * 1024;

const GIB = 1024 * 1024 * 1024;

/** Strips storage-only fields: the API's ImportJob shape. */
export function publicJob(job: StoredImportJob | ImportJob): ImportJob {
  const { mapping: _m, presetId: _p, createdBy: _c, ...rest } = job as StoredImportJob;
  return rest;
}

interface Running {
  job: ImportJob;
  abort: AbortController;
  done: Promise<ImportJob>;
  /** Set by cancel(); a stop for any other reason sets `stopReason`. */
  cancelled: boolean;
  stopReason: string | null;
}

/**
 * Runs imports [FB1]–[FB5]: the file streams through readRows → normalize →
 * privacy → batch insert; progress is kept in memory, published and stored
 * at every batch boundary (so accepted + rejected = rowsRead holds in every
 * snapshot [FB2]); cancel stops at the next batch boundary, keeping what was
 * stored [FB5]. Exactly-once is the storage's dedup keys: a re-run of a
 * killed import counts what is already there as duplicates [FB3].
 */
export class ImportRunner {
  private readonly storage: Storage;
  private readonly now: () => number;
  private readonly batchSize: number;
  private readonly maxBatchDelayMs: number;
  readonly maxBytes: number;
  private readonly maxStoredErrors: number;
  private readonly useWorkers: boolean;
  private readonly workerMinBytes: number;
  private readonly running = new Map<string, Running>();
  private readonly listeners = new Set<(job: ImportJob) => void>();

  constructor(private readonly opts: ImportRunnerOptions) {
    this.storage = opts.storage;
    this.now = opts.now ?? Date.now;
    this.batchSize = opts.batchSize ?? 5000;
    this.maxBatchDelayMs = opts.maxBatchDelayMs ?? 1000;
    this.maxBytes = opts.maxBytes ?? 2 * GIB;
    this.maxStoredErrors = opts.maxStoredErrors ?? 100_000;
    this.useWorkers = opts.workers ?? true;
    this.workerMinBytes = opts.workerMinBytes ?? 1024 * 1024;
  }

  /** Calls `listener` with a snapshot at every published change (batch, end). Returns an unsubscribe function. */
  onProgress(listener: (job: ImportJob) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The live job of a running import, or the stored one; null when there is none. */
  async getJob(id: string): Promise<ImportJob | null> {
    const live = this.running.get(id);
    if (live) return { ...live.job };
    const stored = await this.storage.getImportJob(id);
    return stored ? publicJob(stored) : null;
  }

  /** The final job of an import running here once it ends, else the stored job; null when there is none. */
  async waitFor(id: string): Promise<ImportJob | null> {
    const run = this.running.get(id);
    if (run) return { ...(await run.done) };
    return this.getJob(id);
  }

  /** Live snapshots of the running imports of a series. */
  liveJobs(seriesId: string): ImportJob[] {
    return [...this.running.values()].filter((r) => r.job.seriesId === seriesId).map((r) => ({ ...r.job }));
  }

  /** Asks a running import to stop at the next batch boundary [FB5]; false when it is not running here. */
  cancel(id: string): boolean {
    const run = this.running.get(id);
    if (!run) return false;
    run.cancelled = true;
    run.abort.abort();
    return true;
  }

  /** Stops every running import (server shutdown) and waits for them to record their end. */
  async stopAll(reason: string): Promise<void> {
    const runs = [...this.running.values()];
    for (const run of runs) {
      run.stopReason = reason;
      run.abort.abort();
    }
    await Promise.all(runs.map((r) => r.done));
  }

  /**
   * Starts an import. Everything that makes the file unusable as a whole is
   * found before a job exists and thrown as ImportSetupError: unknown series
   * or episode, unreadable or unknown format, a required field without a
   * column [FB19]. Then the job runs in the background.
   */
  async start(opts: StartImportOptions): Promise<ImportHandle> {
    const { storage } = this;
    if (!(await storage.getSeries(opts.seriesId))) throw new ImportSetupError('seriesId', `No series with id ${opts.seriesId}.`);
    const episodes = await storage.listEpisodes(opts.seriesId, { includeArchived: true });
    const episodeId = opts.episodeId ?? null;
    if (episodeId !== null && !episodes.some((e) => e.id === episodeId)) {
      throw new ImportSetupError('episodeId', `No episode ${episodeId} in this series.`);
    }

    const abort = new AbortController();
    let bytesRead = 0;
    const counted = metered(opts.source, this.maxBytes, (n) => {
      bytesRead += n;
    });
    let head: Awaited<ReturnType<typeof peek>>;
    let sniffed: Awaited<ReturnType<typeof sniff>>;
    try {
      head = await peek(counted, HEAD_BYTES);
      if (head.head.length === 0) throw new ImportSetupError('file', 'The file is empty.');
      sniffed = await sniff(head.head, {
        format: opts.format,
        encoding: opts.encoding ?? 'auto',
        delimiter: opts.delimiter ?? null,
        fileName: opts.fileName ?? null,
        ended: head.head.length < HEAD_BYTES,
      });
    } catch (err) {
      if (err instanceof UnusableFileError) throw new ImportSetupError('file', err.message);
      if (err instanceof UploadTooLargeError) throw new ImportSetupError('file', err.message);
      throw err;
    }
    const { mapping, presetId } = chooseMapping(opts.target, sniffed.columns, {
      mapping: opts.mapping ?? null,
      presetId: opts.presetId ?? null,
    });
    const platform = importPlatform(opts.platform, presetId);
    checkMapping(opts.target, sniffed.format, mapping, sniffed.columns, { platform, episodeId });
    const secret = opts.target === 'feedback' ? await storage.ensureSeriesSecret(opts.seriesId, newSeriesSecret()) : new Uint8Array();

    const stored = await storage.createImportJob({
      seriesId: opts.seriesId,
      episodeId,
      target: opts.target,
      format: sniffed.format,
      platform,
      fileName: opts.fileName ?? null,
      totalBytes: opts.totalBytes ?? null,
      mapping,
      presetId,
      createdBy: opts.createdBy ?? null,
      startedAt: new Date(this.now()).toISOString(),
    });
    const job = publicJob(stored);
    const context: PrepareContext = {
      target: opts.target,
      seriesId: opts.seriesId,
      importId: job.id,
      mapping,
      platform,
      episodes: episodes.map((e) => ({ id: e.id, number: e.number, title: e.title })),
      defaultEpisodeId: episodeId,
      now: this.now(),
      kind: opts.kind,
      secret,
    };
    const policy: BatchPolicy = { size: this.batchSize, maxDelayMs: this.maxBatchDelayMs, now: this.now };
    const source = stoppable(head.stream, abort.signal);
    // A worker takes about half a second to start: small files are prepared in line.
    const small = this.workerMinBytes > 0 && (head.head.length < HEAD_BYTES || (opts.totalBytes != null && opts.totalBytes < this.workerMinBytes));
    const worker =
      this.useWorkers && !small
      ? await startPrepareWorker({
          format: sniffed.format,
          encoding: sniffed.encoding,
          delimiter: sniffed.delimiter,
          context,
          batchSize: this.batchSize,
          maxDelayMs: this.maxBatchDelayMs,
        })
      : null;
    const batches = worker
      ? batchesInWorker(worker, source)
      : batchesInThread(
          readRows(source, { format: sniffed.format, encoding: sniffed.encoding, ...(sniffed.delimiter ? { delimiter: sniffed.delimiter } : {}) }),
          rowPreparer(context),
          policy,
          () => bytesRead,
        );

    let sourceDone!: () => void;
    const sourceDonePromise = new Promise<void>((resolve) => {
      sourceDone = resolve;
    });
    const run: Running = { job: { ...job }, abort, done: Promise.resolve(job), cancelled: false, stopReason: null };
    this.running.set(job.id, run);
    run.done = this.execute(run, batches, rowWriter(storage, context)).finally(() => {
      sourceDone();
      this.running.delete(job.id);
    });
    return { job: { ...job }, sourceDone: sourceDonePromise.then(() => undefined), done: run.done.then((j) => ({ ...j })) };
  }

  /** The batch → write → publish loop of one import. Never rejects. */
  private async execute(run: Running, batches: AsyncIterable<Batch>, writer: RowWriter): Promise<ImportJob> {
    const job = run.job;
    const startedAt = this.now();
    let storedErrors = 0;

    try {
      for await (const batch of batches) {
        const { duplicates } = await writer.write(batch.rows);
        const room = this.maxStoredErrors - storedErrors;
        if (room > 0 && batch.errors.length > 0) {
          const kept = batch.errors.length > room ? batch.errors.slice(0, room) : batch.errors;
          await this.storage.appendImportErrors(job.id, kept);
          storedErrors += kept.length;
        }
        // Counted only once stored: every snapshot keeps accepted + rejected = rowsRead [FB2].
        job.rowsRead += batch.read;
        job.rejected += batch.rejected;
        job.accepted += batch.read - batch.rejected;
        job.duplicates += duplicates;
        job.bytesRead = Math.max(job.bytesRead, batch.bytes);
        Object.assign(job, importRates(job.rowsRead, job.bytesRead, job.totalBytes, this.now() - startedAt));
        await this.storage.updateImportJob(job.id, {
          rowsRead: job.rowsRead,
          accepted: job.accepted,
          rejected: job.rejected,
          duplicates: job.duplicates,
          bytesRead: job.bytesRead,
          rowsPerSecond: job.rowsPerSecond,
          secondsLeft: job.secondsLeft,
        });
        this.publish(job);
        if (run.abort.signal.aborted) break;
      }
      await writer.finish();
      job.status = run.abort.signal.aborted ? (run.cancelled ? 'cancelled' : 'failed') : 'done';
    } catch (err) {
      if (err instanceof SourceStoppedError) {
        // Rows read since the last batch were never stored nor counted: the counts stay consistent.
        await writer.finish().catch(() => undefined);
        job.status = run.cancelled ? 'cancelled' : 'failed';
      } else {
        job.status = 'failed';
        job.error = describeFailure(err);
        if (!expectedFailure(err)) this.opts.onInternalError?.(err, { ...job });
      }
    }
    if (job.status === 'failed' && job.error === null) job.error = run.stopReason ?? 'The import stopped.';
    job.finishedAt = new Date(this.now()).toISOString();
    job.secondsLeft = job.status === 'done' ? 0 : null;
    await this.storage
      .updateImportJob(job.id, { status: job.status, error: job.error, finishedAt: job.finishedAt, secondsLeft: job.secondsLeft })
      .catch((err: unknown) => this.opts.onInternalError?.(err, { ...job }));
    // Issue 5: new comments can complete a coordinated burst; flagged before `done` resolves, never failing the import.
    if (job.status === 'done' && job.target === 'feedback' && job.accepted > 0) await detectAndFlag(this.storage, job.seriesId).catch((err: unknown) => this.opts.onInternalError?.(err, { ...job }));
    this.publish(job);
    return { ...job };
  }

  private publish(job: ImportJob): void {
    const snapshot = { ...job };
    for (const listener of this.listeners) listener(snapshot);
  }
}

/** Failures that are the file's or the client's, not the server's: not logged as errors. */
function expectedFailure(err: unknown): boolean {
  return err instanceof UnusableFileError || err instanceof UploadTooLargeError || interrupted(err);
}

/** The upload's connection went away mid-file. */
function interrupted(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  return e.code === 'ECONNRESET' || e.message === 'aborted';
}

function describeFailure(err: unknown): string {
  if (err instanceof UnusableFileError || err instanceof UploadTooLargeError) return err.message;
  if (interrupted(err)) return 'The upload was interrupted before the end of the file. Import the file again: rows already stored are not added twice.';
  return `The import failed: ${err instanceof Error ? err.message : String(err)}`;
}

export { ImportSetupError };
