import { type ItemTrace, type RevisionOutcome, type RevisionTrace, type SceneTrace, sceneTimeRanges } from '@loopline/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ErrorBody, json } from '../api/helpers.js';
import { AIRED_AT, HEADINGS, makeTraceWorld, SCRIPTS, type TraceWorld } from './fixture.js';

let w: TraceWorld;
beforeAll(async () => {
  w = await makeTraceWorld();
});
afterAll(async () => {
  await w?.close();
});

const row = (outcome: RevisionOutcome, metric: string) => outcome.rows.find((r) => r.metric === metric);

describe('trace from a feedback item', () => {
  it('[TR1] [TR4] a comment reaches every link holding it, oldest first, with episode, heading now and revision', async () => {
    const res = await w.as(w.reviewer, `/api/feedback/${w.items.c0}/trace`);
    expect(res.statusCode).toBe(200);
    const trace = json<ItemTrace>(res);
    expect(trace.itemId).toBe(w.items.c0);
    const { ep2White, ep2Blue } = w.revisions;
    expect(trace.links.map((l) => [l.link.id, l.episodeNumber, l.episodeTitle, l.heading, l.revision?.colour ?? null, l.revision?.status ?? null])).toEqual([
      [w.links.Lcw.id, 2, '第2集', HEADINGS.c, 'White', 'approved'],
      [w.links.Lc.id, 2, '第2集', HEADINGS.c, 'Blue', 'aired'],
      // Scene y was renamed after the link was made: the trace shows its heading now.
      [w.links.Lu.id, 1, '第1集', HEADINGS.yRenamed, null, null],
    ]);
    expect(trace.links[1]!.revision).toEqual({
      id: ep2Blue.id,
      episodeId: w.ep2,
      episodeNumber: 2,
      colour: 'Blue',
      status: 'aired',
      airedAt: AIRED_AT,
      platform: 'douyin',
    });
    expect(trace.links[0]!.revision).toMatchObject({ id: ep2White.id, airedAt: null, platform: null });
    expect(trace.links[1]!.link.sample).toMatchObject({ mentions: 40, distinctViewers: 40 });
    // Outcomes are computed only when asked for [TR5].
    expect(trace.outcomes).toEqual({});
  });

  it('[TR1] [OC7] with outcomes=true the aired revision reached carries its outcome numbers', async () => {
    const trace = json<ItemTrace>(await w.as(w.reviewer, `/api/feedback/${w.items.c0}/trace?outcomes=true`));
    const blue = w.revisions.ep2Blue.id;
    expect(Object.keys(trace.outcomes)).toEqual([blue]);
    const outcome = trace.outcomes[blue]!;
    expect(outcome.release).toMatchObject({ platform: 'douyin', airedAt: AIRED_AT });
    // Episode 2 has no numbers before its release: the previous episode is the comparison.
    expect(outcome.before).toEqual({ episodeId: w.ep1, label: 'previous-episode' });
    expect(row(outcome, 'completionRate')).toEqual({ metric: 'completionRate', before: 0.5, after: 0.6, baseline: 0.5 });
    expect(row(outcome, 'fiveSecondCompletion')).toMatchObject({ before: 0.7, after: 0.8 });
    expect(row(outcome, 'paywallUnlocks')).toMatchObject({ before: 200, after: 300 });
    expect(row(outcome, 'retentionOverChangedScenes')!.before).toBeCloseTo(0.6);
    expect(row(outcome, 'retentionOverChangedScenes')!.after).toBeCloseTo(0.7);
    // Blue's evidence (Lb, Lc): 5 + 10 comments in the 48 hours before the release, 30 after.
    expect(row(outcome, 'evidenceComments')).toMatchObject({ before: 15, after: 30 });
  });

  it('[TR4] a link whose scene is gone shows the heading it had, next to a live link', async () => {
    const trace = json<ItemTrace>(await w.as(w.reviewer, `/api/feedback/${w.items.b0}/trace`));
    expect(trace.links.map((l) => [l.link.id, l.link.state, l.heading, l.revision?.colour ?? null])).toEqual([
      [w.links.Lb.id, 'anchored', HEADINGS.b, 'Blue'],
      [w.links.Lz.id, 'orphaned', HEADINGS.z, null],
    ]);
  });

  it('[TR1] [TR5] an item whose revisions never aired has no outcomes, even when asked', async () => {
    const trace = json<ItemTrace>(await w.as(w.reviewer, `/api/feedback/${w.items.g0}/trace?outcomes=true`));
    expect(trace.links.map((l) => [l.link.id, l.revision?.colour, l.revision?.status])).toEqual([[w.links.Lx.id, 'Blue', 'proposed']]);
    expect(trace.outcomes).toEqual({});
  });
});

