import type { Pool } from 'pg';
import { asBuffer, type DocumentStorage, nowIso, ownBytes, StorageNotFoundError } from '../common.js';
import type { StoredUpdate } from '../types.js';
import { inTransaction, parentMustExist } from './tx.js';

/** Document log and canonical snapshot methods over a node-postgres pool. */
export function postgresDocuments(pool: Pool): DocumentStorage {
  return {
    async appendUpdate(episodeId, update) {
      // The hot path: one INSERT, as a named (per-connection prepared) statement.
      const res = await parentMustExist('episode', episodeId, () =>
        pool.query<{ seq: string }>({
          name: 'loopline_append_update',
          text: 'INSERT INTO doc_updates (episode_id, data) VALUES ($1, $2) RETURNING seq',
          values: [episodeId, asBuffer(update)],
        }),
      );
      return Number(res.rows[0]!.seq);
    },

    async loadDocument(episodeId) {
      // One statement, so one MVCC snapshot: a compaction committing meanwhile
      // is seen entirely or not at all (READ COMMITTED is per statement).
      const res = await pool.query<{ kind: number; seq: string | null; data: Buffer }>({
        name: 'loopline_load_document',
        text: `SELECT 0 AS kind, NULL::bigint AS seq, data FROM doc_snapshots WHERE episode_id = $1
               UNION ALL
               SELECT 1 AS kind, seq, data FROM doc_updates WHERE episode_id = $1
               ORDER BY kind, seq`,
        values: [episodeId],
      });
      let snapshot: Uint8Array | null = null;
      const updates: StoredUpdate[] = [];
      for (const row of res.rows) {
        if (row.kind === 0) snapshot = ownBytes(row.data);
        else updates.push({ seq: Number(row.seq), data: ownBytes(row.data) });
      }
      return { snapshot, updates };
    },

    async compactDocument(episodeId, snapshot, upToSeq) {
      const data = asBuffer(snapshot);
      await parentMustExist('episode', episodeId, () =>
        inTransaction(pool, async (client) => {
          await client.query(
            `INSERT INTO doc_snapshots (episode_id, data, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (episode_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
            [episodeId, data, nowIso()],
          );
          await client.query('DELETE FROM doc_updates WHERE episode_id = $1 AND seq <= $2', [episodeId, upToSeq]);
        }),
      );
    },

    async quarantineUpdate(episodeId, seq, reason) {
      // DELETE … RETURNING feeding the INSERT: the move is one atomic statement.
      await pool.query(
        `WITH moved AS (DELETE FROM doc_updates WHERE episode_id = $1 AND seq = $2 RETURNING episode_id, seq, data)
         INSERT INTO doc_quarantine (episode_id, seq, data, reason, at) SELECT episode_id, seq, data, $3, $4 FROM moved`,
        [episodeId, seq, reason, nowIso()],
      );
    },

    async listQuarantined(episodeId) {
      const res = await pool.query<{ episode_id: string; seq: string; data: Buffer; reason: string; at: Date }>(
        'SELECT * FROM doc_quarantine WHERE episode_id = $1 ORDER BY seq',
        [episodeId],
      );
      return res.rows.map((row) => ({
        episodeId: row.episode_id,
        seq: Number(row.seq),
        reason: row.reason,
        quarantinedAt: row.at.toISOString(),
        data: ownBytes(row.data),
      }));
    },

    async saveCanonical(snapshot) {
      const { episodeId } = snapshot;
      await inTransaction(pool, async (client) => {
        const metrics = await client.query('UPDATE episodes SET runtime_seconds = $2, scene_count = $3 WHERE id = $1', [
          episodeId,
          snapshot.runtimeSeconds,
          snapshot.sceneCount,
        ]);
        if (metrics.rowCount === 0) throw new StorageNotFoundError('episode', episodeId);
        await client.query(
          `INSERT INTO canonical_snapshots (episode_id, json, updated_at) VALUES ($1, $2::json, $3)
           ON CONFLICT (episode_id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
          [episodeId, JSON.stringify(snapshot.doc), snapshot.updatedAt],
        );
      });
    },

    async getCanonical(episodeId) {
      const res = await pool.query<{ json: unknown; updated_at: Date; runtime_seconds: number; scene_count: number }>(
        `SELECT c.json, c.updated_at, e.runtime_seconds, e.scene_count
         FROM canonical_snapshots c JOIN episodes e ON e.id = c.episode_id WHERE c.episode_id = $1`,
        [episodeId],
      );
      const row = res.rows[0];
      if (!row) return null;
      return {
        episodeId,
        doc: row.json,
        runtimeSeconds: row.runtime_seconds,
        sceneCount: row.scene_count,
        updatedAt: row.updated_at.toISOString(),
      };
    },
  };
}
