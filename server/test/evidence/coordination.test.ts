import type { EvidenceLink } from '@loopline/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOUYIN_HEADER, douyinRow } from '../feedback/support.js';
import { type EvidenceWorld, feedbackRow, importDouyin, itemIds, makeEvidenceWorld } from './support.js';

let w: EvidenceWorld;
beforeAll(async () => {
  w = await makeEvidenceWorld();
});
afterAll(async () => {
  await w.close();
});

const BURST_TEXT = '支持林晚！！必须大结局';
const pad = (n: number) => String(n).padStart(2, '0');

/** A burst: 25 accounts new to the series post the same words within five minutes; two regulars post other things. */
function burstCsv(): string {
  const rows = [DOUYIN_HEADER];
  for (let i = 0; i < 25; i++) rows.push(douyinRow({ id: `b${i}`, text: BURST_TEXT, user: `fresh${i}`, at: `2026-03-02 21:0${Math.floor(i / 6)}:${pad((i * 7) % 60)}` }));
  rows.push(douyinRow({ id: 'r1', text: '这集节奏不错', user: 'regular1', at: '2026-03-02 20:00:00' }));
  rows.push(douyinRow({ id: 'r2', text: '林晚好可怜', user: 'regular2', at: '2026-03-02 22:30:00' }));
  return `${rows.join('\n')}\n`;
}

async function linkOf(ids: string[]): Promise<EvidenceLink> {
  const res = await w.as('writer', {
    method: 'POST',
    url: `/api/episodes/${w.episodeId}/links`,
    payload: { sceneId: 's1', itemIds: ids, rationale: '', stance: 'supports', weight: 1 },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as EvidenceLink;
}

describe('coordination flags', () => {
  it('[CO15] a feedback import flags the coordinated burst it brings before it is done; the link sample counts those items apart', async () => {
    const job = await importDouyin(w.storage, w.seriesId, burstCsv());
    expect(job).toMatchObject({ status: 'done', accepted: 27 });
    const ids = await itemIds(w.storage, w.seriesId);
    const flagged = await w.storage.searchFeedback({ seriesId: w.seriesId, coordinated: true, limit: 500 });
    expect(flagged.items.map((i) => i.externalId).sort()).toEqual(Array.from({ length: 25 }, (_, i) => `b${i}`).sort());
    const link = await linkOf([...Array.from({ length: 25 }, (_, i) => ids[`b${i}`]!), ids.r1!]);
    // Viewers are counted without the coordinated accounts.
    expect(link.sample).toMatchObject({ mentions: 26, coordinated: 25, distinctViewers: 1 });
  });

  it('[CO17] the inbox leaves out flagged items with coordinated=false and shows only them with coordinated=true', async () => {
    const url = `/api/series/${w.seriesId}/feedback?limit=500&q=${encodeURIComponent('必须大结局')}`;
    const all = (await w.as('reviewer', url)).json() as { total: number; items: { coordinated?: boolean }[] };
    const honest = (await w.as('reviewer', `${url}&coordinated=false`)).json() as { total: number };
    const flagged = (await w.as('reviewer', `${url}&coordinated=true`)).json() as { total: number; items: { coordinated?: boolean }[] };
    expect(flagged.total).toBe(25);
    expect(flagged.items.every((i) => i.coordinated === true)).toBe(true);
    expect(honest.total).toBe(all.total - 25);
    const bad = await w.as('reviewer', `${url}&coordinated=maybe`);
    expect(bad.statusCode).toBe(400);
  });

  it('[CO13] operations flag and clear items by hand; the samples follow; writers and reviewers may not', async () => {
    const link = await linkOf([w.items.v0!, w.items.v2!, w.items.v4!]);
    expect(link.sample).toMatchObject({ coordinated: 0, distinctViewers: 3 });
    const url = `/api/series/${w.seriesId}/feedback/coordinated`;
    for (const who of ['writer', 'reviewer'] as const) {
      expect((await w.as(who, { method: 'POST', url, payload: { itemIds: [w.items.v4], coordinated: true } })).statusCode).toBe(403);
    }
    const flag = await w.as('operations', { method: 'POST', url, payload: { itemIds: [w.items.v4, w.foreignItemId], coordinated: true } });
    expect(flag.statusCode, flag.body).toBe(200);
    expect(flag.json()).toEqual({ changed: 1 });
    expect(((await w.as('reviewer', `/api/links/${link.id}`)).json() as EvidenceLink).sample).toMatchObject({ coordinated: 1, distinctViewers: 2 });
    const clear = await w.as('operations', { method: 'POST', url, payload: { itemIds: [w.items.v4], coordinated: false } });
    expect(clear.json()).toEqual({ changed: 1 });
    expect(((await w.as('reviewer', `/api/links/${link.id}`)).json() as EvidenceLink).sample).toMatchObject({ coordinated: 0, distinctViewers: 3 });
    const empty = await w.as('operations', { method: 'POST', url, payload: { itemIds: [], coordinated: true } });
    expect(empty.statusCode).toBe(400);
  });

  it('[CO14] detection on demand flags bursts stored any way and only adds flags', async () => {
    const rows = Array.from({ length: 22 }, (_, i) =>
      feedbackRow(w.seriesId, w.episodeId, `d${i}`, `bot${i}`, '求更新求更新', new Date(Date.parse('2026-03-03T12:00:00Z') + i * 5_000).toISOString()),
    );
    await w.storage.insertFeedbackBatch(rows);
    const url = `/api/series/${w.seriesId}/feedback/detect-coordinated`;
    expect((await w.as('writer', { method: 'POST', url })).statusCode).toBe(403);
    const first = await w.as('operations', { method: 'POST', url });
    expect(first.statusCode, first.body).toBe(200);
    // The 22 new ones plus the 25 of the imported burst, which were flagged already.
    expect(first.json()).toEqual({ flagged: 47, changed: 22 });
    expect((await w.as('showrunner', { method: 'POST', url })).json()).toEqual({ flagged: 47, changed: 0 });
    const audit = (await w.as('admin', `/api/series/${w.seriesId}/audit`)).json() as { entries: { action: string }[] };
    expect(audit.entries.filter((e) => e.action === 'feedback.coordination_detected')).toHaveLength(2);
  });
});
