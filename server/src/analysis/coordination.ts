/**
 * Coordinated-traffic detection (issue 5, BRIEF §2 "fake traffic"): bursts
 * of near-identical comments posted within minutes by many accounts that are
 * new to the series, in a spike that the hours around it do not share. Pure
 * and streaming: items go in oldest first and only the last hour or so of
 * each text is kept, so a million items are scanned in bounded memory [CO4].
 */

/** One feedback item as the detector reads it. Times are ISO-8601 strings or epoch milliseconds. */
export interface CoordinationItem {
  id: string;
  /** Pseudonymous author. */
  author: string;
  postedAt: string | number;
  text: string;
  /** When the author's first item in the series was posted (`AuthorStats`). */
  authorFirstSeen: string | number;
  /** How many items the author has in the series in total. */
  authorItemCount: number;
}

/** Options of the detector; every field has a default [CO2] [CO3]. */
export interface CoordinationOptions {
  /** Distinct authors of one text within the window that make a burst (default 20). */
  minAuthors?: number;
  /** Longest span of a burst, ms (default 10 minutes). */
  windowMs?: number;
  /** Share (0..1) of the burst's authors that must be fresh (default 0.7). */
  minFreshShare?: number;
  /** A fresh author has at most this many items in the series (default 3) … */
  freshMaxItems?: number;
  /** … and was first seen in the series at most this long before the item, ms (default 24 hours). */
  freshWithinMs?: number;
  /** Time looked at on each side of a burst, ms (default 1 hour). */
  contextMs?: number;
  /** The text's rate in the burst must be at least this many times its rate in the context (default 5). */
  minSpike?: number;
}

const DEFAULTS: Required<CoordinationOptions> = {
  minAuthors: 20,
  windowMs: 10 * 60_000,
  minFreshShare: 0.7,
  freshMaxItems: 3,
  freshWithinMs: 24 * 3_600_000,
  contextMs: 3_600_000,
  minSpike: 5,
};

export const DEFAULT_COORDINATION_OPTIONS: Readonly<Required<CoordinationOptions>> = DEFAULTS;

const NOT_CONTENT = /[^\p{L}\p{N}\p{M}]/gu;
const SPACE = /\s+/gu;

/**
 * The text a burst is matched on [CO1]: Unicode NFKC (full-width letters,
 * digits and punctuation become half-width), lower case, and only letters,
 * digits and combining marks kept — spaces, punctuation, symbols and emoji
 * go. A text of nothing but symbols or emoji keeps them (spaces removed), so
 * a burst of `👍👍👍` still matches. Empty: blank text, never matched.
 */
export function normalizeForCoordination(text: string): string {
  const folded = text.normalize('NFKC').toLowerCase();
  const content = folded.replace(NOT_CONTENT, '');
  return content !== '' ? content : folded.replace(SPACE, '');
}

const toMs = (t: string | number): number => (typeof t === 'number' ? t : Date.parse(t));

interface Entry {
  id: string;
  author: string;
  at: number;
  fresh: boolean;
}

/** A burst found, waiting for the context after it to tell a spike from a phrase that stays popular [CO3]. */
interface Candidate {
  first: number;
  last: number;
  /** Fresh authors' items of the burst, in order. */
  ids: string[];
  /** Items of the text from `first` to `last`. */
  inside: number;
  /** Items of the text in the context before `first` and after `last`. */
  before: number;
  after: number;
}

/** The recent items of one normalized text. */
interface TextWindow {
  entries: Entry[];
  /** Oldest entry kept (context before a burst). */
  tail: number;
  /** Oldest entry in the burst window. */
  head: number;
  /** Entries below this index were already looked at while the window was a burst. */
  scanned: number;
  authors: Map<string, number>;
  freshAuthors: Map<string, number>;
  last: number;
  candidate: Candidate | null;
}

const bump = (m: Map<string, number>, key: string, by: number): void => {
  const n = (m.get(key) ?? 0) + by;
  if (n > 0) m.set(key, n);
  else m.delete(key);
};

/** Sizes of the detector's state, for memory checks. */
export interface DetectorStats {
  items: number;
  flagged: number;
  /** Texts with items kept now. */
  texts: number;
  /** Items kept now, and the most ever kept at once. */
  held: number;
  maxHeld: number;
  /** Bursts found, and those the context showed to be a popular phrase rather than a spike. */
  bursts: number;
  dismissed: number;
}

