import { FIELD_CAP, MAX_JSON_KEYS } from './limits.js';
import { checkText } from './rowChecks.js';
import type { RawRow, RawValue } from './types.js';

/**
 * Parses one JSON record into flat fields: nested objects become dotted keys
 * (`snippet.likeCount`), arrays stay as JSON text. Integers of 16+ digits are
 * read as strings first, because platform ids (19-digit Douyin/TikTok ids) do
 * not survive a trip through a double [IN8].
 */
export function parseJsonRecord(text: string, line: number): RawRow {
  let value: unknown;
  try {
    value = JSON.parse(protectBigInts(text));
  } catch (e) {
    return { line, fields: {}, error: `invalid JSON: ${(e as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { line, fields: {}, error: 'the record is not a JSON object' };
  }
  const fields: Record<string, RawValue> = {};
  const problem = flatten(value as Record<string, unknown>, '', fields, 0, { n: 0 });
  if (problem) return { line, fields: {}, ...problem };
  return { line, fields };
}

function flatten(obj: Record<string, unknown>, prefix: string, out: Record<string, RawValue>, depth: number, count: { n: number }): { error: string; column?: string } | null {
  for (const k of Object.keys(obj)) {
    const key = prefix === '' ? k : `${prefix}.${k}`;
    const v = obj[k];
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < 4) {
      const p = flatten(v as Record<string, unknown>, key, out, depth + 1, count);
      if (p) return p;
      continue;
    }
    let flat: RawValue;
    if (v === null || v === undefined) flat = null;
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') flat = v;
    else flat = JSON.stringify(v);
    if (typeof flat === 'string') {
      if (flat.length > FIELD_CAP) return { error: `field longer than ${FIELD_CAP} characters`, column: key };
      const bad = checkText(flat);
      if (bad) return { error: bad, column: key };
    }
    out[key] = flat;
    if (++count.n > MAX_JSON_KEYS) return { error: `more than ${MAX_JSON_KEYS} fields in one record` };
  }
  return null;
}

/** Quotes integer literals of 16 or more digits outside strings so JSON.parse keeps every digit. */
export function protectBigInts(text: string): string {
  // Cheap pre-test: a 16-digit run right after ':', ',' or '[' (ids inside strings do not match).
  if (!/[:,[]\s*-?\d{16}/.test(text)) return text;
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    const isDigit = c >= 48 && c <= 57;
    if (!isDigit && c !== 45) continue;
    let j = i + (c === 45 ? 1 : 0);
    while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    const digits = j - i - (c === 45 ? 1 : 0);
    const nextC = text.charCodeAt(j);
    const isInteger = nextC !== 46 && nextC !== 101 && nextC !== 69; // no '.', 'e', 'E'
    if (digits >= 16 && isInteger) {
      out += `${text.slice(last, i)}"${text.slice(i, j)}"`;
      last = j;
    }
    i = j - 1;
  }
  return out + text.slice(last);
}
