import { type Episode, NodeName, type Series, scriptSchema } from '@loopline/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docToProseMirror } from '../../src/documents/convert.js';
import { type ErrorBody, json, makeTestApp, type TestApp } from './helpers.js';

let t: TestApp;
let series: Series;
beforeEach(async () => {
  t = await makeTestApp();
  const res = await t.inject({ method: 'POST', url: '/api/series', payload: { title: 'Signed for Twins', language: 'zh' } });
  series = json<Series>(res);
});
afterEach(async () => {
  await t.close();
});

async function createEpisode(payload: Record<string, unknown>): Promise<Episode> {
  const res = await t.inject({ method: 'POST', url: `/api/series/${series.id}/episodes`, payload });
  expect(res.statusCode).toBe(201);
  return json<Episode>(res);
}

async function listEpisodes(query = ''): Promise<Episode[]> {
  return json<{ episodes: Episode[] }>(await t.inject({ url: `/api/series/${series.id}/episodes${query}` })).episodes;
}

describe('episodes', () => {
  it('[API10] a new episode has its first scene stored on the server before anyone opens it', async () => {
    const episode = await createEpisode({ title: ' 第1集 ', assignee: ' Lin ' });
    expect(episode).toMatchObject({
      seriesId: series.id,
      number: 1,
      title: '第1集',
      language: 'zh',
      status: 'draft',
      assignee: 'Lin',
      archived: false,
      sceneCount: 1,
      runtimeSeconds: 0,
    });

    const stored = await t.storage.loadDocument(episode.id);
    expect(stored.snapshot).not.toBeNull();
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, stored.snapshot!);
    for (const u of stored.updates) Y.applyUpdate(ydoc, u.data);
    const doc = docToProseMirror(ydoc);
    expect(doc.childCount).toBe(1);
    const scene = doc.child(0);
    expect(scene.type.name).toBe(NodeName.scene);
    expect(scene.attrs.sceneId).toMatch(/^s[0-9a-z]+$/);
    expect(scene.content.content.map((n) => [n.type.name, n.textContent])).toEqual([
      [NodeName.sceneHeading, ''],
      [NodeName.action, ''],
    ]);

    const canonical = await t.storage.getCanonical(episode.id);
    expect(scriptSchema.nodeFromJSON(canonical!.doc).eq(doc)).toBe(true);
  });

  it('[API10] every new episode gets its own fresh scene id', async () => {
    const ids = new Set<string>();
    for (const title of ['1', '2', '3']) {
      const episode = await createEpisode({ title });
      const canonical = await t.storage.getCanonical(episode.id);
      ids.add(scriptSchema.nodeFromJSON(canonical!.doc).child(0).attrs.sceneId as string);
    }
    expect(ids.size).toBe(3);
  });

  it('[API13] lists episodes in order with runtime, scene count, status and assignee; the language defaults to the series', async () => {
    await createEpisode({ title: 'One' });
    await createEpisode({ title: 'Two', language: 'en', assignee: null });
    const list = await listEpisodes();
    expect(list.map((e) => [e.number, e.title, e.language, e.status, e.assignee, e.sceneCount, e.runtimeSeconds])).toEqual([
      [1, 'One', 'zh', 'draft', null, 1, 0],
      [2, 'Two', 'en', 'draft', null, 1, 0],
    ]);
  });

  it('[API13] PATCH sets status, assignee and title; number moves the episode and renumbers the rest', async () => {
    const [a, b, c] = [await createEpisode({ title: 'A' }), await createEpisode({ title: 'B' }), await createEpisode({ title: 'C' })];
    const patched = await t.inject({
      method: 'PATCH',
      url: `/api/episodes/${c!.id}`,
      payload: { number: 1, status: 'in_review', assignee: 'Wei', title: 'C2' },
    });
    expect(patched.statusCode).toBe(200);
    expect(json(patched)).toMatchObject({ number: 1, status: 'in_review', assignee: 'Wei', title: 'C2' });
    expect((await listEpisodes()).map((e) => [e.title, e.number])).toEqual([
      ['C2', 1],
      ['A', 2],
      ['B', 3],
    ]);

    // Past the end means last.
    await t.inject({ method: 'PATCH', url: `/api/episodes/${c!.id}`, payload: { number: 99 } });
    expect((await listEpisodes()).map((e) => e.id)).toEqual([a!.id, b!.id, c!.id]);

    await t.inject({ method: 'PATCH', url: `/api/episodes/${a!.id}`, payload: { archived: true, assignee: null } });
    expect((await listEpisodes()).map((e) => e.title)).toEqual(['B', 'C2']);
    const all = await listEpisodes('?includeArchived=true');
    expect(all.find((e) => e.id === a!.id)).toMatchObject({ archived: true, assignee: null });

    const read = await t.inject({ url: `/api/episodes/${b!.id}` });
    expect(json(read)).toMatchObject({ id: b!.id, title: 'B' });
  });

  it('[API3] a wrong status or number is a 400 naming the field', async () => {
    const episode = await createEpisode({ title: 'A' });
    const res = await t.inject({
      method: 'PATCH',
      url: `/api/episodes/${episode.id}`,
      payload: { status: 'published', number: 0 },
    });
    expect(res.statusCode).toBe(400);
    expect(json<ErrorBody>(res).error.details).toEqual(
      expect.arrayContaining([
        { path: 'body/status', message: 'must be one of: draft, in_review, locked, aired' },
        { path: 'body/number', message: 'must be >= 1' },
      ]),
    );

    const assignee = await t.inject({ method: 'PATCH', url: `/api/episodes/${episode.id}`, payload: { assignee: 5 } });
    expect(json<ErrorBody>(assignee).error.details).toEqual([{ path: 'body/assignee', message: 'must be string or must be null' }]);
  });

  it('[API2] unknown series and episodes are 404s', async () => {
    const cases = [
      await t.inject({ url: '/api/series/nope/episodes' }),
      await t.inject({ method: 'POST', url: '/api/series/nope/episodes', payload: { title: 'x' } }),
      await t.inject({ url: '/api/episodes/nope' }),
      await t.inject({ method: 'PATCH', url: '/api/episodes/nope', payload: { title: 'x' } }),
      await t.inject({ url: '/api/episodes/nope/outline' }),
    ];
    for (const res of cases) {
      expect(res.statusCode).toBe(404);
      expect(json<ErrorBody>(res).error.code).toBe('not_found');
    }
  });

  it('[API14] the outline reads scenes from the canonical snapshot', async () => {
    const episode = await createEpisode({ title: 'A' });
    await t.inject({ method: 'PATCH', url: `/api/episodes/${episode.id}`, payload: { number: 1 } });
    const doc = {
      type: 'doc',
      content: [
        {
          type: 'scene',
          attrs: { sceneId: 'sA' },
          content: [
            { type: 'sceneHeading', content: [{ type: 'text', text: '1-1 夜 内 客厅' }] },
            { type: 'castLine', content: [{ type: 'text', text: '【人物：林晚、顾沉】' }] },
            { type: 'character', content: [{ type: 'text', text: '林晚' }] },
            { type: 'dialogue', content: [{ type: 'text', text: '你终于来了。' }] },
          ],
        },
        { type: 'scene', attrs: { sceneId: 'sB' }, content: [{ type: 'sceneHeading', content: [{ type: 'text', text: '1-2 日 外 街道' }] }] },
      ],
    };
    await t.storage.saveCanonical({ episodeId: episode.id, doc, runtimeSeconds: 1.3, sceneCount: 2, updatedAt: new Date().toISOString() });

    const res = await t.inject({ url: `/api/episodes/${episode.id}/outline` });
    expect(res.statusCode).toBe(200);
    const outline = json<{ runtimeSeconds: number; sceneCount: number; scenes: Record<string, unknown>[] }>(res);
    expect(outline.runtimeSeconds).toBe(1.3);
    expect(outline.sceneCount).toBe(2);
    expect(outline.scenes.map((s) => [s.sceneId, s.number, s.heading, s.characters])).toEqual([
      ['sA', '1-1', '1-1 夜 内 客厅', ['林晚', '顾沉']],
      ['sB', '1-2', '1-2 日 外 街道', []],
    ]);
    expect(outline.scenes[0]).toMatchObject({ setting: '内', location: '客厅', time: '夜' });
    expect(outline.scenes[0]?.runtimeSeconds).toBeGreaterThan(0);
  });
});
