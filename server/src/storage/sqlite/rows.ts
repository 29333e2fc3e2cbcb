import type { BibleCharacter, BibleLocation, Episode, EpisodeStatus, Language, Series } from '@loopline/shared';
import { parseAliases } from '../common.js';

/** Row shapes as better-sqlite3 returns them (booleans are 0/1, aliases JSON text). */
export interface SeriesRow {
  id: string;
  title: string;
  language: string;
  archived: number;
  created_at: string;
  updated_at: string;
}

export interface EpisodeRow {
  id: string;
  series_id: string;
  number: number;
  title: string;
  language: string;
  status: string;
  assignee: string | null;
  archived: number;
  runtime_seconds: number;
  scene_count: number;
  created_at: string;
  updated_at: string;
}

export interface BibleRow {
  id: string;
  series_id: string;
  name: string;
  aliases: string;
  description: string;
}

/** Maps a series row to the domain type. */
export function toSeries(row: SeriesRow): Series {
  return {
    id: row.id,
    title: row.title,
    language: row.language as Language,
    archived: row.archived !== 0,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Maps an episode row to the domain type. */
export function toEpisode(row: EpisodeRow): Episode {
  return {
    id: row.id,
    seriesId: row.series_id,
    number: row.number,
    title: row.title,
    language: row.language as Language,
    status: row.status as EpisodeStatus,
    assignee: row.assignee,
    archived: row.archived !== 0,
    runtimeSeconds: row.runtime_seconds,
    sceneCount: row.scene_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Maps a bible character or location row to the domain type (both have the same shape). */
export function toBibleEntry(row: BibleRow): BibleCharacter & BibleLocation {
  return {
    id: row.id,
    seriesId: row.series_id,
    name: row.name,
    aliases: parseAliases(row.aliases),
    description: row.description,
  };
}
