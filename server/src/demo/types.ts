import type { EpisodeStatus, Language } from '@loopline/shared';

/** The demo series as plain data; `doc` is ProseMirror JSON under the shared schema. */
export interface DemoSeries {
  title: string;
  language: Language;
  characters: { name: string; aliases: string[]; description: string }[];
  locations: { name: string; aliases: string[]; description: string }[];
  episodes: DemoEpisode[];
}

export interface DemoEpisode {
  title: string;
  language: Language;
  status: EpisodeStatus;
  doc: unknown;
}
