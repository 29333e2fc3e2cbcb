import type Database from 'better-sqlite3';
import { asBuffer, type DocumentStorage, nowIso, ownBytes, StorageNotFoundError } from '../common.js';
import type { StoredDocument } from '../types.js';

interface QuarantineRow {
  episode_id: string;
  seq: number;
  data: Buffer;
  reason: string;
  at: string;
}

interface CanonicalRow {
  episode_id: string;
  json: string;
  updated_at: string;
  runtime_seconds: number;
  scene_count: number;
}

/** True for SQLite's foreign-key violation, i.e. a write naming an unknown episode. */
function isForeignKeyError(err: unknown): boolean {
  return (err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Document log and canonical snapshot methods over one SQLite connection. */
export function sqliteDocuments(db: Database.Database): DocumentStorage {
  const s = {
    // The hot path: one INSERT, no read. The episode's existence is checked
    // by the foreign key, inside SQLite, not by a separate query.
    append: db.prepare('INSERT INTO doc_updates (episode_id, data) VALUES (?, ?)'),
    snapshot: db.prepare<[string], { data: Buffer }>('SELECT data FROM doc_snapshots WHERE episode_id = ?'),
    updates: db.prepare<[string], { seq: number; data: Buffer }>(
      'SELECT seq, data FROM doc_updates WHERE episode_id = ? ORDER BY seq',
    ),
    putSnapshot: db.prepare(
      `INSERT INTO doc_snapshots (episode_id, data, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (episode_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
    ),
    trimUpdates: db.prepare('DELETE FROM doc_updates WHERE episode_id = ? AND seq <= ?'),
    copyToQuarantine: db.prepare(
      `INSERT INTO doc_quarantine (episode_id, seq, data, reason, at)
       SELECT episode_id, seq, data, ?, ? FROM doc_updates WHERE episode_id = ? AND seq = ?`,
    ),
    deleteUpdate: db.prepare('DELETE FROM doc_updates WHERE episode_id = ? AND seq = ?'),
    quarantined: db.prepare<[string], QuarantineRow>('SELECT * FROM doc_quarantine WHERE episode_id = ? ORDER BY seq'),
    setEpisodeMetrics: db.prepare('UPDATE episodes SET runtime_seconds = ?, scene_count = ? WHERE id = ?'),
    putCanonical: db.prepare(
      `INSERT INTO canonical_snapshots (episode_id, json, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (episode_id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
    ),
    canonical: db.prepare<[string], CanonicalRow>(
      `SELECT c.episode_id, c.json, c.updated_at, e.runtime_seconds, e.scene_count
       FROM canonical_snapshots c JOIN episodes e ON e.id = c.episode_id WHERE c.episode_id = ?`,
    ),
  };

  // A deferred transaction pins one read snapshot of the WAL, so a compaction
  // committed by another connection between the two SELECTs cannot make us
  // return the new snapshot with the old (deleted) updates or vice versa.
  const load = db.transaction((episodeId: string): StoredDocument => {
    const snap = s.snapshot.get(episodeId);
    return {
      snapshot: snap ? ownBytes(snap.data) : null,
      updates: s.updates.all(episodeId).map((row) => ({ seq: row.seq, data: ownBytes(row.data) })),
    };
  });

  const compact = db.transaction((episodeId: string, snapshot: Uint8Array, upToSeq: number) => {
    s.putSnapshot.run(episodeId, asBuffer(snapshot), nowIso());
    s.trimUpdates.run(episodeId, upToSeq);
  });

  const quarantine = db.transaction((episodeId: string, seq: number, reason: string) => {
    if (s.copyToQuarantine.run(reason, nowIso(), episodeId, seq).changes > 0) s.deleteUpdate.run(episodeId, seq);
  });

  const saveCanonical = db.transaction((episodeId: string, json: string, runtime: number, scenes: number, at: string) => {
    if (s.setEpisodeMetrics.run(runtime, scenes, episodeId).changes === 0) {
      throw new StorageNotFoundError('episode', episodeId);
    }
    s.putCanonical.run(episodeId, json, at);
  });

  return {
    async appendUpdate(episodeId, update) {
      try {
        return Number(s.append.run(episodeId, asBuffer(update)).lastInsertRowid);
      } catch (err) {
        if (isForeignKeyError(err)) throw new StorageNotFoundError('episode', episodeId);
        throw err;
      }
    },
    async loadDocument(episodeId) {
      return load.deferred(episodeId);
    },
    async compactDocument(episodeId, snapshot, upToSeq) {
      try {
        compact.immediate(episodeId, snapshot, upToSeq);
      } catch (err) {
        if (isForeignKeyError(err)) throw new StorageNotFoundError('episode', episodeId);
        throw err;
      }
    },
    async quarantineUpdate(episodeId, seq, reason) {
      quarantine.immediate(episodeId, seq, reason);
    },
    async listQuarantined(episodeId) {
      return s.quarantined.all(episodeId).map((row) => ({
        episodeId: row.episode_id,
        seq: row.seq,
        reason: row.reason,
        quarantinedAt: row.at,
        data: ownBytes(row.data),
      }));
    },
    async saveCanonical(snapshot) {
      const json = JSON.stringify(snapshot.doc);
      saveCanonical.immediate(snapshot.episodeId, json, snapshot.runtimeSeconds, snapshot.sceneCount, snapshot.updatedAt);
    },
    async getCanonical(episodeId) {
      const row = s.canonical.get(episodeId);
      if (!row) return null;
      return {
        episodeId: row.episode_id,
        doc: JSON.parse(row.json) as unknown,
        runtimeSeconds: row.runtime_seconds,
        sceneCount: row.scene_count,
        updatedAt: row.updated_at,
      };
    },
  };
}
