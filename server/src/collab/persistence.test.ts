import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStorage } from '../storage/sqlite/index.js';
import type { Storage } from '../storage/types.js';
import { silentLogger } from './log.js';
import { DocumentLog, loadEpisodeDocument } from './persistence.js';

let storage: Storage;
let episodeId: string;
beforeEach(async () => {
  storage = openSqliteStorage({ file: ':memory:' });
  const series = await storage.createSeries({ title: 's', language: 'zh' });
  episodeId = (await storage.createEpisode({ seriesId: series.id, title: 'e' })).id;
});
afterEach(async () => {
  await storage.close();
});

/** Appends one text edit per string to storage, each made on top of the previous; returns the author's doc. */
async function appendEdits(texts: string[]): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const text of texts) {
    const sv = Y.encodeStateVector(doc);
    doc.getText('t').insert(doc.getText('t').length, text);
    await storage.appendUpdate(episodeId, Y.encodeStateAsUpdate(doc, sv));
  }
  return doc;
}

describe('persistence', () => {
  it('[SY6] loads snapshot + log; garbage in the log is quarantined and the rest loads', async () => {
    await appendEdits(['a']);
    await storage.appendUpdate(episodeId, new Uint8Array([9, 9, 9]));
    const lines: string[] = [];
    const log = { ...silentLogger, error: (_o: object, msg: string) => void lines.push(msg) };
    const loaded = await loadEpisodeDocument(storage, episodeId, log);
    expect(loaded.doc.getText('t').toString()).toBe('a');
    expect(loaded.quarantined).toHaveLength(1);
    expect(lines[0]).toMatch(/quarantined stored update \d+ of episode/);
    expect(await storage.listQuarantined(episodeId)).toHaveLength(1);
    expect(loaded.logUpdates).toBe(1);
  });

  it('[SY7] compaction replaces the log with a snapshot holding the same document', async () => {
    const author = await appendEdits(['a', 'b', 'c']);
    const loaded = await loadEpisodeDocument(storage, episodeId, silentLogger);
    const docLog = new DocumentLog(storage, episodeId, { compactAfterUpdates: 3, compactAfterBytes: 1e9 }, silentLogger, loaded);
    expect(docLog.needsCompaction).toBe(true);
    await docLog.compact(loaded.doc);
    expect(docLog.length).toBe(0);
    const stored = await storage.loadDocument(episodeId);
    expect(stored.updates).toEqual([]);
    const reloaded = await loadEpisodeDocument(storage, episodeId, silentLogger);
    expect(reloaded.doc.getText('t').toString()).toBe(author.getText('t').toString());
  });

  it('[SY7] an update appended while a compaction runs stays in the log', async () => {
    await appendEdits(['a', 'b']);
    const loaded = await loadEpisodeDocument(storage, episodeId, silentLogger);
    const docLog = new DocumentLog(storage, episodeId, { compactAfterUpdates: 1, compactAfterBytes: 1e9 }, silentLogger, loaded);
    const compaction = docLog.compact(loaded.doc);
    const sv = Y.encodeStateVector(loaded.doc);
    loaded.doc.getText('t').insert(2, 'z');
    const seq = await storage.appendUpdate(episodeId, Y.encodeStateAsUpdate(loaded.doc, sv));
    docLog.recordAppend(seq, 1);
    await compaction;
    expect(docLog.length).toBe(1);
    const reloaded = await loadEpisodeDocument(storage, episodeId, silentLogger);
    expect(reloaded.doc.getText('t').toString()).toBe('abz');
  });
});
