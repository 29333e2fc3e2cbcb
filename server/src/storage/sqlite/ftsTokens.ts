import { createHash } from 'node:crypto';

/**
 * The tokens SQLite's feedback index holds besides the words of the text:
 * one per filterable value of an item (series, episode, kind, platform, each
 * segment attribute). A search with those filters is then one FTS5 query,
 * counted by the index alone, instead of a join over every matching row.
 *
 * A filter token is `zz` + a letter for the field + 16 hex digits of a hash
 * of the value: only letters and digits (one token for the unicode61
 * tokenizer) and nothing a person types into a search box.
 */

const PREFIX = { series: 'zzs', episode: 'zze', kind: 'zzk', platform: 'zzp', segment: 'zzg', likes: 'zzl' } as const;
type Field = keyof typeof PREFIX;

// Filter values repeat (a few series, episodes, platforms, segment values), so
// hashing is memoized per field; the cap keeps a hostile file with a million
// distinct custom segment values from growing the cache without bound.
const MEMO_CAP = 50_000;
const memo: Record<Field, Map<string, string>> = {
  series: new Map(),
  episode: new Map(),
  kind: new Map(),
  platform: new Map(),
  segment: new Map(),
  likes: new Map(),
};

/**
 * Items are indexed at rowid `fts_key` = posted-at (ms) × FTS_KEY_SPAN + a
 * sequence number below it: the index hands out matches newest or oldest
 * first for free, and a time range is a rowid range.
 */
export const FTS_KEY_SPAN = 1_048_576;

/**
 * Like-count thresholds that get a token (`likes ≥ t`): a "likes at least
 * N" filter is then one more token in the match, exact when N is one of
 * these and a narrow candidate set to check otherwise.
 */
export const LIKES_THRESHOLDS = [0, 1, 10, 100, 1000, 10_000, 100_000] as const;

/** The token of the largest threshold at or below `minLikes`, and whether it is exactly `minLikes`. */
export function likesToken(minLikes: number): { token: string; exact: boolean } {
  let threshold: number = LIKES_THRESHOLDS[0];
  for (const t of LIKES_THRESHOLDS) if (t <= minLikes) threshold = t;
  return { token: filterToken('likes', String(threshold)), exact: threshold === minLikes };
}

/** The index token of one filter value. */
export function filterToken(field: Field, value: string): string {
  const cache = memo[field];
  let token = cache.get(value);
  if (token === undefined) {
    token = PREFIX[field] + createHash('sha256').update(`${field}\u0000${value}`).digest('hex').slice(0, 16);
    if (cache.size >= MEMO_CAP) cache.clear();
    cache.set(value, token);
  }
  return token;
}

/** The index token of a segment attribute's value (name and value both count). */
export function segmentToken(name: string, value: string): string {
  return filterToken('segment', `${name}\u0000${value}`);
}

/** What the index text of an item is made of. */
export interface IndexedItem {
  seriesId: string;
  episodeId: string | null;
  kind: string;
  platform: string;
  segments: Record<string, string>;
  likes: number | null;
  searchText: string;
}

/** The text FTS5 indexes for an item: its search tokens followed by its filter tokens. */
export function indexText(item: IndexedItem): string {
  let text = `${item.searchText} ${filterToken('series', item.seriesId)} ${filterToken('kind', item.kind)} ${filterToken('platform', item.platform)}`;
  if (item.episodeId !== null) text += ` ${filterToken('episode', item.episodeId)}`;
  for (const name in item.segments) text += ` ${segmentToken(name, item.segments[name]!)}`;
  if (item.likes !== null) {
    for (const t of LIKES_THRESHOLDS) {
      if (item.likes < t) break;
      text += ` ${filterToken('likes', String(t))}`;
    }
  }
  return text;
}

// unicode61's token characters (its default `categories`: letters, numbers,
// private use). Everything else separates tokens, in the text and the query alike.
const SEPARATORS = /[^\p{L}\p{N}\p{Co}]+/u;

/**
 * The FTS5 query for search tokens ANDed with filter tokens. Each search
 * token is split as unicode61 splits text (an index with detail=none cannot
 * match a phrase, so a token unicode61 would cut in two becomes two ANDed
 * tokens) and quoted, so no user input is ever read as FTS5 syntax.
 * Returns null when there is nothing to match on.
 */
export function matchExpression(terms: readonly string[], filters: readonly string[]): string | null {
  const parts: string[] = [];
  for (const term of terms) {
    for (const piece of term.split(SEPARATORS)) if (piece !== '') parts.push(`"${piece.replaceAll('"', '""')}"`);
  }
  for (const token of filters) parts.push(token);
  return parts.length > 0 ? [...new Set(parts)].join(' AND ') : null;
}

/** True when the terms hold at least one indexable piece (a query of only punctuation holds none). */
export function hasSearchablePiece(terms: readonly string[]): boolean {
  return terms.some((t) => t.split(SEPARATORS).some((p) => p !== ''));
}
