import { RECORD_CAP } from './limits.js';

/**
 * Splits streamed text into physical lines (LF or CRLF) and numbers them from 1.
 * A line longer than RECORD_CAP is not buffered: it is reported as `null` and
 * skipped up to its end, so one endless line cannot exhaust memory [IN6].
 */
export class LineSplitter {
  private carry = '';
  private line = 1;
  private overlong = false;

  constructor(private readonly onLine: (text: string | null, line: number) => void) {}

  /** Feeds the next decoded chunk. */
  push(chunk: string): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      if (nl < 0) break;
      if (this.overlong) {
        this.overlong = false;
        this.emit(null);
      } else {
        const piece = chunk.slice(start, nl);
        const text = this.carry === '' ? piece : this.carry + piece;
        this.carry = '';
        this.emit(text.length > RECORD_CAP ? null : stripCr(text));
      }
      start = nl + 1;
    }
    if (this.overlong) return;
    this.carry += chunk.slice(start);
    if (this.carry.length > RECORD_CAP) {
      this.overlong = true;
      this.carry = '';
    }
  }

  /** Flushes the last line (a file need not end with a newline). */
  end(): void {
    if (this.overlong) this.emit(null);
    else if (this.carry !== '') this.emit(stripCr(this.carry));
    this.carry = '';
    this.overlong = false;
  }

  private emit(text: string | null): void {
    this.onLine(text, this.line++);
  }
}

function stripCr(s: string): string {
  return s.charCodeAt(s.length - 1) === 13 ? s.slice(0, -1) : s;
}

/** True when the line holds only spaces and tabs (cheaper than trim() on long lines). */
export function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0xfeff) return false;
  }
  return true;
}
