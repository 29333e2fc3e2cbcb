import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { type CatalogStorage, clampPosition, nowIso, StorageNotFoundError } from '../common.js';
import { type BibleRow, type EpisodeRow, type SeriesRow, toBibleEntry, toEpisode, toSeries } from './rows.js';
import { inTransaction, parentMustExist } from './tx.js';

/** Renumbering SQL, shared by insert and move. See the SQLite catalog for why numbers pass through negatives. */
const SHIFT_UP = 'UPDATE episodes SET number = -(number + 1) WHERE series_id = $1 AND number >= $2 AND number <= $3';
const SHIFT_DOWN = 'UPDATE episodes SET number = -(number - 1) WHERE series_id = $1 AND number >= $2 AND number <= $3';
const UNFLIP = 'UPDATE episodes SET number = -number WHERE series_id = $1 AND number < 0';

/**
 * Locks the series row for the rest of the transaction: every change of
 * episode numbers in a series takes this lock first, so concurrent appends or
 * moves in one series run one after the other instead of colliding on
 * UNIQUE(series_id, number).
 */
async function lockSeries(client: PoolClient, seriesId: string): Promise<SeriesRow | undefined> {
  const res = await client.query<SeriesRow>('SELECT * FROM series WHERE id = $1 FOR UPDATE', [seriesId]);
  return res.rows[0];
}

async function maxNumber(client: PoolClient, seriesId: string): Promise<number> {
  const res = await client.query<{ n: number }>(
    'SELECT COALESCE(MAX(number), 0)::integer AS n FROM episodes WHERE series_id = $1',
    [seriesId],
  );
  return res.rows[0]!.n;
}

