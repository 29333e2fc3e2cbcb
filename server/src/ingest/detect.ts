import type { ImportFormat } from '@loopline/shared';

/** CSV delimiters the importer recognises, most common first. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * Guesses the format from the start of the text (after decoding) and the file
 * name [IN1]. Content wins over the extension except where the content cannot
 * tell (a `.jsonl` file starting with `{`).
 */
export function detectFormat(head: string, fileName?: string): ImportFormat {
  const ext = fileName?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  const text = head.replace(/^\uFEFF/, '').trimStart();
  const first = text[0];
  if (first === '<') return 'danmaku-xml';
  if (first === '[') return 'json';
  if (first === '{') {
    if (ext === 'ndjson' || ext === 'jsonl') return 'ndjson';
    if (ext === 'json') return looksLikeNdjson(text) ? 'ndjson' : 'json';
    return looksLikeNdjson(text) ? 'ndjson' : 'json';
  }
  if (ext === 'xml') return 'danmaku-xml';
  return 'csv';
}

/** True when the first line is a complete JSON object and the next non-empty line starts another. */
function looksLikeNdjson(text: string): boolean {
  const nl = text.indexOf('\n');
  if (nl < 0) return false;
  try {
    const v: unknown = JSON.parse(text.slice(0, nl));
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  } catch {
    return false;
  }
  return text.slice(nl + 1).trimStart().startsWith('{') || text.slice(nl + 1).trim() === '';
}

/**
 * Picks the CSV delimiter [IN1]: the candidate that appears (outside quotes)
 * the same non-zero number of times on most of the first lines; ties go to
 * the higher count, then to the order of `DELIMITERS`.
 */
export function detectDelimiter(head: string): string {
  const lines = firstRecords(head.replace(/^\uFEFF/, ''), 20);
  let best: string = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const headerCount = counts[0] ?? 0;
    if (headerCount === 0) continue;
    const agreeing = counts.filter((c) => c === headerCount).length;
    const score = (agreeing / counts.length) * 1000 + headerCount;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

/** Splits into records on newlines outside quotes (enough for counting delimiters). */
function firstRecords(text: string, max: number): string[] {
  const out: string[] = [];
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length && out.length < max; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (c === 10 && !inQuotes) {
      const rec = text.slice(start, i).replace(/\r$/, '');
      if (rec.trim() !== '') out.push(rec);
      start = i + 1;
    }
  }
  // A last line cut mid-way by the head would skew the counts: use it only if nothing else.
  if (out.length === 0 && start < text.length) out.push(text.slice(start));
  return out;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let inQuotes = false;
  const dc = d.charCodeAt(0);
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (c === dc && !inQuotes) n++;
  }
  return n;
}
