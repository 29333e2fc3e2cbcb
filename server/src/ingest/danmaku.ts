import { FIELD_CAP, RECORD_CAP } from './limits.js';
import { checkText } from './rowChecks.js';
import type { RawRow, RawValue } from './types.js';

/** Fields of the Bilibili `p` attribute, in order. */
const P_FIELDS = ['time', 'mode', 'size', 'color', 'timestamp', 'pool', 'userHash', 'rowId', 'weight'] as const;
const NUMERIC = new Set(['time', 'mode', 'size', 'color', 'timestamp', 'pool', 'weight']);

/**
 * Bilibili-style danmaku XML: every `<d p="time,mode,size,color,timestamp,pool,userHash,rowId">text</d>`
 * is one row; everything else (the `<i>` root, `<chatid>`…) is ignored [IN9].
 *
 * Why not a general XML parser (saxes): one bare `&` or `<` in a comment makes
 * it swallow the following elements. This scanner cuts the stream at each
 * `<d`, so a malformed element rejects only its own row and reading resumes at
 * the next `<d`.
 */
export class DanmakuReader {
  private buf = '';
  /** Line number of buf[0]. */
  private line = 1;
  private out: RawRow[] = [];

  /** Feeds decoded text; returns the rows completed so far. */
  push(chunk: string): RawRow[] {
    this.buf += chunk;
    this.scan(false);
    return this.take();
  }

  /** Ends the input; an unfinished `<d` is reported. */
  end(): RawRow[] {
    this.scan(true);
    return this.take();
  }

  private take(): RawRow[] {
    const o = this.out;
    this.out = [];
    return o;
  }

  /** Drops the first `n` chars of the buffer, keeping the line count. */
  private consume(n: number): void {
    const gone = this.buf.slice(0, n);
    for (let i = gone.indexOf('\n'); i >= 0; i = gone.indexOf('\n', i + 1)) this.line++;
    this.buf = this.buf.slice(n);
  }

  private scan(final: boolean): void {
    for (;;) {
      const s = findElementStart(this.buf);
      if (s < 0) {
        // Keep a possible partial "<d" at the end.
        this.consume(Math.max(0, this.buf.length - 2));
        if (final) this.buf = '';
        return;
      }
      this.consume(s);
      const line = this.line;
      const tagEnd = findTagEnd(this.buf);
      if (tagEnd < 0) {
        if (this.tooLong(final, line)) continue;
        return;
      }
      const openTag = this.buf.slice(2, this.buf[tagEnd - 1] === '/' ? tagEnd - 1 : tagEnd);
      if (this.buf[tagEnd - 1] === '/') {
        this.out.push(makeRow(line, openTag, ''));
        this.consume(tagEnd + 1);
        continue;
      }
      const body = readBody(this.buf, tagEnd + 1);
      if (body === null) {
        if (this.tooLong(final, line)) continue;
        return;
      }
      if ('error' in body) {
        this.out.push({ line, fields: {}, error: body.error });
        this.consume(body.resume);
        continue;
      }
      this.out.push(makeRow(line, openTag, body.text));
      this.consume(body.next);
    }
  }

  /** An element still open at EOF or beyond the cap is rejected; reading resumes after its `<d`. */
  private tooLong(final: boolean, line: number): boolean {
    if (final) {
      this.out.push({ line, fields: {}, error: 'unclosed <d> element at the end of the file' });
      this.consume(2);
      return true;
    }
    if (this.buf.length > RECORD_CAP) {
      this.out.push({ line, fields: {}, error: `<d> element longer than ${RECORD_CAP} characters` });
      this.consume(2);
      return true;
    }
    return false;
  }
}

/** Index of the next `<d` followed by whitespace, `>` or `/`; -1 if none complete yet. */
function findElementStart(buf: string): number {
  for (let i = buf.indexOf('<d'); i >= 0; i = buf.indexOf('<d', i + 2)) {
    const c = buf.charCodeAt(i + 2);
    if (Number.isNaN(c)) return -1; // need one more char to decide
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 62 || c === 47) return i;
  }
  return -1;
}

