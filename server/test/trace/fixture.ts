import type { EvidenceLink, LinkStance, Revision, RevisionStatus } from '@loopline/shared';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import * as Y from 'yjs';
import { deriveCanonical } from '../../src/documents/canonical.js';
import { initialDocumentUpdate } from '../../src/documents/convert.js';
import { storeInitialDocument } from '../../src/documents/initial.js';
import type { NewFeedbackItem, Storage } from '../../src/storage/types.js';
import { makeTestApp, type TestApp } from '../api/helpers.js';
import { createTestUser, injectAs, openTestSession, type TestSession } from '../auth/support/sessions.js';

/**
 * The known world of the audit and trace tests (BRIEF §6, shrunk): series
 * 签收双胞胎 with two episodes, each with a White and a Blue revision.
 *
 *   Episode 1: Blue changes scene x on link Lx — 20 genuine viewers plus 60
 *     coordinated accounts (mostly coordinated; few viewers once they are left
 *     out). The working script renames scene y (link Lu, no revision) and
 *     deletes scene z (link Lz, orphaned).
 *   Episode 2: White rests on Lcw (supports c). Blue changes b on link Lb (5
 *     viewers, all paying=yes), changes d with no evidence, and leaves c as it
 *     was although Lc (40 viewers) asks for a change; Lc2 supports c with no
 *     revision. Blue aired on Douyin at T = 2026-03-10 20:00 Beijing time.
 *
 * Metrics: episode 1 (the comparison) completes at 0.5, episode 2 after the
 * release at 0.6; retention 0.6 vs 0.7 flat.
 */

export const AIRED_AT = '2026-03-10T12:00:00.000Z';
const T = Date.parse(AIRED_AT);
const at = (hours: number) => new Date(T + hours * 3_600_000).toISOString();

type Line = [type: string, text: string];
const sceneJson = (id: string, heading: string, ...lines: Line[]) => ({
  type: 'scene',
  attrs: { sceneId: id },
  content: [
    { type: 'sceneHeading', content: [{ type: 'text', text: heading }] },
    ...lines.map(([type, text]) => ({ type, content: [{ type: 'text', text }] })),
  ],
});
const docJson = (...scenes: ReturnType<typeof sceneJson>[]) => ({ type: 'doc', content: scenes });

export const HEADINGS = {
  x: '1-1 日 内 客厅',
  y: '1-2 夜 内 卧室',
  yRenamed: '1-2 夜 内 主卧',
  z: '1-3 夜 外 街道',
  a: '2-1 日 内 客厅',
  b: '2-2 日 外 医院门口',
  c: '2-3 夜 内 总裁办公室',
  d: '2-4 夜 内 客厅',
};

const ep1White = docJson(
  sceneJson('x', HEADINGS.x, ['action', '林晚推门进来。']),
  sceneJson('y', HEADINGS.y, ['action', '她看着手机。']),
  sceneJson('z', HEADINGS.z, ['action', '雨一直下。']),
);
const ep1Blue = docJson(
  sceneJson('x', HEADINGS.x, ['action', '林晚推门进来，愣住了。']),
  sceneJson('y', HEADINGS.y, ['action', '她看着手机。']),
  sceneJson('z', HEADINGS.z, ['action', '雨一直下。']),
);
const ep1Now = docJson(sceneJson('x', HEADINGS.x, ['action', '林晚推门进来，愣住了。']), sceneJson('y', HEADINGS.yRenamed, ['action', '她看着手机。']));

