import { UnusableFileError } from './errors.js';
import { parseJsonRecord } from './jsonValues.js';
import { RECORD_CAP } from './limits.js';
import { isBlank, LineSplitter } from './lines.js';
import type { RawRow } from './types.js';

/** NDJSON (JSON Lines): one object per line; a bad line rejects only itself [IN8]. */
export class NdjsonReader {
  private out: RawRow[] = [];
  private readonly lines = new LineSplitter((text, line) => {
    if (text === null) this.out.push({ line, fields: {}, error: `line longer than ${RECORD_CAP} characters` });
    else if (!isBlank(text)) this.out.push(parseJsonRecord(text, line));
  });

  /** Feeds decoded text; returns the rows completed so far. */
  push(chunk: string): RawRow[] {
    this.lines.push(chunk);
    return this.take();
  }

  /** Ends the input. */
  end(): RawRow[] {
    this.lines.end();
    return this.take();
  }

  private take(): RawRow[] {
    const o = this.out;
    this.out = [];
    return o;
  }
}

/** Inside a JSON string only a quote, a backslash or a raw newline changes the scanner's state. */
const STRING_STOP = /["\\\n]/g;

enum Phase {
  Start,
  Envelope,
  Array,
  After,
}

/**
 * A JSON array streamed element by element [IN8]: the scanner tracks strings
 * and nesting only to find where each element ends, then parses that element
 * alone, so a broken element rejects one row. A top-level object is read
 * through its first array (YouTube `items`, TikTok `data.comments`).
 */
export class JsonArrayReader {
  private out: RawRow[] = [];
  private phase = Phase.Start;
  private line = 1;
  private depth = 0;
  private inString = false;
  private escape = false;
  private open = false;
  private elemLine = 0;
  private parts: string[] = [];
  private partsLen = 0;
  private oversize = false;
  /** Why the open element is already known to be broken (a raw newline inside a string). */
  private broken: string | null = null;

  /** Feeds decoded text; returns the rows completed so far. */
  push(chunk: string): RawRow[] {
    let elemStart = 0;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      if (this.inString && !this.escape && this.phase === Phase.Array) {
        // Inside a string only ", \ and a raw newline matter: jump to the next one.
        STRING_STOP.lastIndex = i;
        const stop = STRING_STOP.exec(chunk);
        if (!stop) break;
        i = stop.index;
      }
      const c = chunk.charCodeAt(i);
      if (c === 10) this.line++;
      if (this.phase === Phase.Array) {
        if (!this.open) {
          if (c === 32 || c === 9 || c === 10 || c === 13 || c === 44) continue;
          if (c === 93) {
            this.phase = Phase.After;
            continue;
          }
          this.open = true;
          this.elemLine = this.line;
          elemStart = i;
          this.depth = 0;
        }
        const end = this.scanElementChar(c);
        if (end === 0) continue;
        // end 1: the element ends with this char; end 2: it ended just before it (primitive).
        const stop = end === 1 ? i + 1 : i;
        this.finish(chunk.slice(elemStart, stop));
        if (end === 2 && c === 93) this.phase = Phase.After;
        continue;
      }
      if (this.phase === Phase.Start) {
        if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) continue;
        if (c === 91) this.phase = Phase.Array;
        else if (c === 123) {
          this.phase = Phase.Envelope;
          this.depth = 1;
        } else throw new UnusableFileError('not-json', 'The file does not start with a JSON array or object.');
        continue;
      }
      if (this.phase === Phase.Envelope) this.scanEnvelopeChar(c);
    }
    if (this.open) this.keep(chunk.slice(elemStart));
    return this.take();
  }

  /** Ends the input: an element still open is reported as one error covering the rest of the file. */
  end(): RawRow[] {
    if (this.open) {
      this.out.push({ line: this.elemLine, fields: {}, error: `unreadable from line ${this.elemLine} to ${this.line} (end of file): an element never closes` });
      this.open = false;
    }
    if (this.phase === Phase.Start) throw new UnusableFileError('empty', 'The JSON file is empty.');
    if (this.phase === Phase.Envelope) throw new UnusableFileError('not-json', 'The JSON file holds no array of records.');
    return this.take();
  }

  private take(): RawRow[] {
    const o = this.out;
    this.out = [];
    return o;
  }

  private scanEnvelopeChar(c: number): void {
    if (this.inString) {
      if (this.escape) this.escape = false;
      else if (c === 92) this.escape = true;
      else if (c === 34) this.inString = false;
      return;
    }
    if (c === 34) this.inString = true;
    else if (c === 123) this.depth++;
    else if (c === 125) {
      this.depth--;
      if (this.depth === 0) this.phase = Phase.After;
    } else if (c === 91) {
      this.phase = Phase.Array;
      this.depth = 0;
    }
  }

  /** 0: inside the element; 1: the element ends with `c`; 2: the element ended before `c`. */
  private scanElementChar(c: number): 0 | 1 | 2 {
    if (this.inString) {
      if (this.escape) this.escape = false;
      else if (c === 92) this.escape = true;
      else if (c === 34) this.inString = false;
      else if (c === 10) {
        // JSON strings cannot hold a raw newline: the quote was never closed. Leave
        // the string so the nesting count recovers at the element's end.
        this.broken ??= `unterminated string (line ${this.line - 1})`;
        this.inString = false;
      }
      return 0;
    }
    if (c === 34) this.inString = true;
    else if (c === 123 || c === 91) this.depth++;
    else if (c === 125 || c === 93) {
      if (this.depth === 0) return 2;
      this.depth--;
      if (this.depth === 0) return 1;
    } else if (c === 44 && this.depth === 0) return 2;
    return 0;
  }

  private keep(s: string): void {
    if (this.oversize) return;
    this.partsLen += s.length;
    if (this.partsLen > RECORD_CAP) {
      this.oversize = true;
      this.parts = [];
    } else this.parts.push(s);
  }

  private finish(tail: string): void {
    const line = this.elemLine;
    this.keep(tail);
    if (this.oversize) this.out.push({ line, fields: {}, error: `record longer than ${RECORD_CAP} characters` });
    else if (this.broken) this.out.push({ line, fields: {}, error: this.broken });
    else this.out.push(parseJsonRecord(this.parts.join(''), line));
    this.open = false;
    this.parts = [];
    this.partsLen = 0;
    this.oversize = false;
    this.broken = null;
    this.escape = false;
    this.inString = false;
  }
}