/**
 * A streaming detector [CO2]: `push` items oldest first; each call returns
 * the ids it newly flags — a burst is decided once the context after it has
 * passed, so they belong to earlier items. `finish` decides the bursts still
 * waiting at the end of the stream. An item earlier than one pushed before
 * is refused with a RangeError.
 */
export class CoordinationDetector {
  private readonly opts: Required<CoordinationOptions>;
  private readonly texts = new Map<string, TextWindow>();
  private readonly pending = new Set<TextWindow>();
  private readonly flaggedIds = new Set<string>();
  private start = Number.NaN;
  private latest = Number.NEGATIVE_INFINITY;
  private readonly counts = { items: 0, held: 0, maxHeld: 0, bursts: 0, dismissed: 0 };

  constructor(opts: CoordinationOptions = {}) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  push(item: CoordinationItem): string[] {
    const at = toMs(item.postedAt);
    if (!Number.isFinite(at)) throw new RangeError(`item ${item.id}: postedAt is not a time: ${JSON.stringify(item.postedAt)}`);
    if (at < this.latest) throw new RangeError(`item ${item.id} is out of order: posted ${new Date(at).toISOString()}, after an item of ${new Date(this.latest).toISOString()}`);
    if (this.counts.items === 0) this.start = at;
    this.latest = at;
    this.counts.items++;
    const out = this.decideDue(at);
    // Texts idle for longer than a window and its context hold nothing a later item could use.
    if (this.counts.items % 4096 === 0) this.sweep(at);
    const key = normalizeForCoordination(item.text);
    if (key === '') return out;

    const { windowMs, contextMs, freshMaxItems, freshWithinMs } = this.opts;
    const fresh = item.authorItemCount <= freshMaxItems && at - toMs(item.authorFirstSeen) <= freshWithinMs;
    let w = this.texts.get(key);
    if (!w) {
      w = { entries: [], tail: 0, head: 0, scanned: 0, authors: new Map(), freshAuthors: new Map(), last: at, candidate: null };
      this.texts.set(key, w);
    }
    w.last = at;
    w.entries.push({ id: item.id, author: item.author, at, fresh });
    bump(w.authors, item.author, 1);
    if (fresh) bump(w.freshAuthors, item.author, 1);
    this.counts.held++;
    this.slide(w, at - windowMs, at - windowMs - contextMs);
    this.counts.maxHeld = Math.max(this.counts.maxHeld, this.counts.held);

    const c = w.candidate;
    if (!this.isBurst(w)) {
      if (c) c.after++;
      return out;
    }
    if (c) {
      // The burst goes on (or starts again within its context): what looked like context is part of it.
      c.inside += c.after + 1;
      c.after = 0;
      c.last = at;
    } else {
      const first = w.entries[w.head]!.at;
      let before = 0;
      for (let i = w.head - 1; i >= w.tail && w.entries[i]!.at >= first - contextMs; i--) before++;
      w.candidate = { first, last: at, ids: [], inside: w.entries.length - w.head, before, after: 0 };
      w.scanned = w.head;
      this.pending.add(w);
      this.counts.bursts++;
    }
    for (let i = Math.max(w.head, w.scanned); i < w.entries.length; i++) if (w.entries[i]!.fresh) w.candidate!.ids.push(w.entries[i]!.id);
    w.scanned = w.entries.length;
    return out;
  }

  /** Decides the bursts still waiting for their context (the stream ended); returns the ids it flags. */
  finish(): string[] {
    const out: string[] = [];
    for (const w of [...this.pending]) out.push(...this.decide(w));
    return out;
  }

  /** Every id flagged so far. */
  flagged(): string[] {
    return [...this.flaggedIds];
  }

  get stats(): DetectorStats {
    const { items, held, maxHeld, bursts, dismissed } = this.counts;
    return { items, flagged: this.flaggedIds.size, texts: this.texts.size, held, maxHeld, bursts, dismissed };
  }

  private isBurst(w: TextWindow): boolean {
    const authors = w.authors.size;
    return authors >= this.opts.minAuthors && w.freshAuthors.size / authors >= this.opts.minFreshShare;
  }

  private decideDue(now: number): string[] {
    const out: string[] = [];
    for (const w of this.pending) if (now > w.candidate!.last + this.opts.contextMs) out.push(...this.decide(w));
    return out;
  }

