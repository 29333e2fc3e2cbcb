import { type EvidenceLink, type FeedbackItem, MAX_LINK_ITEMS } from '@loopline/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../api/helpers.js';
import { type EvidenceWorld, HEADINGS, LINES, makeEvidenceWorld, spanBody, storedDoc } from './support.js';

let w: EvidenceWorld;
beforeAll(async () => {
  w = await makeEvidenceWorld();
});
afterAll(async () => {
  await w.close();
});

const linksUrl = () => `/api/episodes/${w.episodeId}/links`;
const body = (extra: Record<string, unknown>) => ({ rationale: '观众一直在问双胞胎', stance: 'motivates', weight: 2, ...extra });
const post = (who: Parameters<EvidenceWorld['as']>[0], payload: Record<string, unknown>) => w.as(who, { method: 'POST', url: linksUrl(), payload });
const error = (res: { json(): unknown }) => (res.json() as ErrorBody).error;

describe('links', () => {
  it('[LK1] a writer links 3 items to a scene and sees the sample: mentions and distinct viewers', async () => {
    const res = await post('writer', body({ sceneId: 's2', itemIds: [w.items.v0, w.items.v1, w.items.v2] }));
    expect(res.statusCode, res.body).toBe(201);
    const link = res.json() as EvidenceLink;
    expect(link).toMatchObject({
      episodeId: w.episodeId,
      sceneId: 's2',
      anchor: { kind: 'scene', sceneId: 's2', heading: HEADINGS.s2 },
      itemCount: 3,
      authorName: 'writer 甲',
      rationale: '观众一直在问双胞胎',
      stance: 'motivates',
      weight: 2,
      revisionId: null,
      state: 'anchored',
    });
    // v0 and v1 are one viewer (a), v2 another (b).
    expect(link.sample).toMatchObject({ mentions: 3, distinctViewers: 2, coordinated: 0 });
    expect((await w.as('reviewer', `/api/links/${link.id}`)).json()).toEqual(link);

    const items = (await w.as('reviewer', `/api/links/${link.id}/items?limit=2`)).json() as { items: FeedbackItem[]; total: number };
    expect(items.total).toBe(3);
    expect(items.items.map((i) => i.externalId)).toHaveLength(2);
    const rest = (await w.as('reviewer', `/api/links/${link.id}/items?offset=2`)).json() as { items: FeedbackItem[] };
    expect([...items.items, ...rest.items].map((i) => i.externalId).sort()).toEqual(['v0', 'v1', 'v2']);

    const audit = (await w.as('admin', `/api/series/${w.seriesId}/audit`)).json() as { entries: { action: string; details: Record<string, unknown> }[] };
    expect(audit.entries.find((e) => e.action === 'evidence.linked' && e.details.linkId === link.id)).toBeTruthy();
  });

  it('[LK2] a span link: the server checks the span against the live script and records it with its quote', async () => {
    const doc = await storedDoc(w.storage, w.episodeId);
    const span = spanBody(doc, 's2', LINES.s2, '双胞胎的照片');
    const res = await post('writer', body({ sceneId: 's2', span: { ...span, blockIndex: 7 }, itemIds: [w.items.v4] }));
    expect(res.statusCode, res.body).toBe(201);
    const link = res.json() as EvidenceLink;
    // The line is the server's reading (1: the first line after the heading), not what the client claimed.
    expect(link.anchor).toMatchObject({ kind: 'span', sceneId: 's2', heading: HEADINGS.s2, blockIndex: 1, quote: '双胞胎的照片' });
    expect(link.state).toBe('anchored');

    // A quote that no longer reads as the text between the positions is recorded as drifted.
    const drifted = await post('writer', body({ sceneId: 's2', span: { ...span, quote: '双胞胎的视频' }, itemIds: [w.items.v4] }));
    expect((drifted.json() as EvidenceLink).state).toBe('drifted');

    // Positions of another scene, or that name nothing the server has, are refused at body/span.
    const other = spanBody(doc, 's1', LINES.s1, '合同');
    const wrong = await post('writer', body({ sceneId: 's2', span: other, itemIds: [w.items.v4] }));
    expect(wrong.statusCode).toBe(400);
    expect(error(wrong).details).toEqual([{ path: 'body/span', message: expect.stringContaining('does not resolve') }]);
    doc.destroy();
  });

  it('[LK3] refusals name the field: a scene not in the script, an item of another series, an unknown set, no item, too many', async () => {
    const noScene = await post('writer', body({ sceneId: 'nope', itemIds: [w.items.v0] }));
    expect(noScene.statusCode).toBe(400);
    expect(error(noScene).details?.[0]?.path).toBe('body/sceneId');

    const foreign = await post('writer', body({ sceneId: 's1', itemIds: [w.items.v0, w.items.v1, w.items.v2, w.foreignItemId] }));
    expect(foreign.statusCode).toBe(400);
    expect(error(foreign).details?.[0]?.path).toBe('body/itemIds/3');

    const unknownItem = await post('writer', body({ sceneId: 's1', itemIds: ['999999999'] }));
    expect(error(unknownItem).details?.[0]?.path).toBe('body/itemIds/0');

    const set = await post('writer', body({ sceneId: 's1', evidenceSetId: 'no-such-set' }));
    expect(set.statusCode).toBe(400);
    expect(error(set).details?.[0]?.path).toBe('body/evidenceSetId');

    const none = await post('writer', body({ sceneId: 's1', itemIds: [] }));
    expect(none.statusCode).toBe(400);
    expect(error(none).details?.[0]?.path).toBe('body/itemIds');

    const many = await post('writer', body({ sceneId: 's1', itemIds: Array.from({ length: MAX_LINK_ITEMS + 1 }, (_, i) => String(i + 1)) }));
    expect(many.statusCode).toBe(400);
    expect(error(many).details?.[0]?.path).toBe('body/itemIds');

    const weight = await post('writer', body({ sceneId: 's1', itemIds: [w.items.v0], weight: 4 }));
    expect(weight.statusCode).toBe(400);
    expect(error(weight).details?.[0]?.path).toBe('body/weight');

    // Nothing was stored by any of them.
    const all = (await w.as('writer', `${linksUrl()}?sceneId=s1`)).json() as { links: EvidenceLink[] };
    expect(all.links).toEqual([]);
  });

  it('[LK4] reviewers and operations read links but may not make, change or delete them; outsiders get 404', async () => {
    const made = (await post('writer', body({ sceneId: 's3', itemIds: [w.items.v5] }))).json() as EvidenceLink;
    for (const role of ['reviewer', 'operations'] as const) {
      expect((await post(role, body({ sceneId: 's3', itemIds: [w.items.v5] }))).statusCode).toBe(403);
      expect((await w.as(role, { method: 'PATCH', url: `/api/links/${made.id}`, payload: { weight: 0 } })).statusCode).toBe(403);
      expect((await w.as(role, { method: 'DELETE', url: `/api/links/${made.id}` })).statusCode).toBe(403);
      expect((await w.as(role, `/api/links/${made.id}`)).statusCode).toBe(200);
    }
    expect((await w.as('outsider', `/api/links/${made.id}`)).statusCode).toBe(404);
    expect((await w.as('outsider', linksUrl())).statusCode).toBe(404);
    expect((await w.as(null, linksUrl())).statusCode).toBe(401);
  });

  it('[LK6] a writer changes rationale, stance and weight, and deletes a link; unknown links are 404', async () => {
    const made = (await post('writer', body({ sceneId: 's3', itemIds: [w.items.v3] }))).json() as EvidenceLink;
    const patched = await w.as('writer', { method: 'PATCH', url: `/api/links/${made.id}`, payload: { stance: 'supports', weight: 3, rationale: '  保留这场  ' } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ stance: 'supports', weight: 3, rationale: '保留这场', itemCount: 1 });
    expect((await w.as('writer', { method: 'DELETE', url: `/api/links/${made.id}` })).statusCode).toBe(204);
    expect((await w.as('writer', `/api/links/${made.id}`)).statusCode).toBe(404);
    expect((await w.as('writer', { method: 'PATCH', url: '/api/links/nope', payload: { weight: 1 } })).statusCode).toBe(404);
  });

  it('[LK7] the list filters by scene, state and revision (`none`: not yet proposed)', async () => {
    const all = ((await w.as('reviewer', linksUrl())).json() as { links: EvidenceLink[] }).links;
    expect(all.length).toBeGreaterThan(2);
    const s2 = ((await w.as('reviewer', `${linksUrl()}?sceneId=s2`)).json() as { links: EvidenceLink[] }).links;
    expect(s2.length).toBeGreaterThan(0);
    expect(s2.every((l) => l.sceneId === 's2')).toBe(true);
    const drifted = ((await w.as('reviewer', `${linksUrl()}?state=drifted`)).json() as { links: EvidenceLink[] }).links;
    expect(drifted.map((l) => l.state)).toEqual(['drifted']);
    const unproposed = ((await w.as('reviewer', `${linksUrl()}?revisionId=none`)).json() as { links: EvidenceLink[] }).links;
    expect(unproposed).toHaveLength(all.length);
    expect((await w.as('reviewer', `${linksUrl()}?state=lost`)).statusCode).toBe(400);
  });
});
