import { CsvReader } from './csv.js';
import { DanmakuReader } from './danmaku.js';
import { detectDelimiter } from './detect.js';
import { decodeChunks } from './encoding.js';
import { JsonArrayReader, NdjsonReader } from './json.js';
import type { RawRow, ReadRowsOptions } from './types.js';

/** What every format reader does: take decoded text, hand back completed rows. */
interface RowReader {
  push(chunk: string): RawRow[];
  end(): RawRow[];
}

/**
 * Reads an import file as a stream of rows [IN2]. Memory stays bounded by the
 * size caps whatever the file size: bytes are decoded chunk by chunk, and each
 * reader keeps at most one unfinished record. A broken row comes out with
 * `error` set and reading goes on; only a file that is unusable as a whole
 * (Excel, UTF-16, no header, not JSON) throws `UnusableFileError`.
 */
export async function* readRows(input: AsyncIterable<Uint8Array | string> | NodeJS.ReadableStream, opts: ReadRowsOptions): AsyncGenerator<RawRow> {
  for await (const batch of readRowBatches(input, opts)) yield* batch;
}

/**
 * `readRows` one decoded chunk at a time: the same rows in the same order, in
 * arrays, which saves an await per row in bulk imports.
 */
export async function* readRowBatches(input: AsyncIterable<Uint8Array | string> | NodeJS.ReadableStream, opts: ReadRowsOptions): AsyncGenerator<RawRow[]> {
  const text = decodeChunks(input as AsyncIterable<Uint8Array | string>, opts.encoding ?? 'auto', opts.onBytes);
  let reader: RowReader | null = null;
  for await (const chunk of text) {
    reader ??= makeReader(opts, chunk);
    const rows = reader.push(chunk);
    if (rows.length > 0) yield rows;
  }
  reader ??= makeReader(opts, '');
  const last = reader.end();
  if (last.length > 0) yield last;
}

function makeReader(opts: ReadRowsOptions, head: string): RowReader {
  switch (opts.format) {
    case 'csv':
      return new CsvReader(opts.delimiter ?? detectDelimiter(head.slice(0, 64 * 1024)));
    case 'json':
      return new JsonArrayReader();
    case 'ndjson':
      return new NdjsonReader();
    case 'danmaku-xml':
      return new DanmakuReader();
  }
}

/** Reads rows from an in-memory string or bytes (tests, small pastes). */
export function readRowsFrom(data: string | Uint8Array, opts: ReadRowsOptions): AsyncGenerator<RawRow> {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  async function* one(): AsyncGenerator<Uint8Array> {
    yield bytes;
  }
  return readRows(one(), opts);
}
