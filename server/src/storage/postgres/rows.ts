import type { BibleCharacter, BibleLocation, Episode, EpisodeStatus, Language, Series } from '@loopline/shared';

/** Row shapes as node-postgres returns them (timestamptz as Date, jsonb parsed). */
export interface SeriesRow {
  id: string;
  title: string;
  language: string;
  archived: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface EpisodeRow {
  id: string;
  series_id: string;
  number: number;
  title: string;
  language: string;
  status: string;
  assignee: string | null;
  archived: boolean;
  runtime_seconds: number;
  scene_count: number;
  created_at: Date;
  updated_at: Date;
}

export interface BibleRow {
  id: string;
  series_id: string;
  name: string;
  aliases: unknown;
  description: string;
}

/** Maps a series row to the domain type. */
export function toSeries(row: SeriesRow): Series {
  return {
    id: row.id,
    title: row.title,
    language: row.language as Language,
    archived: row.archived,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
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
    archived: row.archived,
    runtimeSeconds: row.runtime_seconds,
    sceneCount: row.scene_count,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Maps a bible character or location row to the domain type (both have the same shape). */
export function toBibleEntry(row: BibleRow): BibleCharacter & BibleLocation {
  return {
    id: row.id,
    seriesId: row.series_id,
    name: row.name,
    aliases: Array.isArray(row.aliases) ? row.aliases.map(String) : [],
    description: row.description,
  };
}
