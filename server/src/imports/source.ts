/**
 * Byte-stream plumbing of an import: look at the head without losing it,
 * count and cap what flows, and stop reading on cancel. Nothing here holds
 * more than the head in memory (a 1 GB upload streams through) [FB1].
 */

/** Thrown when an upload exceeds the configured size. */
export class UploadTooLargeError extends Error {
  override readonly name = 'UploadTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`The file is larger than the import limit of ${maxBytes} bytes.`);
  }
}

/** Thrown out of a source that was stopped (cancel). */
export class SourceStoppedError extends Error {
  override readonly name = 'SourceStoppedError';
  constructor() {
    super('the import was stopped');
  }
}

/** The first bytes of a stream, and the whole stream again (head included) to read from the start. */
export interface Peeked {
  head: Uint8Array;
  stream: AsyncIterable<Uint8Array>;
}

/** Reads chunks until at least `minBytes` (or the end) and returns them with a replaying stream. */
export async function peek(source: AsyncIterable<Uint8Array>, minBytes: number): Promise<Peeked> {
  const it = source[Symbol.asyncIterator]();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  while (size < minBytes) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    chunks.push(r.value);
    size += r.value.length;
  }
  async function* replay(): AsyncGenerator<Uint8Array> {
    // Handed out once: drop our references as we go so the head is not kept alive.
    while (chunks.length > 0) yield chunks.shift()!;
    if (ended) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  }
  return { head: Buffer.concat(chunks), stream: replay() };
}

/** Passes chunks through, calling `onChunk` with each size; throws UploadTooLargeError past `maxBytes`. */
export async function* metered(
  source: AsyncIterable<Uint8Array>,
  maxBytes: number,
  onChunk: (bytes: number) => void,
): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > maxBytes) throw new UploadTooLargeError(maxBytes);
    onChunk(chunk.length);
    yield chunk;
  }
}

/**
 * Passes items through until `signal` aborts, then throws SourceStoppedError,
 * even while waiting for a stalled upload. The underlying iterator is left as
 * it is (not returned): an HTTP request stream is drained by its route rather
 * than destroyed, so the client still gets its answer. Each wait has its own
 * abort listener, removed once the chunk arrives: racing every chunk against
 * one long-lived promise would keep every chunk reachable from it.
 */
export async function* stoppable<T>(source: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  for (;;) {
    if (signal.aborted) throw new SourceStoppedError();
    let onAbort: () => void = () => undefined;
    const stopped = new Promise<never>((_, reject) => {
      onAbort = () => reject(new SourceStoppedError());
      signal.addEventListener('abort', onAbort, { once: true });
    });
    let r: IteratorResult<T>;
    try {
      r = await Promise.race([it.next(), stopped]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    if (r.done) return;
    yield r.value;
  }
}