const argument: Line[] = [
  ['character', '顾总'],
  ['dialogue', '你以为他会信你？你以为这一切都是巧合？三年前的那个晚上，你到底在哪里？'],
  ['character', '林晚'],
  ['dialogue', '我说过很多次了，我不记得。你为什么总是不肯相信我？'],
];
const ep2White = docJson(
  sceneJson('a', HEADINGS.a, ['action', '△清晨的客厅。']),
  sceneJson('b', HEADINGS.b, ['action', '林晚接到电话。']),
  sceneJson('c', HEADINGS.c, ['dialogue', '你来了。']),
  sceneJson('d', HEADINGS.d, ...argument),
);
const ep2Blue = docJson(
  sceneJson('a', HEADINGS.a, ['action', '△清晨的客厅。']),
  sceneJson('b', HEADINGS.b, ['action', '林晚接到电话。'], ['cliffhanger', '双胞胎出现在门口。']),
  sceneJson('c', HEADINGS.c, ['dialogue', '你来了。']),
  sceneJson('d', HEADINGS.d, ...argument.slice(0, 2)),
);

/** The scripts as ProseMirror JSON (revision documents and working scripts). */
export const SCRIPTS = { ep1White, ep1Blue, ep1Now, ep2White, ep2Blue };

/** Everything a test needs to name. */
export interface TraceWorld {
  t: TestApp;
  storage: Storage;
  seriesId: string;
  seriesTitle: string;
  ep1: string;
  ep2: string;
  /** A series the members below are not in. */
  otherSeriesId: string;
  showrunner: TestSession;
  writer: TestSession;
  reviewer: TestSession;
  operations: TestSession;
  /** A showrunner of the other series only. */
  outsider: TestSession;
  revisions: { ep1White: Revision; ep1Blue: Revision; ep2White: Revision; ep2Blue: Revision };
  links: Record<'Lx' | 'Lu' | 'Lz' | 'Lcw' | 'Lb' | 'Lc' | 'Lc2', EvidenceLink>;
  /** Feedback item ids by external id (b0…b4, c0…c39, g0…g19, f0…f59). */
  items: Record<string, string>;
  as(session: TestSession | null, opts: InjectOptions | string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

function item(seriesId: string, episodeId: string, externalId: string, author: string, postedAt: string, segments: Record<string, string>): NewFeedbackItem {
  return {
    seriesId,
    episodeId,
    kind: 'comment',
    platform: 'douyin',
    externalId,
    parentExternalId: null,
    postedAt,
    language: 'zh',
    text: `双胞胎在哪里 ${externalId}`,
    quote: null,
    author,
    likes: 0,
    replyCount: 0,
    timecodeMs: null,
    segments,
    redactions: [],
    importId: null,
    contentHash: `hash-${externalId}`,
    searchText: `双胞胎 ${externalId}`,
  };
}

/** Stores a script as the episode's working (canonical) document. */
async function setWorkingScript(storage: Storage, episodeId: string, json: unknown): Promise<void> {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, initialDocumentUpdate(json, { kind: 'seed', reason: 'demo' }));
  await storage.saveCanonical(deriveCanonical(episodeId, ydoc, 'zh'));
  ydoc.destroy();
}

/** Builds the world over a fresh app (SQLite in a temp directory). */
export async function makeTraceWorld(): Promise<TraceWorld> {
  const t = await makeTestApp();
  const { storage } = t;
  const seriesTitle = '签收双胞胎';
  const series = await storage.createSeries({ title: seriesTitle, language: 'zh' });
  const other = await storage.createSeries({ title: 'Elsewhere', language: 'en' });
  const ep1 = (await storage.createEpisode({ seriesId: series.id, title: '第1集', language: 'zh' })).id;
  const ep2 = (await storage.createEpisode({ seriesId: series.id, title: '第2集', language: 'zh' })).id;
  await storeInitialDocument(storage, ep1, 'zh', ep1White, { kind: 'seed', reason: 'demo' });
  await storeInitialDocument(storage, ep2, 'zh', ep2White, { kind: 'seed', reason: 'demo' });

  const member = async (email: string, role: 'showrunner' | 'writer' | 'reviewer' | 'operations', seriesId = series.id) => {
    const user = await createTestUser(storage, { email, displayName: email.split('@')[0] });
    await storage.setMembership(seriesId, user.id, role);
    return openTestSession(storage, t.config, user);
  };
  const showrunner = await member('showrunner@trace.test', 'showrunner');
  const writer = await member('writer@trace.test', 'writer');
  const reviewer = await member('reviewer@trace.test', 'reviewer');
  const operations = await member('operations@trace.test', 'operations');
  const outsider = await member('outsider@trace.test', 'showrunner', other.id);

  // Feedback: b* five paying viewers; c* forty viewers, half paying; g* twenty genuine viewers; f* sixty coordinated accounts.
  const rows: NewFeedbackItem[] = [];
  for (let i = 0; i < 5; i++) rows.push(item(series.id, ep1, `b${i}`, `viewer-b${i}`, at(-10), { paying: 'yes' }));
  for (let i = 0; i < 40; i++) rows.push(item(series.id, ep1, `c${i}`, `viewer-c${i}`, at(i < 10 ? -5 : 5), { paying: i % 2 === 0 ? 'yes' : 'no' }));
  for (let i = 0; i < 20; i++) rows.push(item(series.id, ep1, `g${i}`, `viewer-g${i}`, at(-30), { paying: i % 2 === 0 ? 'yes' : 'no' }));
  for (let i = 0; i < 60; i++) rows.push(item(series.id, ep1, `f${i}`, `fresh-${i}`, at(-29), {}));
  await storage.insertFeedbackBatch(rows);
  const items: Record<string, string> = {};
  const page = await storage.searchFeedback({ seriesId: series.id, limit: 500 });
  for (const it of page.items) if (it.externalId) items[it.externalId] = it.id;
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => items[`${prefix}${i}`]!);
  await storage.setCoordinated(series.id, ids('f', 60), true);

