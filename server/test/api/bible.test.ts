import type { Bible, BibleCharacter, BibleLocation, Series } from '@loopline/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ErrorBody, json, makeTestApp, type TestApp } from './helpers.js';

let t: TestApp;
let series: Series;
let other: Series;
beforeEach(async () => {
  t = await makeTestApp();
  const create = async (title: string) =>
    json<Series>(await t.inject({ method: 'POST', url: '/api/series', payload: { title, language: 'zh' } }));
  series = await create('Signed for Twins');
  other = await create('Another show');
});
afterEach(async () => {
  await t.close();
});

const bibleOf = async (id: string) => json<Bible>(await t.inject({ url: `/api/series/${id}/bible` }));

describe('bible', () => {
  it('adds, changes and removes characters with aliases in both languages', async () => {
    const created = await t.inject({
      method: 'POST',
      url: `/api/series/${series.id}/bible/characters`,
      payload: { name: ' 林晚 ', aliases: ['Lin Wan', ' 晚晚 ', 'Lin Wan'], description: '女主，双胞胎的母亲' },
    });
    expect(created.statusCode).toBe(201);
    const lin = json<BibleCharacter>(created);
    expect(lin).toMatchObject({ seriesId: series.id, name: '林晚', aliases: ['Lin Wan', '晚晚'], description: '女主，双胞胎的母亲' });

    const patched = await t.inject({
      method: 'PATCH',
      url: `/api/series/${series.id}/bible/characters/${lin.id}`,
      payload: { aliases: ['Evelyn Lin'] },
    });
    expect(json(patched)).toMatchObject({ id: lin.id, name: '林晚', aliases: ['Evelyn Lin'] });
    expect((await bibleOf(series.id)).characters.map((c) => c.name)).toEqual(['林晚']);

    const deleted = await t.inject({ method: 'DELETE', url: `/api/series/${series.id}/bible/characters/${lin.id}` });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expect((await bibleOf(series.id)).characters).toEqual([]);
  });

  it('adds, changes and removes locations; name-only creation defaults the rest', async () => {
    const created = await t.inject({
      method: 'POST',
      url: `/api/series/${series.id}/bible/locations`,
      payload: { name: '客厅' },
    });
    const room = json<BibleLocation>(created);
    expect(room).toMatchObject({ name: '客厅', aliases: [], description: '' });
    const patched = await t.inject({
      method: 'PATCH',
      url: `/api/series/${series.id}/bible/locations/${room.id}`,
      payload: { name: '顾家客厅', description: 'Living room' },
    });
    expect(json(patched)).toMatchObject({ name: '顾家客厅', description: 'Living room' });
    expect((await bibleOf(series.id)).locations).toHaveLength(1);
    const deleted = await t.inject({ method: 'DELETE', url: `/api/series/${series.id}/bible/locations/${room.id}` });
    expect(deleted.statusCode).toBe(204);
    expect((await bibleOf(series.id)).locations).toEqual([]);
  });

  it('[API11] an item addressed under another series is a 404 and stays untouched', async () => {
    const lin = json<BibleCharacter>(
      await t.inject({ method: 'POST', url: `/api/series/${series.id}/bible/characters`, payload: { name: '林晚' } }),
    );
    const room = json<BibleLocation>(
      await t.inject({ method: 'POST', url: `/api/series/${series.id}/bible/locations`, payload: { name: '客厅' } }),
    );
    const attempts = [
      t.inject({ method: 'PATCH', url: `/api/series/${other.id}/bible/characters/${lin.id}`, payload: { name: 'x' } }),
      t.inject({ method: 'DELETE', url: `/api/series/${other.id}/bible/characters/${lin.id}` }),
      t.inject({ method: 'PATCH', url: `/api/series/${other.id}/bible/locations/${room.id}`, payload: { name: 'x' } }),
      t.inject({ method: 'DELETE', url: `/api/series/${other.id}/bible/locations/${room.id}` }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode).toBe(404);
      expect(json<ErrorBody>(res).error.code).toBe('not_found');
    }
    const bible = await bibleOf(series.id);
    expect(bible.characters.map((c) => c.name)).toEqual(['林晚']);
    expect(bible.locations.map((l) => l.name)).toEqual(['客厅']);
  });

  it('[API2] an unknown series is a 404; [API3] a blank name or a bad alias is a 400 naming the field', async () => {
    expect((await t.inject({ url: '/api/series/nope/bible' })).statusCode).toBe(404);
    const res = await t.inject({
      method: 'POST',
      url: `/api/series/${series.id}/bible/characters`,
      payload: { name: ' ', aliases: ['ok', ''] },
    });
    expect(res.statusCode).toBe(400);
    expect(json<ErrorBody>(res).error.details).toEqual(
      expect.arrayContaining([
        { path: 'body/name', message: 'must not be blank' },
        { path: 'body/aliases/1', message: expect.any(String) },
      ]),
    );
  });
});
