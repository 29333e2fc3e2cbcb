import { rmSync } from 'node:fs';
import type { Bible, Episode, Series } from '@loopline/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_SERIES } from '../../src/demo/content.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/demo/seed.js';
import { docToProseMirror } from '../../src/documents/convert.js';
import { start } from '../../src/server.js';
import { openStorage } from '../../src/storage/index.js';
import { createTestUser, loginHeaders, TEST_PASSWORD } from '../auth/support/sessions.js';
import { tempDir, testConfig } from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function freshDataDir(): string {
  const dir = tempDir('loopline-demo-');
  dirs.push(dir);
  return dir;
}

describe('demo series', () => {
  it('[API12] a first start seeds the demo series with its episodes, documents and bible; a second start does not repeat it', async () => {
    const config = testConfig(freshDataDir(), { PORT: '0' });

    const first = await start(config);
    let seriesId: string;
    try {
      // The demo's admin account sees the series (issue 3).
      const headers = await loginHeaders(first.app, config, 'admin@demo.loopline', DEMO_PASSWORD);
      const inject = (url: string) => first.app.inject({ url, headers });
      const list = (await inject('/api/series')).json() as { series: Series[] };
      expect(list.series.map((s) => s.title)).toEqual([DEMO_SERIES.title]);
      seriesId = list.series[0]!.id;

      const { episodes } = (await inject(`/api/series/${seriesId}/episodes`)).json() as {
        episodes: Episode[];
      };
      expect(episodes).toHaveLength(6);
      expect(episodes.map((e) => [e.number, e.title, e.language, e.status])).toEqual(
        DEMO_SERIES.episodes.map((e, i) => [i + 1, e.title, e.language, e.status]),
      );
      expect(episodes.some((e) => e.language === 'en')).toBe(true);
      for (const e of episodes) {
        expect(e.sceneCount).toBeGreaterThan(0);
        expect(e.runtimeSeconds).toBeGreaterThan(0);
      }

      const bible = (await inject(`/api/series/${seriesId}/bible`)).json() as Bible;
      expect(bible.characters.length).toBe(DEMO_SERIES.characters.length);
      expect(bible.locations.length).toBe(DEMO_SERIES.locations.length);
      expect(bible.characters.length).toBeGreaterThan(0);

      const outline = (await inject(`/api/episodes/${episodes[0]!.id}/outline`)).json() as {
        scenes: unknown[];
      };
      expect(outline.scenes.length).toBe(episodes[0]!.sceneCount);
    } finally {
      await first.stop();
    }

    const second = await start(config);
    try {
      const headers = await loginHeaders(second.app, config, 'admin@demo.loopline', DEMO_PASSWORD);
      const list = (await second.app.inject({ url: '/api/series?includeArchived=true', headers })).json() as {
        series: Series[];
      };
      expect(list.series.map((s) => s.id)).toEqual([seriesId]);
    } finally {
      await second.stop();
    }
  });

  it('[API12] each demo episode document is stored as a Yjs snapshot that reads back as its script', async () => {
    const config = testConfig(freshDataDir());
    const storage = await openStorage(config.database);
    try {
      await storage.migrate();
      const result = await seedDemo(storage);
      expect(result).toMatchObject({ seeded: true, episodes: DEMO_SERIES.episodes.length });
      const [series] = await storage.listSeries();
      const episodes = await storage.listEpisodes(series!.id);
      for (const [i, episode] of episodes.entries()) {
        const stored = await storage.loadDocument(episode.id);
        expect(stored.updates).toEqual([]);
        const ydoc = new Y.Doc();
        Y.applyUpdate(ydoc, stored.snapshot!);
        const doc = docToProseMirror(ydoc);
        expect(doc.childCount).toBe(episode.sceneCount);
        const expected = (DEMO_SERIES.episodes[i]!.doc as { content: unknown[] }).content.length;
        expect(doc.childCount).toBe(expected);
      }
      expect(await seedDemo(storage)).toEqual({ seeded: false });
      expect(await storage.listSeries({ includeArchived: true })).toHaveLength(1);
    } finally {
      await storage.close();
    }
  });

  it('[API12] LOOPLINE_DEMO=0 starts with no series; an archived demo is not re-created', async () => {
    const dataDir = freshDataDir();
    const offConfig = testConfig(dataDir, { PORT: '0', LOOPLINE_DEMO: '0' });
    // A site admin, who sees every series (issue 3).
    const storage = await openStorage(offConfig.database);
    await createTestUser(storage, { email: 'root@test.loopline', isAdmin: true });
    await storage.close();
    const off = await start(offConfig);
    try {
      const headers = await loginHeaders(off.app, offConfig, 'root@test.loopline', TEST_PASSWORD);
      expect(((await off.app.inject({ url: '/api/series', headers })).json() as { series: Series[] }).series).toEqual([]);
      // Create and archive a series: the next start with the demo on must not seed next to it.
      const created = (
        await off.app.inject({ method: 'POST', url: '/api/series', headers, payload: { title: 'Ours', language: 'en' } })
      ).json() as Series;
      await off.app.inject({ method: 'PATCH', url: `/api/series/${created.id}`, headers, payload: { archived: true } });
    } finally {
      await off.stop();
    }
    const onConfig = testConfig(dataDir, { PORT: '0' });
    const on = await start(onConfig);
    try {
      const headers = await loginHeaders(on.app, onConfig, 'root@test.loopline', TEST_PASSWORD);
      const all = ((await on.app.inject({ url: '/api/series?includeArchived=true', headers })).json() as { series: Series[] })
        .series;
      expect(all.map((s) => s.title)).toEqual(['Ours']);
    } finally {
      await on.stop();
    }
  });
});
