import { AuthorStats, type CoordinationOptions, detectCoordinated } from '../analysis/coordination.js';
import type { Storage } from '../storage/types.js';

/** What a detection run did. */
export interface DetectionResult {
  /** Items the detector flags as coordinated. */
  flagged: number;
  /** Of those, how many were not flagged before. */
  changed: number;
}

const FLAG_CHUNK = 10_000;

/**
 * Runs coordination detection over a series' feedback and flags what it
 * finds (after each feedback import, and on demand). Two passes over the
 * stored items: each author's first appearance and item count
 * (`AuthorStats`), then the items oldest first through `detectCoordinated`.
 * The items are held once, as compact tuples, to sort them by time (storage
 * pages them by id). Detection only adds flags: a flag set by hand, or by an
 * earlier run whose burst a later import diluted, is left for a person to clear.
 */
export async function detectAndFlag(
  storage: Pick<Storage, 'listItemFacts' | 'setCoordinated'>,
  seriesId: string,
  opts: CoordinationOptions = {},
): Promise<DetectionResult> {
  const stats = new AuthorStats();
  const items: { id: string; author: string; at: number; text: string }[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await storage.listItemFacts(seriesId, { after, withText: true });
    for (const f of page) {
      const at = Date.parse(f.postedAt);
      stats.add(f.author, at);
      items.push({ id: f.id, author: f.author, at, text: f.text ?? '' });
    }
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
  }
  items.sort((a, b) => a.at - b.at);
  const ids = detectCoordinated(
    (function* () {
      for (const it of items) yield { id: it.id, author: it.author, postedAt: it.at, text: it.text, ...stats.get(it.author, it.at) };
    })(),
    opts,
  );
  let changed = 0;
  for (let i = 0; i < ids.length; i += FLAG_CHUNK) changed += await storage.setCoordinated(seriesId, ids.slice(i, i + FLAG_CHUNK), true);
  return { flagged: ids.length, changed };
}