describe('trace from a scene', () => {
  it('[TR2] every link ever made to a scene, grouped by revision in order, unproposed last', async () => {
    const res = await w.as(w.reviewer, `/api/episodes/${w.ep2}/scenes/c/trace`);
    expect(res.statusCode).toBe(200);
    const trace = json<SceneTrace>(res);
    expect(trace.episodeId).toBe(w.ep2);
    expect(trace.sceneId).toBe('c');
    expect(trace.groups.map((g) => [g.revision?.colour ?? null, g.revision?.status ?? null, g.links.map((l) => l.id)])).toEqual([
      ['White', 'approved', [w.links.Lcw.id]],
      ['Blue', 'aired', [w.links.Lc.id]],
      [null, null, [w.links.Lc2.id]],
    ]);
    expect(trace.groups[1]!.revision).toMatchObject({ episodeNumber: 2, airedAt: AIRED_AT, platform: 'douyin' });
  });

  it('[TR2] a scene of the script with no evidence has no groups; a deleted scene keeps its links', async () => {
    expect(json<SceneTrace>(await w.as(w.reviewer, `/api/episodes/${w.ep2}/scenes/a/trace`)).groups).toEqual([]);
    // A scene added to the working script a moment ago is found although the headings were read before.
    const canonical = (await w.storage.getCanonical(w.ep2))!;
    const added = structuredClone(canonical.doc) as { content: unknown[] };
    added.content.push({ type: 'scene', attrs: { sceneId: 'e' }, content: [{ type: 'sceneHeading', content: [{ type: 'text', text: '2-5 夜 外 天台' }] }] });
    expect((await w.as(w.reviewer, `/api/episodes/${w.ep2}/scenes/e/trace`)).statusCode).toBe(404);
    await w.storage.saveCanonical({ ...canonical, doc: added });
    expect(json<SceneTrace>(await w.as(w.reviewer, `/api/episodes/${w.ep2}/scenes/e/trace`)).groups).toEqual([]);
    await w.storage.saveCanonical(canonical);

    const gone = json<SceneTrace>(await w.as(w.reviewer, `/api/episodes/${w.ep1}/scenes/z/trace`));
    expect(gone.groups).toEqual([{ revision: null, links: [expect.objectContaining({ id: w.links.Lz.id, state: 'orphaned' })] }]);
  });
});

describe('trace from a revision', () => {
  it('[TR3] [OC7] an aired revision: its links and its outcome', async () => {
    const res = await w.as(w.reviewer, `/api/revisions/${w.revisions.ep2Blue.id}/trace`);
    expect(res.statusCode).toBe(200);
    const trace = json<RevisionTrace>(res);
    expect(trace.revision).toMatchObject({ id: w.revisions.ep2Blue.id, colour: 'Blue', status: 'aired', number: 2 });
    expect(trace.links.map((l) => l.id)).toEqual([w.links.Lb.id, w.links.Lc.id]);
    expect(row(trace.outcome!, 'completionRate')).toMatchObject({ before: 0.5, after: 0.6 });
    const skipped = json<RevisionTrace>(await w.as(w.reviewer, `/api/revisions/${w.revisions.ep2Blue.id}/trace?outcome=false`));
    expect(skipped.outcome).toBeNull();
    expect(skipped.links).toHaveLength(2);
  });

  it('[TR3] a revision that never aired has no outcome', async () => {
    const trace = json<RevisionTrace>(await w.as(w.reviewer, `/api/revisions/${w.revisions.ep1Blue.id}/trace`));
    expect(trace.links.map((l) => l.id)).toEqual([w.links.Lx.id]);
    expect(trace.outcome).toBeNull();
  });
});

