import type { Role } from './permissions.js';
/** Script language: decides runtime estimation, cue casing and punctuation. */
export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const EPISODE_STATUSES = ['draft', 'in_review', 'locked', 'aired'] as const;
export type EpisodeStatus = (typeof EPISODE_STATUSES)[number];

/** A micro-drama series: the unit that owns episodes, a bible and (later) members and feedback. */
export interface Series {
  id: string;
  title: string;
  language: Language;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  /** The signed-in user's effective role in the series (site admins: `admin`); set on API answers. */
  myRole?: Role;
}

/** One episode of a series; its script lives in a Yjs document keyed by the episode id. */
export interface Episode {
  id: string;
  seriesId: string;
  /** 1-based position in the series; unique within the series. */
  number: number;
  title: string;
  language: Language;
  status: EpisodeStatus;
  assignee: string | null;
  archived: boolean;
  /** Estimated runtime in seconds, derived from the canonical snapshot. */
  runtimeSeconds: number;
  sceneCount: number;
  createdAt: string;
  updatedAt: string;
}

/** A character of the series bible; aliases feed cue autocomplete in both languages. */
export interface BibleCharacter {
  id: string;
  seriesId: string;
  name: string;
  aliases: string[];
  description: string;
}

/** A location of the series bible; feeds scene heading autocomplete. */
export interface BibleLocation {
  id: string;
  seriesId: string;
  name: string;
  aliases: string[];
  description: string;
}

export interface Bible {
  characters: BibleCharacter[];
  locations: BibleLocation[];
}
