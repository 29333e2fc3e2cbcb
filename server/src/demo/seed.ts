import { storeInitialDocument } from '../documents/initial.js';
import type { Storage } from '../storage/types.js';
import { DEMO_SERIES } from './content.js';
import type { DemoSeries } from './types.js';

/** What seeding did, for the start-up log. */
export interface SeedResult {
  seeded: boolean;
  seriesId?: string;
  episodes?: number;
}

/**
 * Creates the demo series (bible, episodes and their documents) when the
 * storage holds no series at all, archived ones included [API12]: a team
 * that deleted or archived the demo never gets it back on restart. Every
 * episode's script is written into its Yjs document here on the server, with
 * a `demo` seed origin, never by an editor.
 */
export async function seedDemo(storage: Storage, demo: DemoSeries = DEMO_SERIES): Promise<SeedResult> {
  const existing = await storage.listSeries({ includeArchived: true });
  if (existing.length > 0) return { seeded: false };

  const series = await storage.createSeries({ title: demo.title, language: demo.language });
  for (const character of demo.characters) await storage.createCharacter({ seriesId: series.id, ...character });
  for (const location of demo.locations) await storage.createLocation({ seriesId: series.id, ...location });
  for (const episode of demo.episodes) {
    const created = await storage.createEpisode({
      seriesId: series.id,
      title: episode.title,
      language: episode.language,
      assignee: null,
    });
    if (episode.status !== created.status) await storage.updateEpisode(created.id, { status: episode.status });
    await storeInitialDocument(storage, created.id, episode.language, episode.doc, { kind: 'seed', reason: 'demo' });
  }
  return { seeded: true, seriesId: series.id, episodes: demo.episodes.length };
}