  /**
   * [CO3] A burst is flagged when the text's rate inside it is at least
   * `minSpike` times its rate in the context around it (as much of the
   * context as the stream has); a phrase just as frequent in the hour around
   * is popular, not coordinated — and so is one that keeps a burst's pace
   * for longer than the context itself.
   */
  private decide(w: TextWindow): string[] {
    const c = w.candidate!;
    w.candidate = null;
    this.pending.delete(w);
    const { windowMs, contextMs, minSpike } = this.opts;
    const insideRate = c.inside / Math.max(windowMs, c.last - c.first);
    const contextLength = Math.min(contextMs, c.first - this.start) + Math.min(contextMs, this.latest - c.last);
    const contextRate = contextLength > 0 ? (c.before + c.after) / contextLength : 0;
    if (c.last - c.first > contextMs || insideRate < minSpike * contextRate) {
      this.counts.dismissed++;
      return [];
    }
    const out: string[] = [];
    for (const id of c.ids) {
      if (this.flaggedIds.has(id)) continue;
      this.flaggedIds.add(id);
      out.push(id);
    }
    return out;
  }

  /** Moves a text's window to start at `windowStart` and drops what is older than `keepFrom`. */
  private slide(w: TextWindow, windowStart: number, keepFrom: number): void {
    while (w.head < w.entries.length && w.entries[w.head]!.at < windowStart) {
      const e = w.entries[w.head++]!;
      bump(w.authors, e.author, -1);
      if (e.fresh) bump(w.freshAuthors, e.author, -1);
    }
    while (w.tail < w.head && w.entries[w.tail]!.at < keepFrom) {
      w.tail++;
      this.counts.held--;
    }
    // Compact once the dropped prefix dominates, so the array stays the size of what is kept.
    if (w.tail > 64 && w.tail * 2 > w.entries.length) {
      w.entries = w.entries.slice(w.tail);
      w.head -= w.tail;
      w.scanned = Math.max(0, w.scanned - w.tail);
      w.tail = 0;
    }
  }

  private sweep(now: number): void {
    const cutoff = now - this.opts.windowMs - this.opts.contextMs;
    for (const [key, w] of this.texts) {
      if (w.last < cutoff && w.candidate === null) {
        this.counts.held -= w.entries.length - w.tail;
        this.texts.delete(key);
      }
    }
  }
}

/**
 * Ids of the items to flag as coordinated [CO2] [CO3]: a text (as
 * normalized by `normalizeForCoordination`) posted by at least `minAuthors`
 * distinct authors within `windowMs`, most of them (`minFreshShare`) fresh —
 * few items in the series and first seen in it shortly before — at a rate
 * `minSpike` times its rate in the hour around. Only the fresh authors' items
 * of such a burst are flagged. Items must come oldest first.
 */
export function detectCoordinated(items: Iterable<CoordinationItem>, opts: CoordinationOptions = {}): string[] {
  const detector = new CoordinationDetector(opts);
  const out: string[] = [];
  for (const item of items) for (const id of detector.push(item)) out.push(id);
  for (const id of detector.finish()) out.push(id);
  return out;
}

/**
 * Per-author facts the detector needs, gathered in a first pass over the
 * series' items (any order) [CO2]: when each author was first seen and how
 * many items they have. Memory grows with distinct authors, not items.
 */
export class AuthorStats {
  private readonly byAuthor = new Map<string, { firstSeen: number; itemCount: number }>();

  add(author: string, postedAt: string | number): void {
    const at = toMs(postedAt);
    const s = this.byAuthor.get(author);
    if (!s) this.byAuthor.set(author, { firstSeen: at, itemCount: 1 });
    else {
      s.itemCount++;
      if (at < s.firstSeen) s.firstSeen = at;
    }
  }

  /** First seen (epoch ms) and item count; unknown authors count as seen now with one item. */
  get(author: string, postedAt?: string | number): { authorFirstSeen: number; authorItemCount: number } {
    const s = this.byAuthor.get(author);
    if (s) return { authorFirstSeen: s.firstSeen, authorItemCount: s.itemCount };
    return { authorFirstSeen: postedAt === undefined ? Number.NaN : toMs(postedAt), authorItemCount: 1 };
  }

  get size(): number {
    return this.byAuthor.size;
  }
}