  let minute = 0;
  const link = async (episodeId: string, sceneId: string, heading: string, stance: LinkStance, itemIds: string[]) =>
    storage.createLink({
      seriesId: series.id,
      episodeId,
      anchor: { kind: 'scene', sceneId, heading },
      evidenceSetId: null,
      itemIds,
      authorId: writer.user.id,
      rationale: `为什么改 ${sceneId}`,
      stance,
      weight: 2,
      state: 'anchored',
      createdAt: new Date(Date.parse('2026-03-01T00:00:00.000Z') + minute++ * 60_000).toISOString(),
    });
  const revision = async (episodeId: string, colour: string, json: unknown, linkIds: string[], to: RevisionStatus[], releaseId?: string) => {
    const ydoc = new Y.Doc();
    const state = initialDocumentUpdate(json, { kind: 'seed', reason: 'demo' });
    Y.applyUpdate(ydoc, state);
    const canonical = deriveCanonical(episodeId, ydoc, 'zh');
    ydoc.destroy();
    let rev = await storage.createRevision({
      seriesId: series.id,
      episodeId,
      colour,
      summary: `${colour} 修订`,
      authorIds: [writer.user.id],
      createdBy: writer.user.id,
      state,
      doc: canonical.doc,
      sceneCount: canonical.sceneCount,
      runtimeSeconds: canonical.runtimeSeconds,
      linkIds,
      createdAt: new Date(Date.parse('2026-03-02T00:00:00.000Z') + minute++ * 60_000).toISOString(),
    });
    for (const status of to) {
      const by = status === 'proposed' ? writer.user.id : status === 'aired' ? operations.user.id : showrunner.user.id;
      rev = (await storage.transitionRevision({
        revisionId: rev.id,
        to: status,
        event: { byId: by, at: new Date(Date.parse('2026-03-03T00:00:00.000Z') + minute++ * 60_000).toISOString(), comment: `${status}` },
        releaseId: status === 'aired' ? releaseId : undefined,
      }))!;
    }
    return rev;
  };