describe('outcome of a revision', () => {
  it('[OC7] the changed range covers the scenes Blue changed against White, timed in Blue', async () => {
    const outcome = json<RevisionOutcome>(await w.as(w.reviewer, `/api/revisions/${w.revisions.ep2Blue.id}/outcome`));
    const ranges = sceneTimeRanges(SCRIPTS.ep2Blue, 'zh');
    const of = (id: string) => ranges.find((r) => r.sceneId === id)!;
    // b and d changed; a and c did not.
    expect(outcome.changedRange).toEqual({ fromSecond: of('b').fromSecond, toSecond: of('d').toSecond });
    expect(outcome.changedRange!.fromSecond).toBeGreaterThan(0);
    expect(outcome.retentionAfter).toHaveLength(120);
    // The first revision of an episode changed nothing before it.
    const white = json<RevisionOutcome>(await w.as(w.reviewer, `/api/revisions/${w.revisions.ep2White.id}/outcome`));
    expect(white.changedRange).toBeNull();
    expect(white.release).toBeNull();
    expect(row(white, 'completionRate')).toMatchObject({ before: null, after: null });
  });

  it('[OC7] compareTo picks the comparison episode; one of another series is a 400 naming the field', async () => {
    const url = `/api/revisions/${w.revisions.ep2Blue.id}/outcome`;
    const self = json<RevisionOutcome>(await w.as(w.reviewer, `${url}?compareTo=${w.ep2}`));
    expect(self.before).toEqual({ episodeId: w.ep2, label: 'same-episode' });
    expect(row(self, 'completionRate')).toMatchObject({ before: null, after: 0.6 });
    const ep1 = json<RevisionOutcome>(await w.as(w.reviewer, `${url}?compareTo=${w.ep1}`));
    expect(ep1.before).toEqual({ episodeId: w.ep1, label: 'previous-episode' });

    const foreign = await w.as(w.reviewer, `${url}?compareTo=nope`);
    expect(foreign.statusCode).toBe(400);
    expect(json<ErrorBody>(foreign).error.details).toEqual([{ path: 'querystring/compareTo', message: 'is not an episode of this series' }]);
  });
});

describe('trace access', () => {
  it('[TR6] every member may read traces; outsiders and unknown ids get 404, signed-out callers 401', async () => {
    const urls = [
      `/api/feedback/${w.items.c0}/trace`,
      `/api/episodes/${w.ep2}/scenes/c/trace`,
      `/api/revisions/${w.revisions.ep2Blue.id}/trace`,
      `/api/revisions/${w.revisions.ep2Blue.id}/outcome`,
    ];
    for (const url of urls) {
      for (const who of [w.reviewer, w.writer, w.operations, w.showrunner]) expect((await w.as(who, url)).statusCode, url).toBe(200);
      expect((await w.as(w.outsider, url)).statusCode, url).toBe(404);
      expect((await w.as(null, url)).statusCode, url).toBe(401);
    }
    for (const url of [
      '/api/feedback/nope/trace',
      `/api/episodes/nope/scenes/c/trace`,
      `/api/episodes/${w.ep2}/scenes/nope/trace`,
      '/api/revisions/nope/trace',
      '/api/revisions/nope/outcome',
    ]) {
      const res = await w.as(w.reviewer, url);
      expect(res.statusCode, url).toBe(404);
      expect(json<ErrorBody>(res).error.code).toBe('not_found');
    }
    const bad = await w.as(w.reviewer, `/api/feedback/${w.items.c0}/trace?outcomes=maybe`);
    expect(bad.statusCode).toBe(400);
    expect(json<ErrorBody>(bad).error.details?.[0]?.path).toBe('querystring/outcomes');
  });

  it('[TR6] the OpenAPI document lists the trace and outcome routes', async () => {
    const doc = json<{ paths: Record<string, Record<string, unknown>> }>(await w.as(null, '/api/openapi.json'));
    for (const path of [
      '/api/feedback/{itemId}/trace',
      '/api/episodes/{episodeId}/scenes/{sceneId}/trace',
      '/api/revisions/{revisionId}/trace',
      '/api/revisions/{revisionId}/outcome',
    ]) {
      expect(Object.keys(doc.paths[path] ?? {}), path).toContain('get');
    }
  });
});
