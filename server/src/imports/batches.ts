import type { RowError } from '@loopline/shared';
import type { RawRow } from '../ingest/index.js';
import type { Prepared, PreparedRow } from './prepare.js';

/** Rows read since the last batch, prepared: what one storage transaction writes. */
export interface Batch {
  rows: PreparedRow[];
  errors: RowError[];
  /** Rows read (accepted + rejected). */
  read: number;
  rejected: number;
  /** Bytes of the file consumed so far (cumulative). */
  bytes: number;
}

/** When a batch is cut: at `size` rows, or once `maxDelayMs` passed since the last one (a slow upload still shows progress). */
export interface BatchPolicy {
  size: number;
  maxDelayMs: number;
  now: () => number;
}

/** Collects prepared rows into batches by a policy. */
export class BatchCollector {
  private batch: Batch = { rows: [], errors: [], read: 0, rejected: 0, bytes: 0 };
  private last: number;

  constructor(private readonly policy: BatchPolicy) {
    this.last = policy.now();
  }

  /** Adds one row's outcome; returns a batch when one is due. */
  add(prepared: Prepared, bytes: number): Batch | null {
    const b = this.batch;
    b.read++;
    if (prepared.ok) b.rows.push(prepared.row);
    else {
      b.rejected++;
      b.errors.push(...prepared.errors);
    }
    b.bytes = bytes;
    return b.read >= this.policy.size || this.policy.now() - this.last >= this.policy.maxDelayMs ? this.take(bytes) : null;
  }

  /** The rows collected so far as a batch (possibly empty), starting a new one. */
  take(bytes: number): Batch {
    const out = this.batch;
    out.bytes = bytes;
    this.batch = { rows: [], errors: [], read: 0, rejected: 0, bytes };
    this.last = this.policy.now();
    return out;
  }

  /** Whether rows wait that no batch holds yet, for longer than the policy's delay. */
  overdue(): boolean {
    return this.batch.read > 0 && this.policy.now() - this.last >= this.policy.maxDelayMs;
  }
}

/** Prepares rows on this thread and yields them in batches (the path without a worker thread). */
export async function* batchesInThread(
  rows: AsyncIterable<RawRow>,
  prepare: (row: RawRow) => Prepared,
  policy: BatchPolicy,
  bytes: () => number,
): AsyncGenerator<Batch> {
  const collector = new BatchCollector(policy);
  for await (const row of rows) {
    const batch = collector.add(prepare(row), bytes());
    if (batch) yield batch;
  }
  yield collector.take(bytes());
}
