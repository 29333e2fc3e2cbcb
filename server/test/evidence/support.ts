import { rmSync } from 'node:fs';
import type { FeedbackItem, ImportJob, Role } from '@loopline/shared';
import { createSpanAnchor, type SpanAnchor } from '@loopline/shared/collab';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import * as Y from 'yjs';
import { buildApp } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { storeInitialDocument } from '../../src/documents/initial.js';
import { ImportRunner } from '../../src/imports/runner.js';
import { searchTokens } from '../../src/ingest/index.js';
import { openStorage } from '../../src/storage/index.js';
import type { NewFeedbackItem, Storage } from '../../src/storage/types.js';
import { tempDir, testConfig } from '../api/helpers.js';
import { createTestUser, injectAs, openTestSession, type TestSession } from '../auth/support/sessions.js';

/**
 * The world of the evidence API tests: the whole app listening on
 * 127.0.0.1 (so real sync clients can edit), series 签收双胞胎 with one
 * episode of three scenes, a member per role, viewer feedback, and a
 * second series with an item of its own. The canonical snapshot is saved
 * almost at once after an edit, so tests wait on `room.flush()`, not on time.
 */

type Line = [type: string, text: string];
export const sceneJson = (id: string, heading: string, ...lines: Line[]) => ({
  type: 'scene',
  attrs: { sceneId: id },
  content: [
    { type: 'sceneHeading', content: [{ type: 'text', text: heading }] },
    ...lines.map(([type, text]) => ({ type, content: [{ type: 'text', text }] })),
  ],
});

export const HEADINGS = { s1: '1-1 日 内 客厅', s2: '1-2 夜 内 卧室', s3: '1-3 夜 外 街道' };
export const LINES = { s1: '林晚推门进来，手里拿着一份合同。', s2: '她看着手机，屏幕上是双胞胎的照片。', s3: '雨一直下。' };

export const SCRIPT = {
  type: 'doc',
  content: [
    sceneJson('s1', HEADINGS.s1, ['action', LINES.s1]),
    sceneJson('s2', HEADINGS.s2, ['action', LINES.s2]),
    sceneJson('s3', HEADINGS.s3, ['action', LINES.s3]),
  ],
};

export const MEMBER_ROLES = ['admin', 'showrunner', 'writer', 'operations', 'reviewer'] as const satisfies readonly Role[];
export type MemberRole = (typeof MEMBER_ROLES)[number];