/** Series, episode and bible methods over a node-postgres pool. */
export function postgresCatalog(pool: Pool): CatalogStorage {
  function bibleTable(table: 'bible_characters' | 'bible_locations') {
    return {
      async create(input: { seriesId: string; name: string; aliases: string[]; description: string }) {
        const res = await parentMustExist('series', input.seriesId, () =>
          pool.query<BibleRow>(
            `INSERT INTO ${table} (id, series_id, name, aliases, description) VALUES ($1, $2, $3, $4::jsonb, $5) RETURNING *`,
            [randomUUID(), input.seriesId, input.name, JSON.stringify(input.aliases), input.description],
          ),
        );
        return toBibleEntry(res.rows[0]!);
      },
      async update(id: string, patch: { name?: string; aliases?: string[]; description?: string }) {
        // Every field is NOT NULL, so COALESCE(NULL param, column) keeps what the patch leaves out.
        const res = await pool.query<BibleRow>(
          `UPDATE ${table} SET name = COALESCE($2, name), aliases = COALESCE($3::jsonb, aliases),
             description = COALESCE($4, description) WHERE id = $1 RETURNING *`,
          [id, patch.name ?? null, patch.aliases === undefined ? null : JSON.stringify(patch.aliases), patch.description ?? null],
        );
        return res.rows[0] ? toBibleEntry(res.rows[0]) : null;
      },
      async remove(id: string) {
        return ((await pool.query(`DELETE FROM ${table} WHERE id = $1`, [id])).rowCount ?? 0) > 0;
      },
      async list(seriesId: string) {
        const res = await pool.query<BibleRow>(`SELECT * FROM ${table} WHERE series_id = $1 ORDER BY ord`, [seriesId]);
        return res.rows.map(toBibleEntry);
      },
    };
  }
  const characters = bibleTable('bible_characters');
  const locations = bibleTable('bible_locations');

  return {
    async createSeries(input) {
      const now = nowIso();
      const res = await pool.query<SeriesRow>(
        'INSERT INTO series (id, title, language, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING *',
        [randomUUID(), input.title, input.language, now],
      );
      return toSeries(res.rows[0]!);
    },
    async getSeries(id) {
      const res = await pool.query<SeriesRow>('SELECT * FROM series WHERE id = $1', [id]);
      return res.rows[0] ? toSeries(res.rows[0]) : null;
    },
    async listSeries(opts) {
      const where = opts?.includeArchived ? '' : 'WHERE NOT archived';
      const res = await pool.query<SeriesRow>(`SELECT * FROM series ${where} ORDER BY created_at, ord`);
      return res.rows.map(toSeries);
    },
    async updateSeries(id, patch) {
      const res = await pool.query<SeriesRow>(
        `UPDATE series SET title = COALESCE($2, title), language = COALESCE($3, language),
           archived = COALESCE($4, archived), updated_at = $5 WHERE id = $1 RETURNING *`,
        [id, patch.title ?? null, patch.language ?? null, patch.archived ?? null, nowIso()],
      );
      return res.rows[0] ? toSeries(res.rows[0]) : null;
    },

    async createEpisode(input) {
      const requested = input.number;
      if (requested !== undefined) clampPosition(requested, 1); // reject non-integers before any write
      return inTransaction(pool, async (client) => {
        const series = await lockSeries(client, input.seriesId);
        if (!series) throw new StorageNotFoundError('series', input.seriesId);
        const max = await maxNumber(client, input.seriesId);
        const number = requested === undefined ? max + 1 : clampPosition(requested, max + 1);
        if (number <= max) {
          await client.query(SHIFT_UP, [input.seriesId, number, max]);
          await client.query(UNFLIP, [input.seriesId]);
        }
        const now = nowIso();
        const res = await client.query<EpisodeRow>(
          `INSERT INTO episodes (id, series_id, number, title, language, assignee, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING *`,
          [randomUUID(), input.seriesId, number, input.title, input.language ?? series.language, input.assignee ?? null, now],
        );
        return toEpisode(res.rows[0]!);
      });
    },
    async getEpisode(id) {
      const res = await pool.query<EpisodeRow>('SELECT * FROM episodes WHERE id = $1', [id]);
      return res.rows[0] ? toEpisode(res.rows[0]) : null;
    },
    async listEpisodes(seriesId, opts) {
      const archived = opts?.includeArchived ? '' : 'AND NOT archived';
      const res = await pool.query<EpisodeRow>(`SELECT * FROM episodes WHERE series_id = $1 ${archived} ORDER BY number`, [
        seriesId,
      ]);
      return res.rows.map(toEpisode);
    },
    async updateEpisode(id, patch) {
      if (patch.number !== undefined) clampPosition(patch.number, 1); // reject non-integers before any write
      return inTransaction(pool, async (client) => {
        const found = await client.query<{ series_id: string }>('SELECT series_id FROM episodes WHERE id = $1', [id]);
        if (!found.rows[0]) return null;
        const seriesId = found.rows[0].series_id;
        await lockSeries(client, seriesId);
        // Re-read under the lock: a concurrent move may have changed our number.
        const row = (await client.query<EpisodeRow>('SELECT * FROM episodes WHERE id = $1', [id])).rows[0];
        if (!row) return null;
        let number = row.number;
        if (patch.number !== undefined) {
          number = clampPosition(patch.number, await maxNumber(client, seriesId));
          if (number !== row.number) {
            await client.query('UPDATE episodes SET number = 0 WHERE id = $1', [id]);
            if (number < row.number) await client.query(SHIFT_UP, [seriesId, number, row.number - 1]);
            else await client.query(SHIFT_DOWN, [seriesId, row.number + 1, number]);
            await client.query(UNFLIP, [seriesId]);
          }
        }
        const res = await client.query<EpisodeRow>(
          `UPDATE episodes SET title = $2, status = $3, assignee = $4, archived = $5, number = $6, updated_at = $7
           WHERE id = $1 RETURNING *`,
          [
            id,
            patch.title ?? row.title,
            patch.status ?? row.status,
            patch.assignee === undefined ? row.assignee : patch.assignee,
            patch.archived ?? row.archived,
            number,
            nowIso(),
          ],
        );
        return toEpisode(res.rows[0]!);
      });
    },

    async getBible(seriesId) {
      const [chars, locs] = await Promise.all([characters.list(seriesId), locations.list(seriesId)]);
      return { characters: chars, locations: locs };
    },
    createCharacter: (input) => characters.create(input),
    updateCharacter: (id, patch) => characters.update(id, patch),
    deleteCharacter: (id) => characters.remove(id),
    createLocation: (input) => locations.create(input),
    updateLocation: (id, patch) => locations.update(id, patch),
    deleteLocation: (id) => locations.remove(id),
  };
}
