import type { Series } from '@loopline/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ErrorBody, json, makeTestApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

async function createSeries(title = 'Signed for Twins', language = 'zh'): Promise<Series> {
  const res = await t.inject({ method: 'POST', url: '/api/series', payload: { title, language } });
  expect(res.statusCode).toBe(201);
  return json<Series>(res);
}

describe('series', () => {
  it('[API5] creates, reads, lists, renames and archives a series (titles stored trimmed)', async () => {
    const created = await createSeries('  请签收  ');
    expect(created).toMatchObject({ title: '请签收', language: 'zh', archived: false });

    const read = await t.inject({ url: `/api/series/${created.id}` });
    expect(json(read)).toEqual(created);

    const renamed = await t.inject({
      method: 'PATCH',
      url: `/api/series/${created.id}`,
      payload: { title: 'Signed for Twins', language: 'en' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(json(renamed)).toMatchObject({ id: created.id, title: 'Signed for Twins', language: 'en' });

    await t.inject({ method: 'PATCH', url: `/api/series/${created.id}`, payload: { archived: true } });
    const active = json<{ series: Series[] }>(await t.inject({ url: '/api/series' }));
    expect(active.series).toEqual([]);
    const all = json<{ series: Series[] }>(await t.inject({ url: '/api/series?includeArchived=true' }));
    expect(all.series.map((s) => [s.id, s.archived])).toEqual([[created.id, true]]);
  });

  it('[API3][API5] a blank or missing title is a 400 naming the field', async () => {
    const blank = await t.inject({ method: 'POST', url: '/api/series', payload: { title: '   ', language: 'zh' } });
    expect(blank.statusCode).toBe(400);
    const body = json<ErrorBody>(blank);
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details).toEqual([{ path: 'body/title', message: 'must not be blank' }]);

    const missing = await t.inject({ method: 'POST', url: '/api/series', payload: { language: 'zh' } });
    expect(json<ErrorBody>(missing).error.details).toEqual([{ path: 'body/title', message: 'is required' }]);

    const long = await t.inject({ method: 'POST', url: '/api/series', payload: { title: 'x'.repeat(201), language: 'zh' } });
    expect(json<ErrorBody>(long).error.details?.[0]?.path).toBe('body/title');
  });

  it('[API3] every invalid field is reported, each with its path and reason', async () => {
    const res = await t.inject({ method: 'POST', url: '/api/series', payload: { title: '', language: 'fr' } });
    expect(res.statusCode).toBe(400);
    const { error } = json<ErrorBody>(res);
    expect(error.details).toEqual(
      expect.arrayContaining([
        { path: 'body/title', message: expect.stringContaining('1') },
        { path: 'body/language', message: 'must be one of: zh, en' },
      ]),
    );
    expect(error.message).toContain('body/language');
  });

  it('[API6] unknown body fields are rejected, not silently dropped', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/series',
      payload: { title: 'A', language: 'zh', tittle: 'typo' },
    });
    expect(res.statusCode).toBe(400);
    expect(json<ErrorBody>(res).error.details).toEqual([{ path: 'body/tittle', message: 'is not an allowed field' }]);
  });

  it('[API6] body values are not coerced from strings; querystrings are', async () => {
    const series = await createSeries();
    const res = await t.inject({ method: 'PATCH', url: `/api/series/${series.id}`, payload: { archived: 'true' } });
    expect(res.statusCode).toBe(400);
    expect(json<ErrorBody>(res).error.details).toEqual([{ path: 'body/archived', message: 'must be boolean' }]);

    const badQuery = await t.inject({ url: '/api/series?includeArchived=maybe' });
    expect(badQuery.statusCode).toBe(400);
    expect(json<ErrorBody>(badQuery).error.details?.[0]?.path).toBe('querystring/includeArchived');
  });

  it('[API2] an unknown series is a 404 in the catalogue shape', async () => {
    for (const res of [
      await t.inject({ url: '/api/series/nope' }),
      await t.inject({ method: 'PATCH', url: '/api/series/nope', payload: { title: 'x' } }),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(json<ErrorBody>(res)).toEqual({ error: { code: 'not_found', message: 'No series with id nope.' } });
    }
  });

  it('[API2] malformed JSON and non-JSON bodies answer from the catalogue', async () => {
    const bad = await t.inject({
      method: 'POST',
      url: '/api/series',
      headers: { 'content-type': 'application/json' },
      payload: '{"title":',
    });
    expect(bad.statusCode).toBe(400);
    expect(json<ErrorBody>(bad).error.code).toBe('invalid_json');

    const text = await t.inject({
      method: 'POST',
      url: '/api/series',
      headers: { 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    expect(text.statusCode).toBe(415);
    expect(json<ErrorBody>(text).error.code).toBe('unsupported_media_type');
  });

  it('[API4] a body over the limit is a 413 payload_too_large', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/series',
      payload: { title: 'x', language: 'zh', padding: 'x'.repeat(1024 * 1024) },
    });
    expect(res.statusCode).toBe(413);
    expect(json<ErrorBody>(res).error.code).toBe('payload_too_large');
  });
});
