/**
 * Feedback items of the trace bench: the seeded generator's rows made private
 * as an import makes them (redaction, series-keyed pseudonyms, search tokens
 * from the redacted text) and stored with `storage.insertFeedbackBatch` in
 * large batches. This skips only the import's file parsing and column mapping
 * (measured by `pnpm bench ingest`); what lands in the database is what an
 * import of the same rows stores.
 */
import { createHash } from 'node:crypto';
import { type GenEpisode, generateFeedback } from '../src/generate/index.js';
import { createPseudonymizer, newSeriesSecret, privatizeFeedback, searchTokens } from '../src/ingest/index.js';
import type { NewFeedbackItem, Storage } from '../src/storage/types.js';

const BATCH = 5_000;

/** Where each episode's items are: row ids are consecutive per episode, as the generator yields episode by episode. */
export interface ItemRanges {
  /** Episode id → [first, last] item id (inclusive); absent when the episode got no items. */
  byEpisode: Map<string, [number, number]>;
  total: number;
  /** Items of the generator's coordinated burst, flagged coordinated as detection would. */
  coordinated: number;
}

/**
 * Generates and stores `rows` items for `episodes` of the series. Fails
 * loudly if the stored ids are not the consecutive ones the bench relies on
 * (a duplicate skipped by storage would shift them).
 */
export async function insertItems(
  storage: Storage,
  seriesId: string,
  episodes: GenEpisode[],
  opts: { seed: number; rows: number; start: Date; progress: (done: number) => void },
): Promise<ItemRanges> {
  const secret = await storage.ensureSeriesSecret(seriesId, newSeriesSecret());
  const pseudonym = createPseudonymizer(secret);
  const byEpisode = new Map<string, [number, number]>();
  const burst: string[] = [];
  let batch: NewFeedbackItem[] = [];
  let lastExternal: string | null = null;
  let nextId = 1;

  const flush = async () => {
    if (batch.length === 0) return;
    const result = await storage.insertFeedbackBatch(batch);
    if (result.duplicates > 0) throw new Error(`trace bench: ${result.duplicates} generated rows were duplicates; item ids would not be consecutive`);
    nextId += batch.length;
    const last = await storage.getFeedbackItem(String(nextId - 1));
    if (last?.externalId !== lastExternal) throw new Error(`trace bench: item ${nextId - 1} is not the row just inserted; ids are not consecutive`);
    batch = [];
    opts.progress(nextId - 1);
  };

  for (const row of generateFeedback({ seed: opts.seed, rows: opts.rows, episodes, platforms: ['douyin', 'kuaishou', 'tiktok'], start: opts.start })) {
    const id = nextId + batch.length;
    const range = byEpisode.get(row.episodeId);
    if (range) range[1] = id;
    else byEpisode.set(row.episodeId, [id, id]);
    if (row.truth.burst) burst.push(String(id));
    const hash = createHash('sha256').update(JSON.stringify([row.platform, row.kind, row.episodeId, row.author, row.postedAt, row.text, row.quote])).digest('hex');
    const item = privatizeFeedback(
      {
        episodeId: row.episodeId,
        kind: row.kind,
        platform: row.platform,
        externalId: row.externalId,
        parentExternalId: row.parentExternalId,
        postedAt: row.postedAt,
        language: row.language,
        text: row.text,
        quote: row.quote,
        likes: row.likes,
        replyCount: row.replyCount,
        timecodeMs: row.timecodeMs,
        segments: { ...row.segments },
        authorHandle: row.author,
        contentHash: hash,
      },
      pseudonym,
    );
    const searchText = searchTokens(item.quote === null ? item.text : `${item.text}\n${item.quote}`);
    batch.push({ ...item, seriesId, importId: null, searchText });
    lastExternal = row.externalId;
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  for (let i = 0; i < burst.length; i += BATCH) await storage.setCoordinated(seriesId, burst.slice(i, i + BATCH), true);
  return { byEpisode, total: nextId - 1, coordinated: burst.length };
}
