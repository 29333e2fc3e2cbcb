import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rowPreparer } from '../src/imports/prepare.js';
import { createPseudonymizer, newSeriesSecret, normalizeFeedbackRow, privatizeFeedback, readRows, suggestMapping } from '../src/ingest/index.js';
import { openSqliteStorage } from '../src/storage/sqlite/index.js';
import type { NewFeedbackItem } from '../src/storage/types.js';

/** CPU cost of each step of an import, in microseconds per row. */
export interface StageCosts {
  rows: number;
  parse: number;
  normalize: number;
  privacy: number;
  searchTokens: number;
  store: number;
}

/**
 * Where an import's time goes [FB20]: the first `rows` rows of the file are
 * run through the pipeline one step more at a time, in this process (parse;
 * + mapping and validation; + redaction and pseudonyms; + search tokens),
 * then the prepared rows are stored in a fresh database in 5,000-row batches.
 * Each step's cost is the difference to the previous pass.
 */
export async function profileStages(csv: string, rows: number, episodes: string[]): Promise<StageCosts> {
  const secret = newSeriesSecret();
  const episodeList = episodes.map((id, i) => ({ id, number: i + 1, title: `第${i + 1}集` }));
  let mapping: Record<string, string> | null = null;
  const context = (m: Record<string, string>) => ({
    target: 'feedback' as const,
    seriesId: 'bench',
    importId: 'bench',
    mapping: m,
    platform: 'douyin',
    episodes: episodeList,
    defaultEpisodeId: null,
    now: Date.now(),
    secret,
  });

  async function pass(step: 0 | 1 | 2 | 3, keep?: NewFeedbackItem[]): Promise<number> {
    const pseudonym = createPseudonymizer(secret, 50_000);
    let prepare: ReturnType<typeof rowPreparer> | null = null;
    let n = 0;
    const t0 = performance.now();
    for await (const row of readRows(createReadStream(csv, { highWaterMark: 256 * 1024 }), { format: 'csv', encoding: 'utf-8' })) {
      if (++n > rows) break;
      if (step === 0) continue;
      mapping ??= suggestMapping(Object.keys(row.fields), 'feedback').mapping;
      if (step === 3) {
        prepare ??= rowPreparer(context(mapping));
        const p = prepare(row);
        if (keep && p.ok) keep.push(p.row as NewFeedbackItem);
        continue;
      }
      const ctx = { ...context(mapping), resolveEpisode: (v: string | null) => episodeList.find((e) => e.title === v)?.id, now: new Date(), seriesSecret: secret };
      const result = normalizeFeedbackRow(row, ctx);
      if (step === 2 && result.ok) privatizeFeedback(result.item, pseudonym);
    }
    return ((performance.now() - t0) * 1000) / rows;
  }

  const parse = await pass(0);
  const normalize = await pass(1);
  const privacy = await pass(2);
  const prepared: NewFeedbackItem[] = [];
  const all = await pass(3, prepared);

  const dir = mkdtempSync(join(tmpdir(), 'loopline-bench-profile-'));
  try {
    const storage = openSqliteStorage({ file: join(dir, 'db.sqlite') });
    const series = await storage.createSeries({ title: 'profile', language: 'zh' });
    const items = prepared.map((item) => ({ ...item, seriesId: series.id }));
    const t0 = performance.now();
    for (let i = 0; i < items.length; i += 5000) await storage.insertFeedbackBatch(items.slice(i, i + 5000));
    const store = ((performance.now() - t0) * 1000) / Math.max(1, items.length);
    await storage.close();
    return { rows, parse, normalize: normalize - parse, privacy: privacy - normalize, searchTokens: all - privacy, store };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
