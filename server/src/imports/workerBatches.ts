import { Worker } from 'node:worker_threads';
import type { ImportFormat } from '@loopline/shared';
import { UnusableFileError, type UnusableReason } from '../ingest/index.js';
import type { Batch } from './batches.js';
import type { PrepareContext } from './prepare.js';

/** What the preparation worker is started with (plain data). */
export interface WorkerInit {
  format: ImportFormat;
  encoding: 'utf-8' | 'gb18030';
  delimiter: string | null;
  context: PrepareContext;
  batchSize: number;
  maxDelayMs: number;
}

/** Messages from the worker. */
export type WorkerMessage =
  | { t: 'ready' }
  | { t: 'consumed' }
  | { t: 'batch'; batch: Batch }
  | { t: 'done' }
  | { t: 'fail'; name: string; message: string; reason?: string };

/** Chunks sent ahead of the worker: it keeps parsing while the main thread sits in a storage transaction. */
const CHUNKS_AHEAD = 4;
/** Batches received but not yet written, before the main thread stops feeding the worker (backpressure). */
const BATCHES_AHEAD = 2;
/**
 * The worker's old-generation heap. Its live data is a few batches; the cap
 * makes V8 collect instead of growing the heap, which keeps the import's
 * memory flat whatever the file size [FB20].
 */
const WORKER_HEAP_MB = 256;

// The worker runs the same sources as this module: from TypeScript through an
// entry that registers tsx in the worker, or the compiled JavaScript next to it.
const WORKER_FILE = new URL(import.meta.url.endsWith('.ts') ? './prepareWorker.mjs' : './prepareWorker.js', import.meta.url);

/**
 * Starts a preparation worker; resolves once it has loaded, or null when
 * worker threads cannot run the sources here (e.g. a test runner whose
 * workers lack the TypeScript loader): the import then prepares rows in line.
 */
export function startPrepareWorker(init: WorkerInit): Promise<Worker | null> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_FILE, { workerData: init, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    } catch {
      resolve(null);
      return;
    }
    const fail = () => {
      worker.terminate().catch(() => undefined);
      resolve(null);
    };
    worker.once('error', fail);
    worker.once('exit', fail);
    worker.once('message', (m: WorkerMessage) => {
      worker.off('error', fail);
      worker.off('exit', fail);
      if (m.t === 'ready') resolve(worker);
      else fail();
    });
  });
}

/** Rebuilds an error the worker reported, so the runner treats it as it would in line. */
function workerError(m: Extract<WorkerMessage, { t: 'fail' }>): Error {
  if (m.name === 'UnusableFileError') return new UnusableFileError((m.reason ?? 'empty') as UnusableReason, m.message);
  const err = new Error(m.message);
  err.name = m.name;
  return err;
}

/**
 * Feeds the file to a started preparation worker and yields the batches it
 * sends back, in order. The source is read only as fast as the worker and
 * the writer keep up (a few chunks ahead, a couple of batches queued). An
 * error of the source (cancel, too large, the upload aborted) or of the
 * worker ends the generator with that error; the worker is always stopped.
 */
export async function* batchesInWorker(worker: Worker, source: AsyncIterable<Uint8Array>): AsyncGenerator<Batch> {
  const batches: Batch[] = [];
  let inFlight = 0;
  let finished = false;
  let failure: unknown = null;
  // Who waits: the generator for a batch, the pump for room. (An object: closures set them.)
  const waiting: { reader: (() => void) | null; pump: (() => void) | null } = { reader: null, pump: null };
  const nudge = () => {
    waiting.reader?.();
    waiting.pump?.();
  };
  worker.on('message', (m: WorkerMessage) => {
    if (m.t === 'consumed') inFlight--;
    else if (m.t === 'batch') batches.push(m.batch);
    else if (m.t === 'done') finished = true;
    else if (m.t === 'fail') failure ??= workerError(m);
    nudge();
  });
  worker.on('error', (err) => {
    failure ??= err;
    nudge();
  });
  worker.on('exit', () => {
    if (!finished) failure ??= new Error('the import worker stopped');
    nudge();
  });

  const pump = (async () => {
    for await (const chunk of source) {
      while (!failure && (inFlight >= CHUNKS_AHEAD || batches.length >= BATCHES_AHEAD)) {
        await new Promise<void>((resolve) => {
          waiting.pump = resolve;
        });
        waiting.pump = null;
      }
      if (failure) return;
      // A copy the worker can own: stream chunks may be views into a shared pool.
      const data = new Uint8Array(chunk);
      inFlight++;
      worker.postMessage({ t: 'chunk', data }, [data.buffer]);
    }
    worker.postMessage({ t: 'end' });
  })().catch((err: unknown) => {
    failure ??= err;
    nudge();
  });

  try {
    for (;;) {
      if (batches.length > 0) {
        const batch = batches.shift()!;
        waiting.pump?.();
        yield batch;
        continue;
      }
      if (failure) throw failure;
      if (finished) return;
      await new Promise<void>((resolve) => {
        waiting.reader = resolve;
      });
      waiting.reader = null;
    }
  } finally {
    failure ??= new Error('stopped');
    waiting.pump?.();
    await worker.terminate();
    // The pump ends at its next chunk (a stalled upload is ended by its route); it is not awaited here.
    void pump;
  }
}
