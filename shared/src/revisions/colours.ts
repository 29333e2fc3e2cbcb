/**
 * Revision-set colours (issue 5). A production circulates each revision of a
 * locked script on paper of the next colour in a fixed industry order, so a
 * reader can tell at a glance which pages are new. Loopline names revisions
 * the same way.
 */

/** The industry order of revision colours; the original (locked) script is White [RV1]. */
export const REVISION_COLOURS = [
  'White',
  'Blue',
  'Pink',
  'Yellow',
  'Green',
  'Goldenrod',
  'Buff',
  'Salmon',
  'Cherry',
] as const;

/** One of the nine base colours. */
export type RevisionColourBase = (typeof REVISION_COLOURS)[number];

/**
 * Page tints as CSS hex colours: light enough to print black text on, and
 * distinct from each other on screen (the paper colours, not the pigments).
 */
export const REVISION_COLOUR_HEX: Readonly<Record<RevisionColourBase, string>> = {
  White: '#ffffff',
  Blue: '#cfe3ff',
  Pink: '#ffd6e2',
  Yellow: '#fff4a8',
  Green: '#d3f2c9',
  Goldenrod: '#f5d77a',
  Buff: '#f1e0c0',
  Salmon: '#ffc4ae',
  Cherry: '#f29bab',
};

// After Cherry the cycle starts again; each further round gets a prefix
// ("Double White", "Triple White", ...) as production offices name them.
const ROUND_PREFIXES = ['', 'Double', 'Triple', 'Quadruple', 'Quintuple'] as const;

/** A parsed revision colour name: the base colour and the round (1 = first pass). */
export interface RevisionColour {
  base: RevisionColourBase;
  round: number;
  /** Position in the endless sequence: White = 0, Cherry = 8, Double White = 9, ... */
  rank: number;
}

/** The name of the colour at `rank` in the endless sequence (0 = White) [RV2]. */
export function revisionColourName(rank: number): string {
  if (!Number.isInteger(rank) || rank < 0) throw new RangeError(`revisionColourName: bad rank ${rank}`);
  const base = REVISION_COLOURS[rank % REVISION_COLOURS.length]!;
  const round = Math.floor(rank / REVISION_COLOURS.length) + 1;
  if (round === 1) return base;
  const prefix = ROUND_PREFIXES[round - 1];
  return prefix ? `${prefix} ${base}` : `Round ${round} ${base}`;
}

/** Parses a name made by `revisionColourName` (case-insensitive); null for anything else. */
export function parseRevisionColour(name: string): RevisionColour | null {
  const words = name.trim().split(/\s+/);
  const baseWord = words.pop() ?? '';
  const base = REVISION_COLOURS.find((c) => c.toLowerCase() === baseWord.toLowerCase());
  if (!base) return null;
  let round = 1;
  const prefix = words.join(' ').toLowerCase();
  if (prefix !== '') {
    const known = ROUND_PREFIXES.findIndex((p) => p.toLowerCase() === prefix);
    const numbered = /^round (\d+)$/.exec(prefix);
    if (known > 0) round = known + 1;
    else if (numbered && Number(numbered[1]) > ROUND_PREFIXES.length) round = Number(numbered[1]);
    else return null;
  }
  return { base, round, rank: (round - 1) * REVISION_COLOURS.length + REVISION_COLOURS.indexOf(base) };
}

/**
 * The colour for the next revision, given the colours already used by the
 * episode: the one after the latest (highest-ranked) used colour, so a gap
 * left by a rejected revision is not refilled; White when none is used.
 * Names that are not revision colours are ignored [RV2].
 */
export function nextRevisionColour(used: readonly string[]): string {
  let latest = -1;
  for (const name of used) latest = Math.max(latest, parseRevisionColour(name)?.rank ?? -1);
  return revisionColourName(latest + 1);
}

/** The CSS hex tint of a revision colour name (rounds share their base colour's tint); null if unknown. */
export function revisionColourHex(name: string): string | null {
  const parsed = parseRevisionColour(name);
  return parsed ? REVISION_COLOUR_HEX[parsed.base] : null;
}