  // Episode 1.
  const Lx = await link(ep1, 'x', HEADINGS.x, 'motivates', [...ids('g', 20), ...ids('f', 60)]);
  const ep1WhiteRev = await revision(ep1, 'White', ep1White, [], ['proposed', 'approved']);
  const ep1BlueRev = await revision(ep1, 'Blue', ep1Blue, [Lx.id], ['proposed']);

  // Episode 2.
  const Lcw = await link(ep2, 'c', HEADINGS.c, 'supports', ids('c', 40));
  const ep2WhiteRev = await revision(ep2, 'White', ep2White, [Lcw.id], ['proposed', 'approved']);
  const Lb = await link(ep2, 'b', HEADINGS.b, 'motivates', ids('b', 5));
  const Lc = await link(ep2, 'c', HEADINGS.c, 'motivates', ids('c', 40));
  const release = await storage.createRelease({ seriesId: series.id, episodeId: ep2, platform: 'douyin', airedAt: AIRED_AT });
  const ep2BlueRev = await revision(ep2, 'Blue', ep2Blue, [Lb.id, Lc.id], ['proposed', 'approved', 'aired'], release.id);
  const Lc2 = await link(ep2, 'c', HEADINGS.c, 'supports', [items.c1!, items.c2!, items.c3!]);

  // The working scripts: episode 2 as Blue; episode 1 renames y and deletes z.
  await setWorkingScript(storage, ep2, ep2Blue);
  const Lu = await link(ep1, 'y', HEADINGS.y, 'supports', [items.c0!]);
  const Lz = await link(ep1, 'z', HEADINGS.z, 'supports', [items.b0!]);
  await setWorkingScript(storage, ep1, ep1Now);
  await storage.setLinkStates([{ id: Lz.id, state: 'orphaned' }], new Date().toISOString());

  // Metrics: episode 1 first days, episode 2 after the release (Douyin days are Beijing days).
  const metric = (episodeId: string, date: string, completionRate: number, fiveSecondCompletion: number, paywallUnlocks: number) => ({
    seriesId: series.id,
    episodeId,
    platform: 'douyin',
    date,
    views: 1000,
    uniqueViewers: 900,
    completionRate,
    fiveSecondCompletion,
    avgWatchSeconds: 60,
    likes: 10,
    shares: 1,
    follows: 1,
    comments: 5,
    paywallUnlocks,
    paywallConversion: 0.1,
  });
  await storage.upsertEpisodeMetrics([
    metric(ep1, '2026-03-03', 0.5, 0.7, 100),
    metric(ep1, '2026-03-04', 0.5, 0.7, 100),
    metric(ep2, '2026-03-10', 0.6, 0.8, 150),
    metric(ep2, '2026-03-11', 0.6, 0.8, 150),
  ]);
  await storage.upsertRetentionCurves([
    { seriesId: series.id, episodeId: ep1, platform: 'douyin', points: Array.from({ length: 120 }, () => 0.6) },
    { seriesId: series.id, episodeId: ep2, platform: 'douyin', points: Array.from({ length: 120 }, () => 0.7) },
  ]);

  const reload = async (l: EvidenceLink) => (await storage.getLink(l.id))!;
  return {
    t,
    storage,
    seriesId: series.id,
    seriesTitle,
    ep1,
    ep2,
    otherSeriesId: other.id,
    showrunner,
    writer,
    reviewer,
    operations,
    outsider,
    revisions: { ep1White: ep1WhiteRev, ep1Blue: ep1BlueRev, ep2White: ep2WhiteRev, ep2Blue: ep2BlueRev },
    links: {
      Lx: await reload(Lx),
      Lu: await reload(Lu),
      Lz: await reload(Lz),
      Lcw: await reload(Lcw),
      Lb: await reload(Lb),
      Lc: await reload(Lc),
      Lc2: await reload(Lc2),
    },
    items,
    as: (session, opts) => injectAs(t.app, session, opts),
    close: () => t.close(),
  };
}
