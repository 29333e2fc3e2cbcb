import iconv from 'iconv-lite';
import { UnusableFileError } from './errors.js';

/** Text encodings the importer reads. GBK is a subset of GB18030. */
export type TextEncoding = 'utf-8' | 'gb18030';

/**
 * Guesses the encoding of a file from its first bytes [IN2]: a UTF-8 BOM or
 * (mostly) valid UTF-8 means UTF-8, anything else GB18030 (which decodes GBK
 * too). "Mostly": a few stray invalid bytes among many valid multi-byte
 * characters are corruption in a UTF-8 file (those rows are rejected later),
 * not a sign of GBK, whose text almost never forms valid UTF-8 sequences.
 * A character cut at the end of `head` does not count.
 */
export function detectEncoding(head: Uint8Array): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  const { valid, invalid } = countUtf8(head);
  if (invalid === 0) return 'utf-8';
  return valid >= 8 && valid >= invalid * 4 ? 'utf-8' : 'gb18030';
}

/** Counts valid multi-byte UTF-8 sequences and invalid bytes; a sequence cut by the end is ignored. */
function countUtf8(b: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  const n = b.length;
  for (let i = 0; i < n; ) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0) {
      invalid++;
      i++;
      continue;
    }
    if (i + need >= n) break; // cut at the end of the head
    let k = 1;
    while (k <= need && (b[i + k]! & 0xc0) === 0x80) k++;
    if (k > need) {
      valid++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/** Rejects files that are not text at all, with a reason a user can act on [IN3]. */
export function assertTextFile(head: Uint8Array): void {
  const b0 = head[0];
  const b1 = head[1];
  if (b0 === 0x50 && b1 === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    throw new UnusableFileError('excel', 'This is a ZIP/Excel (.xlsx) file: export or save it as CSV (UTF-8) and import that.');
  }
  if (b0 === 0xd0 && b1 === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new UnusableFileError('excel', 'This is an old Excel (.xls) file: save it as CSV (UTF-8) and import that.');
  }
  if (b0 === 0x1f && b1 === 0x8b) {
    throw new UnusableFileError('archive', 'This file is gzip-compressed: decompress it first.');
  }
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    throw new UnusableFileError('utf16', 'This file is UTF-16 text: save it as UTF-8 (or GB18030) and import that.');
  }
}

/** Enough head to decide: 64 KiB, or up to 1 MiB while the head is still pure ASCII. */
const HEAD_MIN = 64 * 1024;
const HEAD_MAX = 1024 * 1024;

function hasNonAscii(chunks: Uint8Array[]): boolean {
  for (const c of chunks) for (let i = 0; i < c.length; i++) if (c[i]! >= 0x80) return true;
  return false;
}

/**
 * Decodes a byte stream to text chunks, never holding more than the head
 * (≤ 1 MiB) plus one chunk. The BOM is stripped. `onBytes` reports consumption.
 */
export async function* decodeChunks(
  input: AsyncIterable<Uint8Array | string>,
  encoding: 'auto' | TextEncoding,
  onBytes?: (n: number) => void,
): AsyncGenerator<string> {
  const it = input[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let done = false;
  // Buffer a head big enough to tell UTF-8 from GB18030: an all-ASCII start
  // (English header, numeric ids) says nothing, so keep reading while it lasts.
  while (!done) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    const chunk = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    head.push(chunk);
    headBytes += chunk.length;
    if (headBytes >= HEAD_MAX || (headBytes >= HEAD_MIN && hasNonAscii(head))) break;
  }
  const headBuf = Buffer.concat(head);
  if (headBuf.length > 0) assertTextFile(headBuf.subarray(0, 4));
  const enc = encoding === 'auto' ? detectEncoding(headBuf.subarray(0, HEAD_MAX)) : encoding;
  const decoder = makeDecoder(enc);
  if (headBuf.length > 0) {
    onBytes?.(headBuf.length);
    const s = decoder.write(headBuf);
    if (s) yield s;
  }
  while (!done) {
    const r = await it.next();
    if (r.done) break;
    const chunk = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    onBytes?.(chunk.length);
    const s = decoder.write(chunk);
    if (s) yield s;
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

interface Decoder {
  write(b: Uint8Array): string;
  end(): string;
}

function makeDecoder(enc: TextEncoding): Decoder {
  if (enc === 'utf-8') {
    // Non-fatal: a stray invalid byte becomes U+FFFD, and the row holding it is rejected [IN4].
    const td = new TextDecoder('utf-8');
    return { write: (b) => td.decode(b, { stream: true }), end: () => td.decode() };
  }
  const d = iconv.getDecoder('gb18030');
  return { write: (b) => d.write(Buffer.from(b.buffer, b.byteOffset, b.byteLength)), end: () => d.end() ?? '' };
}
