import { type EpisodeDiff, type EvidenceLink, type Release, type Revision, SCRIPT_FRAGMENT } from '@loopline/shared';
import { blockTexts, scenesById, sceneTextElements } from '@loopline/shared/collab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docToProseMirror } from '../../src/documents/convert.js';
import { storeInitialDocument } from '../../src/documents/initial.js';
import type { ErrorBody } from '../api/helpers.js';
import { type EvidenceWorld, makeEvidenceWorld, SCRIPT, storedDoc } from './support.js';

let w: EvidenceWorld;
beforeAll(async () => {
  w = await makeEvidenceWorld();
});
afterAll(async () => {
  await w.close();
});

type Who = Parameters<EvidenceWorld['as']>[0];
const revisionsUrl = () => `/api/episodes/${w.episodeId}/revisions`;
const error = (res: { json(): unknown }) => (res.json() as ErrorBody).error;

async function makeLink(sceneId: string, episodeId = w.episodeId): Promise<EvidenceLink> {
  const res = await w.as('writer', {
    method: 'POST',
    url: `/api/episodes/${episodeId}/links`,
    payload: { sceneId, itemIds: [w.items.v0, w.items.v2], rationale: '观众要看双胞胎', stance: 'motivates', weight: 2 },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as EvidenceLink;
}

async function takeRevision(payload: Record<string, unknown>, who: Who = 'writer'): Promise<Revision> {
  const res = await w.as(who, { method: 'POST', url: revisionsUrl(), payload: { summary: '', linkIds: [], ...payload } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Revision;
}

const step = (who: Who, revision: Revision, path: string, payload: Record<string, unknown> = {}) =>
  w.as(who, { method: 'POST', url: `/api/revisions/${revision.id}/${path}`, payload });

/** Edits the stored script as a client's update would (no room is open in this file, so storage is the live script). */
async function editScript(change: (doc: Y.Doc) => void): Promise<void> {
  const doc = await storedDoc(w.storage, w.episodeId);
  const before = Y.encodeStateVector(doc);
  change(doc);
  await w.storage.appendUpdate(w.episodeId, Y.encodeStateAsUpdate(doc, before));
  doc.destroy();
}

const lineOf = (doc: Y.Doc, sceneId: string) => blockTexts(sceneTextElements(scenesById(doc).get(sceneId)!)[1]!)[0]!;

describe('revisions', () => {
  it('[RW1] a writer takes a revision of the live script: White, draft, with its links, authors, scene count; the doc route gives the script as taken', async () => {
    const link = await makeLink('s1');
    const revision = await takeRevision({ summary: '  第一稿  ', linkIds: [link.id] });
    expect(revision).toMatchObject({
      episodeId: w.episodeId,
      number: 1,
      colour: 'White',
      summary: '第一稿',
      status: 'draft',
      linkIds: [link.id],
      sceneCount: 3,
      authors: [{ id: w.sessions.writer.user.id, name: 'writer 甲' }],
    });
    expect(revision.runtimeSeconds).toBeGreaterThan(0);
    expect(revision.events).toMatchObject([{ status: 'draft', byId: w.sessions.writer.user.id, byName: 'writer 甲' }]);
    expect(((await w.as('reviewer', `/api/links/${link.id}`)).json() as EvidenceLink).revisionId).toBe(revision.id);
    const doc = (await w.as('reviewer', `/api/revisions/${revision.id}/doc`)).json() as { doc: { content: unknown[] } };
    expect(doc.doc.content).toHaveLength(3);
    expect(JSON.stringify(doc.doc)).toContain('林晚推门进来');
    expect(((await w.as('reviewer', revisionsUrl())).json() as { revisions: Revision[] }).revisions.map((r) => r.id)).toEqual([revision.id]);
  });

  it('[RW1] the stored state decodes to exactly the script as taken, after later edits and every API call on it', async () => {
    const revision = await takeRevision({ summary: '不可变' });
    const content = (await w.storage.getRevisionContent(revision.id))!;
    const taken = { state: Uint8Array.from(content.state), doc: structuredClone(content.doc) };
    const decoded = new Y.Doc();
    Y.applyUpdate(decoded, taken.state);
    expect(docToProseMirror(decoded).toJSON()).toEqual(taken.doc);
    decoded.destroy();

    await editScript((doc) => lineOf(doc, 's1').insert(0, '（改）'));
    await w.as('writer', { method: 'PATCH', url: `/api/revisions/${revision.id}`, payload: { summary: '还是不可变' } });
    await step('writer', revision, 'propose', { comment: '请看' });
    await step('showrunner', revision, 'reject', { comment: '证据不足' });

    const after = (await w.storage.getRevisionContent(revision.id))!;
    expect(Buffer.from(after.state).equals(Buffer.from(taken.state))).toBe(true);
    expect(after.doc).toEqual(taken.doc);
    expect(((await w.as('reviewer', `/api/revisions/${revision.id}/doc`)).json() as { doc: unknown }).doc).toEqual(taken.doc);
    expect(JSON.stringify(taken.doc)).not.toContain('（改）');
    // The live script did change: a revision taken now has the edit.
    const now = await takeRevision({});
    expect(JSON.stringify((await w.storage.getRevisionContent(now.id))!.doc)).toContain('（改）');
  });

  it('[RW3][RW5] the workflow: a writer proposes, a showrunner approves with a comment, operations mark it aired with its release; every step is recorded', async () => {
    const link = await makeLink('s2');
    const revision = await takeRevision({ summary: '加双胞胎', linkIds: [link.id], authorIds: [w.sessions.writer.user.id, w.sessions.showrunner.user.id] });
    expect(revision.authors.map((a) => a.id)).toEqual([w.sessions.writer.user.id, w.sessions.showrunner.user.id]);
    const proposed = await step('writer', revision, 'propose', { comment: '请审' });
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect((proposed.json() as Revision).status).toBe('proposed');

    for (const who of ['writer', 'operations', 'reviewer'] as const) expect((await step(who, revision, 'approve', { comment: '好' })).statusCode).toBe(403);
    const approved = await step('showrunner', revision, 'approve', { comment: '  可以，证据充分  ' });
    expect(approved.statusCode, approved.body).toBe(200);

    // Links of a revision past draft are part of the record.
    expect((await w.as('writer', { method: 'PATCH', url: `/api/links/${link.id}`, payload: { weight: 0 } })).statusCode).toBe(409);
    expect((await w.as('writer', { method: 'DELETE', url: `/api/links/${link.id}` })).statusCode).toBe(409);

    expect((await step('writer', revision, 'air', { platform: 'douyin', airedAt: '2026-03-10T12:00:00Z' })).statusCode).toBe(403);
    const aired = await step('operations', revision, 'air', { platform: 'douyin', airedAt: '2026-03-10T20:00:00+08:00' });
    expect(aired.statusCode, aired.body).toBe(200);
    const final = aired.json() as Revision;
    expect(final.status).toBe('aired');
    expect(final.release).toMatchObject({ episodeId: w.episodeId, platform: 'douyin', airedAt: '2026-03-10T12:00:00.000Z', revisionId: revision.id });
    expect(final.events.map((e) => [e.status, e.byName, e.comment])).toEqual([
      ['draft', 'writer 甲', ''],
      ['proposed', 'writer 甲', '请审'],
      ['approved', 'showrunner 甲', '可以，证据充分'],
      ['aired', 'operations 甲', ''],
    ]);
    expect(((await w.as('reviewer', `/api/episodes/${w.episodeId}`)).json() as { status: string }).status).toBe('aired');
    const releases = ((await w.as('reviewer', `/api/series/${w.seriesId}/releases`)).json() as { releases: Release[] }).releases;
    expect(releases.find((r) => r.id === final.release!.id)?.revisionId).toBe(revision.id);

    const audit = (await w.as('admin', `/api/series/${w.seriesId}/audit?limit=200`)).json() as { entries: { action: string; details: { revisionId?: string } }[] };
    const steps = audit.entries.filter((e) => e.details.revisionId === revision.id).map((e) => e.action).reverse();
    expect(steps).toEqual(['revision.created', 'revision.proposed', 'revision.approved', 'revision.aired']);
  });

  it('[RW4] wrong steps are 409s naming the status and the allowed next ones; a rejection needs a comment', async () => {
    const revision = await takeRevision({});
    const early = await step('showrunner', revision, 'approve', { comment: '' });
    expect(early.statusCode).toBe(409);
    expect(error(early).message).toMatch(/is draft; it cannot become approved\. Allowed next: proposed/);
    expect((await step('operations', revision, 'air', { platform: 'douyin', airedAt: '2026-03-10T12:00:00Z' })).statusCode).toBe(409);
    await step('writer', revision, 'propose');
    const again = await step('writer', revision, 'propose');
    expect(again.statusCode).toBe(409);
    expect(error(again).message).toContain('Allowed next: approved, rejected');
    // Refused before anything is stored: no release was made by the early `air`.
    const releases = ((await w.as('reviewer', `/api/series/${w.seriesId}/releases`)).json() as { releases: Release[] }).releases;
    expect(releases.some((r) => r.revisionId === null)).toBe(false);

    const blank = await step('showrunner', revision, 'reject', { comment: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(error(blank).details).toEqual([{ path: 'body/comment', message: 'must not be blank' }]);
    expect((await step('showrunner', revision, 'reject', {})).statusCode).toBe(400);
    const rejected = await step('showrunner', revision, 'reject', { comment: '证据太弱' });
    expect((rejected.json() as Revision).status).toBe('rejected');
    const final = await step('showrunner', revision, 'approve', { comment: '改主意了' });
    expect(final.statusCode).toBe(409);
    expect(error(final).message).toContain('Allowed next: none');
    const patch = await w.as('writer', { method: 'PATCH', url: `/api/revisions/${revision.id}`, payload: { summary: 'x' } });
    expect(patch.statusCode).toBe(409);
  });

  it('[RW2] colours follow the industry order; a colour can be chosen but not reused; links and authors are checked', async () => {
    const used = ((await w.as('reviewer', revisionsUrl())).json() as { revisions: Revision[] }).revisions.map((r) => r.colour);
    const next = await takeRevision({});
    expect(used).not.toContain(next.colour);
    expect(next.colour).toBe(['White', 'Blue', 'Pink', 'Yellow', 'Green', 'Goldenrod', 'Buff', 'Salmon', 'Cherry'][used.length]);
    const chosen = await takeRevision({ colour: 'double white' });
    expect(chosen.colour).toBe('Double White');
    const reused = await w.as('writer', { method: 'POST', url: revisionsUrl(), payload: { summary: '', linkIds: [], colour: 'White' } });
    expect(error(reused).details?.[0]?.path).toBe('body/colour');
    const unknown = await w.as('writer', { method: 'POST', url: revisionsUrl(), payload: { summary: '', linkIds: [], colour: 'Mauve' } });
    expect(unknown.statusCode).toBe(400);
    expect(error(unknown).details?.[0]?.path).toBe('body/colour');

    const taken = await makeLink('s3');
    await takeRevision({ linkIds: [taken.id] });
    const twice = await w.as('writer', { method: 'POST', url: revisionsUrl(), payload: { summary: '', linkIds: [taken.id] } });
    expect(twice.statusCode).toBe(409);
    const missing = await w.as('writer', { method: 'POST', url: revisionsUrl(), payload: { summary: '', linkIds: ['nope'] } });
    expect(error(missing).details?.[0]?.path).toBe('body/linkIds/0');

    const ep2 = await w.storage.createEpisode({ seriesId: w.seriesId, title: '第2集', language: 'zh' });
    await storeInitialDocument(w.storage, ep2.id, 'zh', SCRIPT, { kind: 'seed', reason: 'demo' });
    const elsewhere = await makeLink('s1', ep2.id);
    const fresh = await makeLink('s1');
    const foreign = await w.as('writer', { method: 'POST', url: revisionsUrl(), payload: { summary: '', linkIds: [fresh.id, elsewhere.id] } });
    expect(error(foreign).details?.[0]?.path).toBe('body/linkIds/1');
    const author = await w.as('writer', { method: 'POST', url: revisionsUrl(), payload: { summary: '', linkIds: [], authorIds: [w.sessions.outsider.user.id] } });
    expect(error(author).details?.[0]?.path).toBe('body/authorIds/0');

    for (const who of ['operations', 'reviewer'] as const) {
      expect((await w.as(who, { method: 'POST', url: revisionsUrl(), payload: { summary: '', linkIds: [] } })).statusCode).toBe(403);
    }
    expect((await w.as('outsider', revisionsUrl())).statusCode).toBe(404);
  });

  it('[RW6] a draft changes its summary and links until it is proposed', async () => {
    const a = await makeLink('s1');
    const b = await makeLink('s2');
    const draft = await takeRevision({ linkIds: [a.id] });
    const res = await w.as('writer', { method: 'PATCH', url: `/api/revisions/${draft.id}`, payload: { summary: '换证据', linkIds: [b.id] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ summary: '换证据', linkIds: [b.id] });
    expect(((await w.as('reviewer', `/api/links/${a.id}`)).json() as EvidenceLink).revisionId).toBeNull();
  });

  it('[RW8] the diff reports a moved scene as moved, the changed scene with the evidence of the revisions after `from`, against the live script and between revisions', async () => {
    const base = await takeRevision({ summary: '移动前' });
    await editScript((doc) => {
      // As y-prosemirror moves a scene: deleted and inserted again with the same id.
      const fragment = doc.getXmlFragment(SCRIPT_FRAGMENT);
      const s3 = scenesById(doc).get('s3')!;
      const copy = s3.clone();
      fragment.delete(fragment.toArray().indexOf(s3), 1);
      fragment.insert(0, [copy]);
      lineOf(doc, 's2').insert(0, '深夜，');
    });
    const evidence = await makeLink('s2');
    const res = await w.as('reviewer', `/api/episodes/${w.episodeId}/diff?from=${base.id}&to=current`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { diff: EpisodeDiff; from: unknown; to: unknown; evidence: Record<string, EvidenceLink[]> };
    expect(body.diff).toMatchObject({ moved: ['s3'], changed: ['s2'], added: [], removed: [] });
    expect(body.diff.scenes.map((s) => s.sceneId)).toEqual(['s3', 's1', 's2']);
    expect(body.from).toEqual({ revisionId: base.id, colour: base.colour });
    expect(body.to).toEqual({ revisionId: null, colour: null });
    expect(Object.keys(body.evidence).sort()).toEqual(['s2', 's3']);
    expect(body.evidence.s2!.map((l) => l.id)).toContain(evidence.id);
    expect(body.evidence.s3).toEqual([]);
    const s2 = body.diff.scenes.find((s) => s.sceneId === 's2')!;
    expect(s2.blocks.find((b) => b.op === 'changed')?.runs).toContainEqual({ op: 'insert', text: '深夜，' });

    const later = await takeRevision({ summary: '移动后', linkIds: [evidence.id] });
    const between = (await w.as('reviewer', `/api/episodes/${w.episodeId}/diff?from=${base.id}&to=${later.id}`)).json() as typeof body;
    expect(between.diff).toMatchObject({ moved: ['s3'], changed: ['s2'] });
    expect(between.to).toEqual({ revisionId: later.id, colour: later.colour });
    expect(between.evidence.s2!.map((l) => l.id)).toEqual([evidence.id]);
    // Against the live script, the evidence of every revision after `from` counts, not only unproposed links.
    const sinceBase = (await w.as('reviewer', `/api/episodes/${w.episodeId}/diff?from=${base.id}&to=current`)).json() as typeof body;
    expect(sinceBase.evidence.s2!.map((l) => l.id)).toEqual([evidence.id]);
    // The links of `from` itself led to `from`: they are not evidence for what changed after it.
    const sinceLater = (await w.as('reviewer', `/api/episodes/${w.episodeId}/diff?from=${later.id}&to=current`)).json() as typeof body;
    expect(Object.values(sinceLater.evidence).flat().map((l) => l.id)).not.toContain(evidence.id);

    const bad = await w.as('reviewer', `/api/episodes/${w.episodeId}/diff?from=nope`);
    expect(error(bad).details?.[0]?.path).toBe('querystring/from');
    const badTo = await w.as('reviewer', `/api/episodes/${w.episodeId}/diff?from=${base.id}&to=nope`);
    expect(error(badTo).details?.[0]?.path).toBe('querystring/to');
  });
});
