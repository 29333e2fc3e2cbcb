import type { ImportFormat } from '@loopline/shared';
import iconv from 'iconv-lite';
import { detectDelimiter, detectEncoding, detectFormat, type RawRow, readRowsFrom } from '../ingest/index.js';

/** Encodings an import may name; `auto` detects UTF-8 (with or without BOM) or GB18030. */
export type EncodingChoice = 'auto' | 'utf-8' | 'gb18030';

/** What the head of a file says about it. */
export interface Sniffed {
  format: ImportFormat;
  encoding: 'utf-8' | 'gb18030';
  /** CSV only. */
  delimiter: string | null;
  /** Column names as the reader sees them (CSV header, keys of the first records, danmaku fields). */
  columns: string[];
  /** The complete rows of the head, errors included (a record cut by the end of the head is left out). */
  rows: RawRow[];
}

/** Decodes the head for format detection (a character cut at the end becomes U+FFFD, harmlessly). */
function decodeHead(head: Uint8Array, encoding: 'utf-8' | 'gb18030'): string {
  return encoding === 'utf-8' ? new TextDecoder('utf-8').decode(head) : iconv.decode(Buffer.from(head), 'gb18030');
}

/**
 * Reads the head of a file the way the import will read the whole [FB1]:
 * detects encoding, format and CSV delimiter unless given, and parses the
 * rows the head holds. `ended` says the head is the whole file; otherwise
 * the last record may be cut off and is dropped. Throws the ingest
 * UnusableFileError for a file that is not importable at all.
 */
export async function sniff(
  head: Uint8Array,
  opts: { format: ImportFormat | 'auto'; encoding: EncodingChoice; delimiter?: string | null; fileName?: string | null; ended: boolean },
): Promise<Sniffed> {
  const encoding = opts.encoding === 'auto' ? detectEncoding(head) : opts.encoding;
  const text = decodeHead(head, encoding);
  const format = opts.format === 'auto' ? detectFormat(text.slice(0, 64 * 1024), opts.fileName ?? undefined) : opts.format;
  const delimiter = format === 'csv' ? (opts.delimiter ?? detectDelimiter(text.slice(0, 64 * 1024))) : null;
  const rows: RawRow[] = [];
  for await (const row of readRowsFrom(head, { format, encoding, ...(delimiter ? { delimiter } : {}) })) rows.push(row);
  // Without the rest of the file, the last record may be a fragment (and the reader may call it broken).
  if (!opts.ended && rows.length > 1) rows.pop();
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows.slice(0, 50)) {
    for (const key of Object.keys(row.fields)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  return { format, encoding, delimiter, columns, rows };
}
