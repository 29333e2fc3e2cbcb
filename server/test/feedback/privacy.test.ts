import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeedbackItem, ImportJob } from '@loopline/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOUYIN_HEADER, douyinRow, type FeedbackTestApp, makeFeedbackApp } from './support.js';

let f: FeedbackTestApp;
beforeEach(async () => {
  f = await makeFeedbackApp();
});
afterEach(async () => {
  await f.close();
});

async function importCsv(seriesId: string, rows: string[], who = f.operations): Promise<ImportJob> {
  const res = await f.as(who, {
    method: 'POST',
    url: `/api/series/${seriesId}/imports?presetId=douyin`,
    headers: { 'content-type': 'text/csv' },
    payload: `${DOUYIN_HEADER}\n${rows.join('\n')}\n`,
  });
  expect(res.statusCode, res.body).toBe(202);
  return (await f.as(who, `/api/imports/${(res.json() as ImportJob).id}`)).json() as ImportJob;
}

async function page(query: string, seriesId = f.seriesId) {
  return (await f.as(f.showrunner, `/api/series/${seriesId}/feedback${query}`)).json() as { items: FeedbackItem[]; total: number };
}

describe('pseudonyms', () => {
  it('[FB6] a handle gets the same pseudonym in every import of a series and a different one in another series', async () => {
    await importCsv(f.seriesId, [douyinRow({ id: 'a1', text: '第一条', user: 'Viewer_007' })]);
    await importCsv(f.seriesId, [douyinRow({ id: 'a2', text: '第二条', user: '@viewer_007' })]);
    const other = await f.t.storage.createSeries({ title: 'other', language: 'zh' });
    await f.t.storage.setMembership(other.id, f.operations.user.id, 'operations');
    await f.t.storage.setMembership(other.id, f.showrunner.user.id, 'showrunner');
    await importCsv(other.id, [douyinRow({ id: 'a1', text: '第一条', user: 'Viewer_007' })]);
    const mine = (await page('')).items.map((i) => i.author);
    const theirs = (await page('', other.id)).items.map((i) => i.author);
    expect(new Set(mine).size).toBe(1);
    expect(theirs[0]).not.toBe(mine[0]);
  });

  it('[FB6] the raw handle is stored nowhere: not in the database files', async () => {
    await importCsv(f.seriesId, [douyinRow({ id: 'x1', text: '你好', user: 'secret_handle_42' })]);
    const files = readdirSync(f.t.dataDir).filter((n) => n.startsWith('loopline.db'));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) expect(readFileSync(join(f.t.dataDir, name)).includes('secret_handle_42')).toBe(false);
  });
});

describe('erasure', () => {
  it('[FB13] erasing a viewer removes their items from search and counts and leaves an audit entry without the handle', async () => {
    await importCsv(f.seriesId, [
      douyinRow({ id: 'e1', text: '斑马词 我来了', user: 'zebra_fan' }),
      douyinRow({ id: 'e2', text: 'zebraword again', user: 'ZEBRA_FAN' }),
      douyinRow({ id: 'e3', text: '别人的 斑马词', user: 'someone_else' }),
    ]);
    expect((await page(`?q=${encodeURIComponent('斑马词')}`)).total).toBe(2);
    expect((await f.as(f.operations, { method: 'POST', url: `/api/series/${f.seriesId}/erasure`, payload: { handle: 'zebra_fan' } })).statusCode).toBe(403);
    const res = await f.as(f.showrunner, { method: 'POST', url: `/api/series/${f.seriesId}/erasure`, payload: { handle: '@Zebra_Fan' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ itemsDeleted: 2 });
    expect((await page('?q=zebraword')).total).toBe(0);
    expect((await page(`?q=${encodeURIComponent('斑马词')}`)).items.map((i) => i.externalId)).toEqual(['e3']);
    expect((await page('')).total).toBe(1);
    const audit = await f.t.storage.listAudit({ seriesId: f.seriesId });
    const entry = audit.find((a) => a.action === 'privacy.erasure');
    expect(entry?.details).toEqual({ itemsDeleted: 2 });
    expect(JSON.stringify(audit).toLowerCase()).not.toContain('zebra_fan');
  });
});

describe('retention', () => {
  it('[FB12] applying retention deletes raw items older than the period; metrics stay', async () => {
    const now = Date.now();
    const beijing = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    await importCsv(f.seriesId, [
      douyinRow({ id: 'old', text: '很久以前', user: 'a', at: beijing(now - 40 * 86_400_000) }),
      douyinRow({ id: 'new', text: '昨天', user: 'b', at: beijing(now - 86_400_000) }),
    ]);
    const metrics = await f.as(f.operations, {
      method: 'POST',
      url: `/api/series/${f.seriesId}/imports?target=metrics&platform=douyin&episodeId=${f.episodes[0]}`,
      headers: { 'content-type': 'text/csv' },
      payload: '日期,播放量,完播率\n2026-01-05,1000,35%\n',
    });
    expect(metrics.statusCode, metrics.body).toBe(202);
    expect((await f.as(f.writer, { method: 'PUT', url: `/api/series/${f.seriesId}/privacy`, payload: { retentionDays: 30 } })).statusCode).toBe(403);
    const set = await f.as(f.showrunner, { method: 'PUT', url: `/api/series/${f.seriesId}/privacy`, payload: { retentionDays: 30 } });
    expect(set.json()).toEqual({ retentionDays: 30 });
    expect((await f.as(f.writer, `/api/series/${f.seriesId}/privacy`)).json()).toEqual({ retentionDays: 30 });
    const applied = await f.as(f.showrunner, { method: 'POST', url: `/api/series/${f.seriesId}/privacy/apply-retention` });
    expect(applied.json()).toEqual({ deleted: 1 });
    expect((await page('')).items.map((i) => i.externalId)).toEqual(['new']);
    const kept = (await f.as(f.writer, `/api/series/${f.seriesId}/metrics`)).json() as { metrics: { views: number; completionRate: number }[] };
    expect(kept.metrics).toMatchObject([{ views: 1000, completionRate: 0.35 }]);
  });
});
