import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { type CatalogStorage, clampPosition, nowIso, StorageNotFoundError } from '../common.js';
import type { Storage } from '../types.js';
import { type BibleRow, type EpisodeRow, type SeriesRow, toBibleEntry, toEpisode, toSeries } from './rows.js';

/** Series, episode and bible methods over one SQLite connection, with statements prepared once. */
export function sqliteCatalog(db: Database.Database): CatalogStorage {
  const s = {
    insertSeries: db.prepare(
      'INSERT INTO series (id, title, language, archived, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)',
    ),
    getSeries: db.prepare<[string], SeriesRow>('SELECT * FROM series WHERE id = ?'),
    // rowid keeps creation order stable even when two rows share a millisecond.
    listSeries: db.prepare<[], SeriesRow>('SELECT * FROM series WHERE archived = 0 ORDER BY created_at, rowid'),
    listAllSeries: db.prepare<[], SeriesRow>('SELECT * FROM series ORDER BY created_at, rowid'),
    updateSeries: db.prepare('UPDATE series SET title = ?, language = ?, archived = ?, updated_at = ? WHERE id = ?'),

    maxNumber: db.prepare<[string], { n: number }>(
      'SELECT COALESCE(MAX(number), 0) AS n FROM episodes WHERE series_id = ?',
    ),
    insertEpisode: db.prepare(
      `INSERT INTO episodes (id, series_id, number, title, language, status, assignee, archived, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'draft', ?, 0, ?, ?)`,
    ),
    getEpisode: db.prepare<[string], EpisodeRow>('SELECT * FROM episodes WHERE id = ?'),
    listEpisodes: db.prepare<[string], EpisodeRow>(
      'SELECT * FROM episodes WHERE series_id = ? AND archived = 0 ORDER BY number',
    ),
    listAllEpisodes: db.prepare<[string], EpisodeRow>('SELECT * FROM episodes WHERE series_id = ? ORDER BY number'),
    updateEpisode: db.prepare(
      'UPDATE episodes SET title = ?, status = ?, assignee = ?, archived = ?, number = ?, updated_at = ? WHERE id = ?',
    ),
    // Renumbering goes through negative numbers: UNIQUE(series_id, number) is
    // checked row by row, so shifting in place would collide midway.
    parkEpisode: db.prepare('UPDATE episodes SET number = 0 WHERE id = ?'),
    shiftUp: db.prepare('UPDATE episodes SET number = -(number + 1) WHERE series_id = ? AND number >= ? AND number <= ?'),
    shiftDown: db.prepare('UPDATE episodes SET number = -(number - 1) WHERE series_id = ? AND number >= ? AND number <= ?'),
    unflip: db.prepare('UPDATE episodes SET number = -number WHERE series_id = ? AND number < 0'),

    characters: db.prepare<[string], BibleRow>('SELECT * FROM bible_characters WHERE series_id = ? ORDER BY rowid'),
    locations: db.prepare<[string], BibleRow>('SELECT * FROM bible_locations WHERE series_id = ? ORDER BY rowid'),
  };

  /** Bible characters and locations share one shape, so one set of statements per table. */
  function bibleTable(table: 'bible_characters' | 'bible_locations') {
    const insert = db.prepare(`INSERT INTO ${table} (id, series_id, name, aliases, description) VALUES (?, ?, ?, ?, ?)`);
    const get = db.prepare<[string], BibleRow>(`SELECT * FROM ${table} WHERE id = ?`);
    const update = db.prepare(`UPDATE ${table} SET name = ?, aliases = ?, description = ? WHERE id = ?`);
    const remove = db.prepare(`DELETE FROM ${table} WHERE id = ?`);
    return {
      create(input: { seriesId: string; name: string; aliases: string[]; description: string }) {
        const id = randomUUID();
        if (!s.getSeries.get(input.seriesId)) throw new StorageNotFoundError('series', input.seriesId);
        insert.run(id, input.seriesId, input.name, JSON.stringify(input.aliases), input.description);
        return toBibleEntry(get.get(id)!);
      },
      update: db.transaction((id: string, patch: { name?: string; aliases?: string[]; description?: string }) => {
        const row = get.get(id);
        if (!row) return null;
        const aliases = patch.aliases === undefined ? row.aliases : JSON.stringify(patch.aliases);
        update.run(patch.name ?? row.name, aliases, patch.description ?? row.description, id);
        return toBibleEntry(get.get(id)!);
      }),
      remove: (id: string) => remove.run(id).changes > 0,
    };
  }
  const characters = bibleTable('bible_characters');
  const locations = bibleTable('bible_locations');

  /** Moves the episode at `from` to `to` within a series, shifting the ones between. */
  function move(seriesId: string, id: string, from: number, to: number): void {
    if (from === to) return;
    s.parkEpisode.run(id);
    if (to < from) s.shiftUp.run(seriesId, to, from - 1);
    else s.shiftDown.run(seriesId, from + 1, to);
    s.unflip.run(seriesId);
  }

  const createEpisode = db.transaction((input: Parameters<Storage['createEpisode']>[0]) => {
    const series = s.getSeries.get(input.seriesId);
    if (!series) throw new StorageNotFoundError('series', input.seriesId);
    const max = s.maxNumber.get(input.seriesId)!.n;
    const number = input.number === undefined ? max + 1 : clampPosition(input.number, max + 1);
    if (number <= max) {
      s.shiftUp.run(input.seriesId, number, max);
      s.unflip.run(input.seriesId);
    }
    const id = randomUUID();
    const now = nowIso();
    const language = input.language ?? series.language;
    s.insertEpisode.run(id, input.seriesId, number, input.title, language, input.assignee ?? null, now, now);
    return toEpisode(s.getEpisode.get(id)!);
  });

  const updateEpisode = db.transaction((id: string, patch: Parameters<Storage['updateEpisode']>[1]) => {
    const row = s.getEpisode.get(id);
    if (!row) return null;
    let number = row.number;
    if (patch.number !== undefined) {
      number = clampPosition(patch.number, s.maxNumber.get(row.series_id)!.n);
      move(row.series_id, id, row.number, number);
    }
    const archived = patch.archived === undefined ? row.archived : patch.archived ? 1 : 0;
    const assignee = patch.assignee === undefined ? row.assignee : patch.assignee;
    const title = patch.title ?? row.title;
    s.updateEpisode.run(title, patch.status ?? row.status, assignee, archived, number, nowIso(), id);
    return toEpisode(s.getEpisode.get(id)!);
  });

  const updateSeries = db.transaction((id: string, patch: Parameters<Storage['updateSeries']>[1]) => {
    const row = s.getSeries.get(id);
    if (!row) return null;
    const archived = patch.archived === undefined ? row.archived : patch.archived ? 1 : 0;
    s.updateSeries.run(patch.title ?? row.title, patch.language ?? row.language, archived, nowIso(), id);
    return toSeries(s.getSeries.get(id)!);
  });

  return {
    async createSeries(input) {
      const id = randomUUID();
      const now = nowIso();
      s.insertSeries.run(id, input.title, input.language, now, now);
      return toSeries(s.getSeries.get(id)!);
    },
    async getSeries(id) {
      const row = s.getSeries.get(id);
      return row ? toSeries(row) : null;
    },
    async listSeries(opts) {
      return (opts?.includeArchived ? s.listAllSeries : s.listSeries).all().map(toSeries);
    },
    async updateSeries(id, patch) {
      // .immediate: take the write lock before reading, so another process
      // cannot slip a write between our read and our update.
      return updateSeries.immediate(id, patch);
    },

    async createEpisode(input) {
      return createEpisode.immediate(input);
    },
    async getEpisode(id) {
      const row = s.getEpisode.get(id);
      return row ? toEpisode(row) : null;
    },
    async listEpisodes(seriesId, opts) {
      return (opts?.includeArchived ? s.listAllEpisodes : s.listEpisodes).all(seriesId).map(toEpisode);
    },
    async updateEpisode(id, patch) {
      return updateEpisode.immediate(id, patch);
    },

    async getBible(seriesId) {
      return {
        characters: s.characters.all(seriesId).map(toBibleEntry),
        locations: s.locations.all(seriesId).map(toBibleEntry),
      };
    },
    async createCharacter(input) {
      return characters.create(input);
    },
    async updateCharacter(id, patch) {
      return characters.update.immediate(id, patch);
    },
    async deleteCharacter(id) {
      return characters.remove(id);
    },
    async createLocation(input) {
      return locations.create(input);
    },
    async updateLocation(id, patch) {
      return locations.update.immediate(id, patch);
    },
    async deleteLocation(id) {
      return locations.remove(id);
    },
  };
}