/** Index of the `>` closing the open tag at buf[0], skipping quoted attribute values. */
function findTagEnd(buf: string): number {
  let quote = 0;
  for (let i = 2; i < buf.length; i++) {
    const c = buf.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i;
    else if (c === 60) return i - 1; // "<d p=... <" : treat as malformed, end the tag here
  }
  return -1;
}

type Body = { text: string; next: number } | { error: string; resume: number };

/** Reads the text of the element up to `</d>`; null when more input is needed. */
function readBody(buf: string, from: number): Body | null {
  let text = '';
  let i = from;
  for (;;) {
    const lt = buf.indexOf('<', i);
    if (lt < 0) return null;
    if (buf.startsWith('<![CDATA[', lt)) {
      const end = buf.indexOf(']]>', lt + 9);
      if (end < 0) return null;
      const decoded = decodeEntities(buf.slice(i, lt));
      if (decoded === null) return { error: 'bare & in the text (not an XML entity)', resume: lt };
      text += decoded + buf.slice(lt + 9, end);
      i = end + 3;
      continue;
    }
    if (buf.length < lt + 4) return null;
    const close = /^<\/d\s*>/.exec(buf.slice(lt, lt + 16));
    if (!close) return { error: 'unescaped < in the text, or <d> not closed', resume: lt };
    const decoded = decodeEntities(buf.slice(i, lt));
    if (decoded === null) return { error: 'bare & in the text (not an XML entity)', resume: lt + close[0].length };
    return { text: text + decoded, next: lt + close[0].length };
  }
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML entities; null when a `&` starts no valid entity. */
export function decodeEntities(s: string): string | null {
  if (s.indexOf('&') < 0) return s;
  let bad = false;
  const out = s.replace(/&([a-z]+|#\d{1,7}|#x[0-9a-f]{1,6})?;?/gi, (m, name: string | undefined) => {
    if (!name || !m.endsWith(';')) {
      bad = true;
      return m;
    }
    if (name[0] === '#') {
      const cp = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      if (cp > 0x10ffff || cp === 0) {
        bad = true;
        return m;
      }
      return String.fromCodePoint(cp);
    }
    const v = NAMED[name];
    if (v === undefined) bad = true;
    return v ?? m;
  });
  return bad ? null : out;
}

const P_ATTR = /(?:^|\s)p\s*=\s*(?:"([^"]*)"|'([^']*)')/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL bytes is the point here
const SUSPECT = /[\u0000\uFFFD]/;

function makeRow(line: number, openTag: string, rawText: string): RawRow {
  const m = P_ATTR.exec(openTag);
  if (!m) return { line, fields: {}, error: 'missing p attribute' };
  const decodedP = decodeEntities(m[1] ?? m[2] ?? '');
  if (decodedP === null) return { line, fields: {}, column: 'p', error: 'bare & in the p attribute' };
  const parts = decodedP.split(',');
  if (parts.length < 8) return { line, fields: {}, column: 'p', error: `p attribute has ${parts.length} fields, expected 8 (time,mode,size,color,timestamp,pool,userHash,rowId)` };
  if (rawText.length > FIELD_CAP) return { line, fields: {}, column: 'text', error: `field longer than ${FIELD_CAP} characters` };
  const fields: Record<string, RawValue> = {};
  const n = Math.min(parts.length, P_FIELDS.length);
  for (let k = 0; k < n; k++) {
    const name = P_FIELDS[k]!;
    const t = parts[k]!.trim();
    const x = NUMERIC.has(name) && t !== '' ? Number(t) : Number.NaN;
    fields[name] = Number.isFinite(x) ? x : t;
  }
  fields.text = rawText;
  if (SUSPECT.test(decodedP) || SUSPECT.test(rawText)) {
    for (const [k, v] of Object.entries(fields)) {
      if (typeof v !== 'string') continue;
      const bad = checkText(v);
      if (bad) return { line, fields: {}, column: k, error: bad };
    }
  }
  return { line, fields };
}
