/**
 * Indexes (into `seq`) of one longest strictly increasing subsequence, in
 * O(n log n) (patience sorting). Among several longest ones it returns the
 * one built from the smallest tails: for a swap of two neighbours
 * [0, 2, 1, 3] it keeps 0, 1, 3 — the element that jumped forward (2) is the
 * one left out. Deterministic for a given input [RV4].
 */
export function longestIncreasingSubsequence(seq: readonly number[]): number[] {
  // tails[k]: index in seq of the smallest tail of an increasing run of length k + 1
  const tails: number[] = [];
  const prev = new Int32Array(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    const v = seq[i]!;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const out: number[] = new Array(tails.length);
  for (let k = tails.length - 1, i = tails[k] ?? -1; k >= 0; k--, i = prev[i]!) out[k] = i;
  return out;
}
