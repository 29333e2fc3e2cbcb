import { diffArrays } from 'diff';
import type { TextRun } from './types.js';

/**
 * Text-level diff of one block (issue 5). Chinese, Japanese and Korean
 * characters are compared one by one (a writer inserting 「请签收」 into a line
 * sees exactly those characters inserted, not a rewritten word); Latin text is
 * compared by words, so an edit reads "sat → stood" rather than letter soup.
 * Spaces and punctuation are tokens of their own [RV8].
 */

// One CJK character | a run of letters, digits and apostrophes | a run of spaces | anything else (one code point).
const TOKEN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{M}\p{N}_'’]+|\s+|[\s\S]/gu;

/** Splits text into the tokens the block diff compares. Concatenating the tokens gives the text back. */
export function tokenizeForDiff(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/**
 * A text diff as insert / delete / equal runs; within a stretch of changes,
 * the deletion comes before the insertion. A run of spaces left alone between
 * two changes is folded into them ("the contract" → "the divorce papers" reads
 * as one replacement, not two with a kept space in between) [RV8].
 */
export function diffText(before: string, after: string): TextRun[] {
  if (before === after) return before === '' ? [] : [{ op: 'equal', text: before }];
  if (before === '') return [{ op: 'insert', text: after }];
  if (after === '') return [{ op: 'delete', text: before }];
  const raw: TextRun[] = diffArrays(tokenizeForDiff(before), tokenizeForDiff(after)).map((change) => ({
    op: change.added ? 'insert' : change.removed ? 'delete' : 'equal',
    text: change.value.join(''),
  }));
  const out: TextRun[] = [];
  const equal = (text: string): void => {
    const last = out[out.length - 1];
    if (last?.op === 'equal') last.text += text;
    else if (text !== '') out.push({ op: 'equal', text });
  };
  let del = '';
  let ins = '';
  const flush = (): void => {
    // Spaces both sides end with are kept text, not part of the replacement.
    const keep = commonTrailingSpace(del, ins);
    if (del.length > keep.length) out.push({ op: 'delete', text: del.slice(0, del.length - keep.length) });
    if (ins.length > keep.length) out.push({ op: 'insert', text: ins.slice(0, ins.length - keep.length) });
    del = '';
    ins = '';
    equal(keep);
  };
  raw.forEach((run, i) => {
    if (run.op === 'delete') del += run.text;
    else if (run.op === 'insert') ins += run.text;
    else if ((del !== '' || ins !== '') && i + 1 < raw.length && /^\s+$/u.test(run.text)) {
      // Spaces between two changes belong to the replacement on both sides.
      del += run.text;
      ins += run.text;
    } else {
      flush();
      equal(run.text);
    }
  });
  flush();
  return out;
}

function commonTrailingSpace(a: string, b: string): string {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n] && /\s/u.test(a[a.length - 1 - n]!)) n++;
  return a.slice(a.length - n);
}

/** The before text of a run list (equal + delete runs). */
export function runsBefore(runs: readonly TextRun[]): string {
  return runs.map((r) => (r.op === 'insert' ? '' : r.text)).join('');
}

/** The after text of a run list (equal + insert runs). */
export function runsAfter(runs: readonly TextRun[]): string {
  return runs.map((r) => (r.op === 'delete' ? '' : r.text)).join('');
}

/**
 * How alike two texts are, 0..1: the Dice coefficient of their character
 * bigrams (cheap, order-tolerant, works the same for Chinese and Latin).
 * Used to decide whether a removed and an added block are one edited block.
 */
export function textSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return a.length > 0 && b.length > 0 && (b.includes(a) || a.includes(b)) ? 0.5 : 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      shared++;
      grams.set(g, n - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + b.length - 1);
}