export interface EvidenceWorld {
  app: FastifyInstance;
  storage: Storage;
  config: Config;
  seriesId: string;
  episodeId: string;
  otherSeriesId: string;
  /** An item of the other series. */
  foreignItemId: string;
  sessions: Record<MemberRole | 'outsider', TestSession>;
  /** Item ids by external id: v0…v5 (viewers a, a, b, b, c, d). */
  items: Record<string, string>;
  origin: string;
  wsUrl: string;
  as(session: MemberRole | 'outsider' | null, opts: InjectOptions | string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export function feedbackRow(seriesId: string, episodeId: string | null, externalId: string, author: string, text: string, postedAt = '2026-03-01T12:00:00.000Z'): NewFeedbackItem {
  return {
    seriesId,
    episodeId,
    kind: 'comment',
    platform: 'douyin',
    externalId,
    parentExternalId: null,
    postedAt,
    language: 'zh',
    text,
    quote: null,
    author,
    likes: 0,
    replyCount: 0,
    timecodeMs: null,
    segments: { paying: author === 'viewer-a' ? 'yes' : 'no' },
    redactions: [],
    importId: null,
    contentHash: `hash-${seriesId}-${externalId}`,
    searchText: searchTokens(text),
  };
}

/** Ids of the series' items by external id. */
export async function itemIds(storage: Storage, seriesId: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const page = await storage.searchFeedback({ seriesId, limit: 500 });
  for (const it of page.items as FeedbackItem[]) if (it.externalId) out[it.externalId] = it.id;
  return out;
}

export async function makeEvidenceWorld(): Promise<EvidenceWorld> {
  const dataDir = tempDir('loopline-evidence-');
  const base = testConfig(dataDir);
  // The canonical snapshot (and so link states) follows an edit almost at once.
  const config: Config = { ...base, collab: { ...base.collab, pingIntervalMs: 0, canonicalDebounceMs: 5, canonicalMaxWaitMs: 20 } as Config['collab'] };
  const storage = await openStorage(config.database);
  await storage.migrate();
  const series = await storage.createSeries({ title: '签收双胞胎', language: 'zh' });
  const episode = await storage.createEpisode({ seriesId: series.id, title: '第1集', language: 'zh' });
  await storeInitialDocument(storage, episode.id, 'zh', SCRIPT, { kind: 'seed', reason: 'demo' });
  const other = await storage.createSeries({ title: 'Elsewhere', language: 'en' });

  const sessions = {} as EvidenceWorld['sessions'];
  for (const role of MEMBER_ROLES) {
    const user = await createTestUser(storage, { email: `${role}@evidence.test`, displayName: `${role} 甲` });
    await storage.setMembership(series.id, user.id, role);
    sessions[role] = await openTestSession(storage, config, user);
  }
  const outsider = await createTestUser(storage, { email: 'outsider@evidence.test' });
  await storage.setMembership(other.id, outsider.id, 'showrunner');
  sessions.outsider = await openTestSession(storage, config, outsider);

  const authors = ['viewer-a', 'viewer-a', 'viewer-b', 'viewer-b', 'viewer-c', 'viewer-d'];
  await storage.insertFeedbackBatch(authors.map((a, i) => feedbackRow(series.id, episode.id, `v${i}`, a, `双胞胎在哪里 ${i}`)));
  await storage.insertFeedbackBatch([feedbackRow(other.id, null, 'x0', 'viewer-x', 'elsewhere')]);
  const foreign = await itemIds(storage, other.id);

  const app = await buildApp({ config, storage, logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    storage,
    config,
    seriesId: series.id,
    episodeId: episode.id,
    otherSeriesId: other.id,
    foreignItemId: foreign.x0!,
    sessions,
    items: await itemIds(storage, series.id),
    origin: address,
    wsUrl: `${address.replace(/^http/, 'ws')}/collab`,
    as: (who, opts) => injectAs(app, who === null ? null : sessions[who], opts),
    async close() {
      await app.close();
      await storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The episode's document as storage holds it (what a client syncs to before the room has changed it). */
export async function storedDoc(storage: Storage, episodeId: string): Promise<Y.Doc> {
  const stored = await storage.loadDocument(episodeId);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u.data);
  return doc;
}

/** The body fields of a span over `quote` in the first body line of a scene. */
export function spanBody(doc: Y.Doc, sceneId: string, line: string, quote: string): Omit<SpanAnchor, 'kind' | 'sceneId' | 'heading'> {
  const from = line.indexOf(quote);
  if (from < 0) throw new Error(`${quote} is not in ${line}`);
  const anchor = createSpanAnchor(doc, { sceneId, blockIndex: 1, from, to: from + quote.length });
  if (!anchor) throw new Error(`no span for ${quote}`);
  return { blockIndex: anchor.blockIndex, start: anchor.start, end: anchor.end, quote: anchor.quote };
}

/** Imports a Douyin CSV through the import pipeline (the runner the import route uses) and waits for the run to end. */
export async function importDouyin(storage: Storage, seriesId: string, csv: string): Promise<ImportJob> {
  const runner = new ImportRunner({ storage, workers: false });
  const handle = await runner.start({ seriesId, target: 'feedback', format: 'csv', presetId: 'douyin', source: toSource(csv) });
  return handle.done;
}

async function* toSource(text: string): AsyncIterable<Uint8Array> {
  yield Buffer.from(text);
}
