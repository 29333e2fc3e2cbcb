import type { EvidenceLink, EvidenceSet } from '@loopline/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../api/helpers.js';
import { DOUYIN_HEADER, douyinRow } from '../feedback/support.js';
import { type EvidenceWorld, importDouyin, makeEvidenceWorld } from './support.js';

let w: EvidenceWorld;
beforeAll(async () => {
  w = await makeEvidenceWorld();
});
afterAll(async () => {
  await w.close();
});

const setsUrl = () => `/api/series/${w.seriesId}/evidence-sets`;
const error = (res: { json(): unknown }) => (res.json() as ErrorBody).error;

describe('evidence sets', () => {
  it('[LK9][LK11] a set saves the inbox filter with its matches; re-evaluating picks up newly imported items, and a link made from the set follows', async () => {
    const filter = { q: '双胞胎', episodeId: w.episodeId };
    const inbox = (await w.as('writer', `/api/series/${w.seriesId}/feedback?q=${encodeURIComponent('双胞胎')}&episodeId=${w.episodeId}`)).json() as { total: number };
    const res = await w.as('writer', { method: 'POST', url: setsUrl(), payload: { name: '  问双胞胎的观众  ', filter } });
    expect(res.statusCode, res.body).toBe(201);
    const set = res.json() as EvidenceSet;
    expect(set).toMatchObject({ name: '问双胞胎的观众', filter, matched: inbox.total, createdBy: w.sessions.writer.user.id });
    expect(set.matched).toBe(6);

    const made = await w.as('writer', {
      method: 'POST',
      url: `/api/episodes/${w.episodeId}/links`,
      payload: { sceneId: 's2', evidenceSetId: set.id, rationale: '双胞胎', stance: 'motivates', weight: 3 },
    });
    expect(made.statusCode, made.body).toBe(201);
    const link = made.json() as EvidenceLink;
    expect(link).toMatchObject({ evidenceSetId: set.id, itemCount: 6, sample: { mentions: 6, distinctViewers: 4 } });

    const csv = [
      DOUYIN_HEADER,
      douyinRow({ id: 'n1', text: '双胞胎什么时候出来', user: 'newcomer1', at: '2026-03-05 20:00:00' }),
      douyinRow({ id: 'n2', text: '我也想看双胞胎', user: 'newcomer2', at: '2026-03-05 20:01:00' }),
      douyinRow({ id: 'n3', text: '剧情太拖了', user: 'newcomer3', at: '2026-03-05 20:02:00' }),
    ].join('\n');
    const job = await importDouyin(w.storage, w.seriesId, `${csv}\n`);
    expect(job).toMatchObject({ status: 'done', accepted: 3 });
    // The set keeps what it matched until it is re-evaluated.
    expect(((await w.as('reviewer', setsUrl())).json() as { sets: EvidenceSet[] }).sets[0]?.matched).toBe(6);

    const again = await w.as('writer', { method: 'POST', url: `/api/evidence-sets/${set.id}/reevaluate` });
    expect(again.statusCode, again.body).toBe(200);
    const fresh = again.json() as EvidenceSet;
    expect(fresh.matched).toBe(8);
    expect(Date.parse(fresh.evaluatedAt)).toBeGreaterThanOrEqual(Date.parse(set.evaluatedAt));
    const followed = (await w.as('reviewer', `/api/links/${link.id}`)).json() as EvidenceLink;
    expect(followed).toMatchObject({ itemCount: 8, sample: { mentions: 8, distinctViewers: 6 } });
    const items = (await w.as('reviewer', `/api/links/${link.id}/items?limit=500`)).json() as { items: { externalId: string }[] };
    expect(items.items.map((i) => i.externalId)).toEqual(expect.arrayContaining(['n1', 'n2']));
    expect(items.items.map((i) => i.externalId)).not.toContain('n3');

    const audit = (await w.as('admin', `/api/series/${w.seriesId}/audit`)).json() as { entries: { action: string; details: Record<string, unknown> }[] };
    expect(audit.entries.find((e) => e.action === 'evidence_set.reevaluated')?.details).toMatchObject({ setId: set.id, before: 6, after: 8 });
  });

  it('[LK10] sets are listed newest first for every member; only linkers make or re-evaluate them', async () => {
    const second = (await w.as('showrunner', { method: 'POST', url: setsUrl(), payload: { name: '付费观众', filter: { segments: { paying: 'yes' } } } })).json() as EvidenceSet;
    expect(second.matched).toBe(2);
    const listed = ((await w.as('reviewer', setsUrl())).json() as { sets: EvidenceSet[] }).sets;
    expect(listed[0]?.id).toBe(second.id);
    expect(listed).toHaveLength(2);
    for (const who of ['reviewer', 'operations'] as const) {
      expect((await w.as(who, { method: 'POST', url: setsUrl(), payload: { name: 'x', filter: {} } })).statusCode).toBe(403);
      expect((await w.as(who, { method: 'POST', url: `/api/evidence-sets/${second.id}/reevaluate` })).statusCode).toBe(403);
    }
    expect((await w.as('outsider', { method: 'POST', url: `/api/evidence-sets/${second.id}/reevaluate` })).statusCode).toBe(404);
    expect((await w.as('writer', { method: 'POST', url: '/api/evidence-sets/nope/reevaluate' })).statusCode).toBe(404);
  });

  it('[LK9] a bad filter is a 400 naming the field', async () => {
    const post = (payload: unknown) => w.as('writer', { method: 'POST', url: setsUrl(), payload: payload as Record<string, unknown> });
    expect(error(await post({ name: 'x', filter: { from: 'yesterday' } })).details).toEqual([{ path: 'body/filter/from', message: 'must be an ISO-8601 date-time' }]);
    const other = await w.storage.createEpisode({ seriesId: w.otherSeriesId, title: 'E1' });
    expect(error(await post({ name: 'x', filter: { episodeId: other.id } })).details?.[0]?.path).toBe('body/filter/episodeId');
    expect(error(await post({ name: 'x', filter: { colour: 'blue' } })).details?.[0]?.path).toBe('body/filter/colour');
    expect(error(await post({ name: '  ', filter: {} })).details?.[0]?.path).toBe('body/name');
  });
});
