import { setImmediate as nextTurn } from 'node:timers/promises';
import { AuthorStats, CoordinationDetector, type CoordinationOptions } from '../analysis/coordination.js';
import { itemFactsCursor } from '../storage/evidenceCommon.js';
import type { ItemFacts, Storage } from '../storage/types.js';

/** What a detection run did. */
export interface DetectionResult {
  /** Items the detector flags as coordinated. */
  flagged: number;
  /** Of those, how many were not flagged before. */
  changed: number;
}

type FactsStorage = Pick<Storage, 'listItemFacts' | 'setCoordinated'>;

const FLAG_CHUNK = 10_000;

/** The series' items oldest first, one storage page at a time. */
async function* pages(storage: FactsStorage, seriesId: string, withText: boolean): AsyncGenerator<(ItemFacts & { text?: string })[]> {
  let after: string | null = null;
  for (;;) {
    const page = await storage.listItemFacts(seriesId, { after, withText });
    if (page.length === 0) return;
    yield page;
    after = itemFactsCursor(page[page.length - 1]!);
    // SQLite reads synchronously: between pages, let the server answer requests (a million items take seconds).
    await nextTurn();
  }
}

/**
 * Runs coordination detection over a series' feedback and flags what it
 * finds (after each feedback import, and on demand) [CO14] [CO16]. Two
 * streamed passes over the stored items, oldest first, a page at a time:
 * each author's first appearance and item count without the text
 * (`AuthorStats`, memory by distinct authors), then the items with their
 * text through a `CoordinationDetector`, whose flags are stored in chunks as
 * it decides them — never the whole series in memory. Detection only adds
 * flags: a flag set by hand, or by an earlier run whose burst a later import
 * diluted, is left for a person to clear.
 */
export async function detectAndFlag(storage: FactsStorage, seriesId: string, opts: CoordinationOptions = {}): Promise<DetectionResult> {
  const stats = new AuthorStats();
  for await (const page of pages(storage, seriesId, false)) for (const f of page) stats.add(f.author, f.postedAt);

  const detector = new CoordinationDetector(opts);
  let pending: string[] = [];
  let changed = 0;
  const flag = async (all: boolean) => {
    while (pending.length >= (all ? 1 : FLAG_CHUNK)) {
      const chunk = pending.slice(0, FLAG_CHUNK);
      pending = pending.slice(FLAG_CHUNK);
      changed += await storage.setCoordinated(seriesId, chunk, true);
    }
  };
  for await (const page of pages(storage, seriesId, true)) {
    for (const f of page) {
      const at = Date.parse(f.postedAt);
      for (const id of detector.push({ id: f.id, author: f.author, postedAt: at, text: f.text ?? '', ...stats.get(f.author, at) })) pending.push(id);
    }
    await flag(false);
  }
  for (const id of detector.finish()) pending.push(id);
  await flag(true);
  return { flagged: detector.stats.flagged, changed };
}
