import { UnusableFileError } from './errors.js';
import { FIELD_CAP, RECORD_CAP } from './limits.js';
import { isBlank, LineSplitter } from './lines.js';
import { checkText } from './rowChecks.js';
import type { RawRow } from './types.js';

/** Parse state of one record, resumable across physical lines (quoted newlines). */
interface Record_ {
  startLine: number;
  /** Raw physical lines after the first, kept to re-read them if the record turns out broken. */
  more: string[];
  moreLen: number;
  fields: string[];
  field: string;
  inQuotes: boolean;
  /** Index of the first field over FIELD_CAP, or -1. */
  oversize: number;
  /** A line of the record holds a NUL or U+FFFD: check each field (one test per line otherwise). */
  suspect: boolean;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL bytes is the point here
const SUSPECT = /[\u0000\uFFFD]/;

type Step = 'done' | 'open' | { error: string };

/**
 * Streaming CSV reader (RFC 4180 plus the habits of real exports) [IN5].
 *
 * Why not csv-parse: on an unbalanced quote it either merges the following rows
 * into one accepted record (relax_quotes) or drops them silently with one error
 * at the record's end line. Here a record that breaks inside quotes is rejected
 * at its first line and the lines after it are read again as new records, so a
 * single stray quote costs exactly one row [IN7]. A quoted field whose next
 * line is a complete row by itself is taken as a stray quote too.
 */
export class CsvReader {
  private readonly lines: LineSplitter;
  private rec: Record_ | null = null;
  private header: string[] | null = null;
  private out: RawRow[] = [];

