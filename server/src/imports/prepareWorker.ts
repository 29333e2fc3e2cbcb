/**
 * The preparation thread of an import [FB20]: reads the file's bytes as the
 * main thread sends them, parses, validates and makes rows private (ingest
 * core), and sends them back in batches. Parsing and tokenizing cost about
 * twice as much as storing, so on two cores the import runs about twice as
 * fast with them here, and this thread's heap limit bounds their memory.
 * Protocol: see workerBatches.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readRows } from '../ingest/index.js';
import { BatchCollector } from './batches.js';
import { rowPreparer } from './prepare.js';
import type { WorkerInit, WorkerMessage } from './workerBatches.js';

const port = parentPort!;
const init = workerData as WorkerInit;
const queue: (Uint8Array | null)[] = [];
let wake: (() => void) | null = null;
let consumed = 0;
const post = (m: WorkerMessage) => port.postMessage(m);
const collector = new BatchCollector({ size: init.batchSize, maxDelayMs: init.maxDelayMs, now: Date.now });

port.on('message', (m: { t: 'chunk'; data: Uint8Array } | { t: 'end' }) => {
  queue.push(m.t === 'chunk' ? m.data : null);
  wake?.();
});

async function* input(): AsyncGenerator<Uint8Array> {
  for (;;) {
    while (queue.length === 0) {
      // Waiting on the upload: hand over what is ready if it has waited long enough.
      if (collector.overdue()) post({ t: 'batch', batch: collector.take(consumed) });
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
    const chunk = queue.shift()!;
    if (chunk === null) return;
    post({ t: 'consumed' });
    yield chunk;
  }
}

try {
  const prepare = rowPreparer(init.context);
  post({ t: 'ready' });
  const rows = readRows(input(), {
    format: init.format,
    encoding: init.encoding,
    ...(init.delimiter ? { delimiter: init.delimiter } : {}),
    onBytes: (n) => {
      consumed += n;
    },
  });
  for await (const row of rows) {
    const batch = collector.add(prepare(row), consumed);
    if (batch) post({ t: 'batch', batch });
  }
  post({ t: 'batch', batch: collector.take(consumed) });
  post({ t: 'done' });
} catch (err) {
  const e = err as Error & { reason?: string };
  post({ t: 'fail', name: e.name, message: e.message, reason: e.reason });
}
