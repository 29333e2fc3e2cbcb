import { join } from 'node:path';
import * as Y from 'yjs';
import { resolveLimits } from '../src/collab/limits.js';
import { silentLogger } from '../src/collab/log.js';
import { Room } from '../src/collab/room.js';
import { deriveCanonical } from '../src/documents/canonical.js';
import { openStorage } from '../src/storage/index.js';
import type { Storage } from '../src/storage/types.js';
import { buildRealisticState, type DocShape, type StoredEpisodeState } from './realisticDoc.js';
import { type Summary, summarize } from './stats.js';

/** Figures of one cold-load measurement. */
export interface ColdLoadResult {
  label: string;
  shape: DocShape;
  targetBytes: number;
  targetMs: number;
  stateBytes: number;
  scenes: number;
  structs: number;
  liveChars: number;
  tailUpdates: number;
  /** Room.load: storage read → document applied → room ready to answer a sync step 1. */
  load: Summary;
  /** Reference: Y.applyUpdate of the same snapshot and log into a new Y.Doc, nothing else. */
  yjsOnly: Summary;
  /** A new WebsocketProvider against a cold room until its `synced` event (filled in by the round-trip run). */
  firstSync?: Summary;
}

/** Stores `state` as a new episode (snapshot + log tail + canonical snapshot); returns its id. */
export async function storeEpisode(storage: Storage, state: StoredEpisodeState): Promise<string> {
  const series = await storage.createSeries({ title: 'bench', language: 'zh' });
  const episode = await storage.createEpisode({ seriesId: series.id, title: 'bench' });
  await storage.compactDocument(episode.id, state.snapshot, 0);
  for (const update of state.tail) await storage.appendUpdate(episode.id, update);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state.snapshot);
  for (const update of state.tail) Y.applyUpdate(doc, update);
  await storage.saveCanonical(deriveCanonical(episode.id, doc, 'zh'));
  doc.destroy();
  return episode.id;
}

/**
 * Times Room.load of an episode of about `targetBytes` of Yjs state. Each run
 * opens a new SQLite connection (untimed), so SQLite's page cache is cold
 * while the OS file cache is warm, as for a room loaded after idling out.
 */
export async function benchColdLoad(
  dir: string,
  opts: { label: string; shape: DocShape; targetBytes: number; targetMs: number; runs: number; warmup: number; seed: number },
): Promise<{ result: ColdLoadResult; file: string; state: StoredEpisodeState }> {
  const state = buildRealisticState(opts.seed, opts.targetBytes, opts.shape);
  const file = join(dir, `cold-${opts.shape}-${opts.targetBytes}.db`);
  const setup = await openStorage({ kind: 'sqlite', file });
  const episodeId = await storeEpisode(setup, state);
  await setup.close();

  const limits = resolveLimits({ pingIntervalMs: 0 });
  const samples: number[] = [];
  const yjsSamples: number[] = [];
  for (let i = 0; i < opts.warmup + opts.runs; i++) {
    const storage = await openStorage({ kind: 'sqlite', file });
    const start = performance.now();
    const room = await Room.load({ episodeId, storage, limits, log: silentLogger });
    const elapsed = performance.now() - start;
    await room.discard();
    await storage.close();
    // Interleaved with the room loads, so both see the same machine conditions.
    const doc = new Y.Doc();
    const yjsStart = performance.now();
    Y.applyUpdate(doc, state.snapshot);
    doc.transact(() => {
      for (const update of state.tail) Y.applyUpdate(doc, update);
    });
    const yjsElapsed = performance.now() - yjsStart;
    doc.destroy();
    if (i >= opts.warmup) {
      samples.push(elapsed);
      yjsSamples.push(yjsElapsed);
    }
  }
  return {
    result: {
      label: opts.label,
      shape: opts.shape,
      targetBytes: opts.targetBytes,
      targetMs: opts.targetMs,
      stateBytes: state.stateBytes,
      scenes: state.scenes,
      structs: state.structs,
      liveChars: state.liveChars,
      tailUpdates: state.tail.length,
      load: summarize(samples),
      yjsOnly: summarize(yjsSamples),
    },
    file,
    state,
  };
}