  constructor(private readonly delimiter: string) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new UnusableFileError('no-header', `Unusable CSV delimiter ${JSON.stringify(delimiter)}.`);
    }
    this.lines = new LineSplitter((text, line) => this.feed(text, line));
  }

  /** Feeds decoded text; returns the rows completed so far. */
  push(chunk: string): RawRow[] {
    this.lines.push(chunk);
    return this.take();
  }

  /** Ends the input; returns the last rows (an open quote at EOF rejects its record). */
  end(): RawRow[] {
    this.lines.end();
    while (this.rec) {
      const r = this.rec;
      this.rec = null;
      this.fail(r, 'unbalanced quote: a quoted field is never closed');
      this.replay(r.more, r.startLine + 1);
    }
    if (!this.header) throw new UnusableFileError('empty', 'The CSV file has no header row.');
    return this.take();
  }

  private take(): RawRow[] {
    const o = this.out;
    this.out = [];
    return o;
  }

  private feed(text: string | null, line: number): void {
    if (text === null) {
      if (this.rec) {
        // A quoted field running into an over-long line: the quote was unbalanced.
        const r = this.rec;
        this.rec = null;
        this.fail(r, 'unbalanced quote: a quoted field runs into an over-long line');
        this.replay(r.more, r.startLine + 1);
      }
      this.out.push({ line, fields: {}, error: `line longer than ${RECORD_CAP} characters` });
      return;
    }
    const r = this.rec;
    if (r && this.looksLikeRecord(text)) {
      // The "continuation" of an open quote is itself a complete row: the quote
      // was a stray one. Without this check the quote could close legally on a
      // later line and merge several rows into one accepted garbage row.
      this.rec = null;
      this.fail(r, 'unbalanced quote: the quoted field runs into the next row');
      this.replay(r.more, r.startLine + 1);
      this.feed(text, line);
      return;
    }
    if (r) {
      r.more.push(text);
      r.moreLen += text.length + 1;
      if (SUSPECT.test(text)) r.suspect = true;
      this.append(r, '\n');
      this.continueRecord(r, text, 0);
      return;
    }
    if (isBlank(text)) return; // blank lines are not rows
    const fresh: Record_ = { startLine: line, more: [], moreLen: 0, fields: [], field: '', inQuotes: false, oversize: -1, suspect: SUSPECT.test(text) };
    this.continueRecord(fresh, text, 0);
  }

  private continueRecord(r: Record_, text: string, from: number): void {
    const step = this.scan(r, text, from);
    if (step === 'open') {
      if (r.moreLen > FIELD_CAP) {
        // A quoted field spanning more than FIELD_CAP of lines is a stray quote, not data.
        this.fail(r, 'unbalanced quote: a quoted field spans too many lines');
        this.replay(r.more, r.startLine + 1);
        return;
      }
      this.rec = r;
      return;
    }
    this.rec = null;
    if (step === 'done') this.complete(r);
    else {
      this.fail(r, step.error);
      if (r.more.length > 0) this.replay(r.more, r.startLine + 1);
    }
  }

  /** True when `text` alone parses as a row with the header's number of fields. */
  private looksLikeRecord(text: string): boolean {
    if (!this.header) return false;
    const probe: Record_ = { startLine: 0, more: [], moreLen: 0, fields: [], field: '', inQuotes: false, oversize: -1, suspect: false };
    if (this.scan(probe, text, 0) !== 'done') return false;
    const n = this.header.length;
    return probe.fields.length === n || (probe.fields.length > n && probe.fields.slice(n).every((v) => v.trim() === ''));
  }

  /** Re-reads lines that a broken multi-line record had swallowed. */
  private replay(lines: string[], firstLine: number): void {
    for (let k = 0; k < lines.length; k++) this.feed(lines[k]!, firstLine + k);
  }

  /** Scans `text` from `i`, continuing `r`. */
  private scan(r: Record_, text: string, i: number): Step {
    const d = this.delimiter;
    const len = text.length;
    for (;;) {
      if (r.inQuotes) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          this.append(r, text.slice(i));
          return 'open';
        }
        this.append(r, text.slice(i, q));
        if (text.charCodeAt(q + 1) === 34) {
          this.append(r, '"');
          i = q + 2;
          continue;
        }
        r.inQuotes = false;
        i = q + 1;
        if (i === len) {
          this.pushField(r);
          return 'done';
        }
        if (text[i] !== d) return { error: `unbalanced quote: text after the closing quote in field ${r.fields.length + 1}` };
        this.pushField(r);
        i++;
        if (i === len) {
          this.pushField(r);
          return 'done';
        }
        continue;
      }
      // At the start of a field.
      if (text.charCodeAt(i) === 34) {
        r.inQuotes = true;
        i++;
        continue;
      }
      const next = text.indexOf(d, i);
      if (next < 0) {
        r.field = text.slice(i);
        this.pushField(r);
        return 'done';
      }
      r.field = text.slice(i, next);
      this.pushField(r);
      i = next + 1;
      if (i === len) {
        this.pushField(r);
        return 'done';
      }
    }
  }

  private append(r: Record_, s: string): void {
    if (r.oversize >= 0 && r.oversize === r.fields.length) return; // already over the cap: stop storing
    r.field += s;
    if (r.field.length > FIELD_CAP && r.oversize < 0) {
      r.oversize = r.fields.length;
      r.field = '';
    }
  }

  private pushField(r: Record_): void {
    if (r.field.length > FIELD_CAP && r.oversize < 0) r.oversize = r.fields.length;
    r.fields.push(r.field);
    r.field = '';
  }

  private fail(r: Record_, error: string): void {
    this.out.push({ line: r.startLine, fields: {}, error });
  }

  private complete(r: Record_): void {
    if (!this.header) {
      if (r.oversize >= 0) throw new UnusableFileError('no-header', 'The CSV header row has a field over the size cap.');
      this.header = headerNames(r.fields);
      return;
    }
    const h = this.header;
    const line = r.startLine;
    if (r.oversize >= 0) {
      const column = h[r.oversize] ?? `column ${r.oversize + 1}`;
      this.out.push({ line, fields: {}, column, error: `field longer than ${FIELD_CAP} characters` });
      return;
    }
    let values = r.fields;
    if (values.length > h.length && values.slice(h.length).every((v) => v.trim() === '')) values = values.slice(0, h.length);
    if (values.length !== h.length) {
      const what = values.length > h.length ? 'extra columns' : 'missing columns';
      this.out.push({ line, fields: {}, error: `${what}: the row has ${values.length} fields, the header has ${h.length}` });
      return;
    }
    const fields: Record<string, string> = {};
    for (let k = 0; k < h.length; k++) {
      const v = values[k]!;
      const bad = r.suspect ? checkText(v) : null;
      if (bad) {
        this.out.push({ line, fields: {}, column: h[k]!, error: bad });
        return;
      }
      fields[h[k]!] = v;
    }
    this.out.push({ line, fields });
  }
}

/** Header cells become column names: trimmed, blanks named by position, duplicates numbered. */
export function headerNames(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((c, k) => {
    const base = c.replace(/^\uFEFF/, '').trim() || `column ${k + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}
