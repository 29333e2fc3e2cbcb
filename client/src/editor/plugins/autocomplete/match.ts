/** A name the writer may mean: a bible entry (with aliases) or a name found in the script. */
export interface Candidate {
  name: string;
  aliases?: readonly string[];
}

/** One row of the suggestion popup. */
export interface Suggestion {
  /** The canonical name (bible name or script name). */
  name: string;
  /** What gets inserted: the alias that matched, or the name. */
  insert: string;
}

// Case-insensitive for Latin names, width-insensitive for full-width letters.
const fold = (s: string) => s.normalize('NFKC').toLocaleLowerCase();

/**
 * Suggestions for `query` among `candidates` [ED25], best first: name
 * prefix, alias prefix, name substring, alias substring; ties keep the
 * candidates' order (bible before script). Names are de-duplicated case-
 * insensitively. Nothing is suggested for an empty query, nor a name the
 * query already spells in full (nothing left to complete).
 */
export function suggest(query: string, candidates: readonly Candidate[], limit = 8): Suggestion[] {
  const q = fold(query.trim());
  if (q === '') return [];
  const ranked: { rank: number; order: number; s: Suggestion }[] = [];
  const seen = new Set<string>();
  candidates.forEach((c, order) => {
    const key = fold(c.name);
    if (key === '' || seen.has(key)) return;
    const aliases = (c.aliases ?? []).filter((a) => a.trim() !== '');
    let best: { rank: number; insert: string } | null = null;
    const consider = (text: string, prefixRank: number, containsRank: number) => {
      const f = fold(text);
      const rank = f.startsWith(q) ? prefixRank : f.includes(q) ? containsRank : -1;
      if (rank >= 0 && (best === null || rank < best.rank)) best = { rank, insert: text };
    };
    consider(c.name, 0, 2);
    for (const alias of aliases) consider(alias, 1, 3);
    if (best === null) return;
    seen.add(key);
    const { rank, insert } = best;
    // Typed in full already (often the very cue being typed, found in the script).
    if (fold(insert) === q) return;
    ranked.push({ rank, order, s: { name: c.name, insert } });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return ranked.slice(0, limit).map((r) => r.s);
}

/** Bible entries first, then script names not already covered by a bible name or alias. */
export function mergeCandidates(bible: readonly Candidate[], script: readonly string[]): Candidate[] {
  const known = new Set<string>();
  for (const c of bible) {
    known.add(fold(c.name));
    for (const a of c.aliases ?? []) known.add(fold(a));
  }
  return [...bible, ...script.filter((n) => !known.has(fold(n))).map((name) => ({ name }))];
}
