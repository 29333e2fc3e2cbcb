import { can, ROLES, type Role } from '@loopline/shared';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RouteRecord } from '../../src/auth/guard.js';
import type { RouteAccess } from '../../src/auth/types.js';
import { makeTestApp, type TestApp } from '../api/helpers.js';
import { createTestUser, injectAs, openTestSession, type TestSession } from './support/sessions.js';

/**
 * The authorization matrix [AC1][AC2][AC4][AC5][AC22][AC23], generated from the app's own route
 * table (every route the access plugin saw registered): each route is
 * called by every kind of caller, and the answer's class must follow from
 * the route's declared rule and the permission matrix in shared/. A new
 * route joins the matrix by existing; one without a rule stops the app from
 * starting, so this file cannot even build it; one with a parameter this
 * file has no fixture for fails below until a fixture is added.
 */

/**
 * Every route's rule as docs/SPEC.md states it [AC4]. The app's route
 * table must equal this list, so a new route fails here until its rule is
 * written down, and a rule cannot change without this line changing too.
 */
const RULES: Record<string, string> = {
  'GET /': 'public',
  'GET /api/health': 'public',
  'GET /api/openapi.json': 'public',
  'GET /api/auth/session': 'public',
  'POST /api/auth/setup': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'POST /api/auth/password': 'session',
  'GET /api/users': 'siteAdmin',
  'POST /api/users': 'siteAdmin',
  'PATCH /api/users/:userId': 'siteAdmin',
  'GET /api/audit': 'siteAdmin',
  'GET /api/series': 'session',
  'POST /api/series': 'session',
  'GET /api/series/:seriesId': 'series.read',
  'PATCH /api/series/:seriesId': 'series.update',
  'GET /api/series/:seriesId/members': 'series.read',
  'POST /api/series/:seriesId/members': 'members.manage',
  'PATCH /api/series/:seriesId/members/:userId': 'members.manage',
  'DELETE /api/series/:seriesId/members/:userId': 'members.manage',
  'GET /api/series/:seriesId/audit': 'audit.read',
  'GET /api/series/:seriesId/episodes': 'series.read',
  'POST /api/series/:seriesId/episodes': 'episode.write',
  'GET /api/episodes/:episodeId': 'series.read',
  'PATCH /api/episodes/:episodeId': 'episode.write',
  'GET /api/episodes/:episodeId/outline': 'series.read',
  'GET /api/series/:seriesId/bible': 'series.read',
  'POST /api/series/:seriesId/bible/characters': 'bible.edit',
  'PATCH /api/series/:seriesId/bible/characters/:characterId': 'bible.edit',
  'DELETE /api/series/:seriesId/bible/characters/:characterId': 'bible.edit',
  'POST /api/series/:seriesId/bible/locations': 'bible.edit',
  'PATCH /api/series/:seriesId/bible/locations/:locationId': 'bible.edit',
  'DELETE /api/series/:seriesId/bible/locations/:locationId': 'bible.edit',
  'GET /collab/:episodeId': 'series.read',
  // issue 4: feedback, imports, metrics, releases, privacy [FB14]
  'POST /api/series/:seriesId/imports': 'feedback.import',
  'POST /api/series/:seriesId/imports/preview': 'feedback.import',
  'GET /api/series/:seriesId/imports': 'series.read',
  'GET /api/imports/:importId': 'series.read',
  'POST /api/imports/:importId/cancel': 'feedback.import',
  'GET /api/imports/:importId/errors': 'series.read',
  'GET /api/import-presets': 'session',
  'GET /api/series/:seriesId/mappings': 'series.read',
  'PUT /api/series/:seriesId/mappings/:name': 'feedback.import',
  'DELETE /api/series/:seriesId/mappings/:name': 'feedback.import',
  'GET /api/series/:seriesId/feedback': 'series.read',
  'GET /api/feedback/:itemId': 'series.read',
  'GET /api/series/:seriesId/metrics': 'series.read',
  'GET /api/episodes/:episodeId/retention': 'series.read',
  'GET /api/series/:seriesId/releases': 'series.read',
  'POST /api/series/:seriesId/releases': 'release.mark',
  'GET /api/series/:seriesId/privacy': 'series.read',
  'PUT /api/series/:seriesId/privacy': 'privacy.manage',
  'POST /api/series/:seriesId/privacy/apply-retention': 'privacy.manage',
  'POST /api/series/:seriesId/erasure': 'privacy.manage',
  // issue 5: evidence links and sets [LK4], coordination [CO14], revisions [RW3],
  // the evidence audit [UR10], traces and outcomes [TR6], reports [RP8]
  'GET /api/series/:seriesId/evidence-sets': 'series.read',
  'POST /api/series/:seriesId/evidence-sets': 'evidence.link',
  'POST /api/evidence-sets/:setId/reevaluate': 'evidence.link',
  'GET /api/episodes/:episodeId/links': 'series.read',
  'POST /api/episodes/:episodeId/links': 'evidence.link',
  'GET /api/links/:linkId': 'series.read',
  'GET /api/links/:linkId/items': 'series.read',
  'PATCH /api/links/:linkId': 'evidence.link',
  'DELETE /api/links/:linkId': 'evidence.link',
  'POST /api/series/:seriesId/feedback/coordinated': 'feedback.import',
  'POST /api/series/:seriesId/feedback/detect-coordinated': 'feedback.import',
  'GET /api/episodes/:episodeId/revisions': 'series.read',
  'POST /api/episodes/:episodeId/revisions': 'revision.propose',
  'GET /api/revisions/:revisionId': 'series.read',
  'PATCH /api/revisions/:revisionId': 'revision.propose',
  'GET /api/revisions/:revisionId/doc': 'series.read',
  'POST /api/revisions/:revisionId/propose': 'revision.propose',
  'POST /api/revisions/:revisionId/approve': 'revision.approve',
  'POST /api/revisions/:revisionId/reject': 'revision.approve',
  'POST /api/revisions/:revisionId/air': 'release.mark',
  'GET /api/episodes/:episodeId/diff': 'series.read',
  'GET /api/episodes/:episodeId/audit': 'series.read',
  'GET /api/series/:seriesId/evidence-audit': 'series.read',
  'GET /api/series/:seriesId/audit-settings': 'series.read',
  'PUT /api/series/:seriesId/audit-settings': 'revision.approve',
  'GET /api/feedback/:itemId/trace': 'series.read',
  'GET /api/episodes/:episodeId/scenes/:sceneId/trace': 'series.read',
  'GET /api/revisions/:revisionId/trace': 'series.read',
  'GET /api/revisions/:revisionId/outcome': 'series.read',
  'GET /api/revisions/:revisionId/report.html': 'report.export',
  'GET /api/revisions/:revisionId/report.pdf': 'report.export',
  'GET /api/episodes/:episodeId/report.html': 'report.export',
  'GET /api/episodes/:episodeId/report.pdf': 'report.export',
};

function ruleName(access: RouteAccess): string {
  return access.kind === 'series' ? access.action : access.kind;
}

/** Who calls: signed out, each role in the target series, a member of another series only, a site admin. */
type Caller =
  | { kind: 'signed-out' }
  | { kind: 'member'; role: Role }
  | { kind: 'foreign' }
  | { kind: 'site-admin' };

const CALLERS: Caller[] = [
  { kind: 'signed-out' },
  ...ROLES.map((role): Caller => ({ kind: 'member', role })),
  { kind: 'foreign' },
  { kind: 'site-admin' },
];

function callerName(c: Caller): string {
  return c.kind === 'member' ? c.role : c.kind;
}

/** What the guard must answer: a refusal status, or `pass` (the route runs). */
function expectedOutcome(access: RouteAccess, caller: Caller): 'pass' | 401 | 403 | 404 {
  if (access.kind === 'public') return 'pass';
  if (caller.kind === 'signed-out') return 401;
  if (access.kind === 'session') return 'pass';
  if (access.kind === 'siteAdmin') return caller.kind === 'site-admin' ? 'pass' : 403;
  if (caller.kind === 'site-admin') return 'pass';
  if (caller.kind === 'foreign') return 404;
  return can(caller.role, access.action) ? 'pass' : 403;
}

// What a route that ran answers to this file's requests: success, or 400 for the
// deliberately invalid body (validation runs after the guard, so a 400 proves it passed).
const BOGUS_BODY = { matrixProbe: true };
const HAS_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** Answers that mean the route ran, for routes whose success is not a 2xx over inject(). */
const RAN_ANYWAY: Record<string, (res: LightMyRequestResponse) => boolean> = {
  // Not a WebSocket handshake: @fastify/websocket answers 404 with no body once the guard let it through.
  'GET /collab/:episodeId': (res) => res.statusCode === 404 && res.body === '',
};

function ran(route: RouteRecord, res: LightMyRequestResponse): boolean {
  const special = RAN_ANYWAY[`${route.method} ${route.url}`];
  if (special?.(res)) return true;
  if (res.statusCode >= 200 && res.statusCode < 300) return true;
  return res.statusCode === 400 && (res.json() as { error: { code: string } }).error.code === 'validation_failed';
}

let t: TestApp;
let seriesId: string;
let episodeId: string;
let authorId: string;
const sessions = new Map<string, () => Promise<TestSession>>();

beforeAll(async () => {
  t = await makeTestApp();
  const own = await t.storage.createSeries({ title: '签收双胞胎', language: 'zh' });
  const other = await t.storage.createSeries({ title: 'Elsewhere', language: 'en' });
  seriesId = own.id;
  episodeId = (await t.storage.createEpisode({ seriesId, title: '第1集' })).id;
  for (const role of ROLES) {
    const user = await createTestUser(t.storage, { email: `${role}@matrix.test` });
    await t.storage.setMembership(seriesId, user.id, role);
    sessions.set(role, () => openTestSession(t.storage, t.config, user));
  }
  const foreign = await createTestUser(t.storage, { email: 'foreign@matrix.test' });
  await t.storage.setMembership(other.id, foreign.id, 'showrunner');
  sessions.set('foreign', () => openTestSession(t.storage, t.config, foreign));
  const admin = await createTestUser(t.storage, { email: 'site-admin@matrix.test', isAdmin: true });
  authorId = admin.id;
  sessions.set('site-admin', () => openTestSession(t.storage, t.config, admin));
});
afterAll(async () => {
  await t.close();
});

let fresh = 0;
/** A value for each route parameter; DELETE and PATCH get a fresh thing each time, so nothing runs out. */
const FIXTURES: Record<string, () => Promise<string>> = {
  seriesId: async () => seriesId,
  episodeId: async () => episodeId,
  characterId: async () => (await t.storage.createCharacter({ seriesId, name: `角色${fresh++}`, aliases: [], description: '' })).id,
  locationId: async () => (await t.storage.createLocation({ seriesId, name: `地点${fresh++}`, aliases: [], description: '' })).id,
  // A finished job: cancelling it answers the job as it is.
  importId: async () => {
    const job = await t.storage.createImportJob({
        seriesId,
        episodeId: null,
        target: 'feedback',
        format: 'csv',
        platform: 'douyin',
        fileName: 'probe.csv',
        totalBytes: null,
        mapping: null,
        presetId: null,
        createdBy: null,
    });
    await t.storage.updateImportJob(job.id, { status: 'done' });
    return job.id;
  },
  itemId: async () => {
    const n = fresh++;
    await t.storage.insertFeedbackBatch([
      {
        seriesId,
        episodeId,
        kind: 'comment',
        platform: 'douyin',
        externalId: `matrix-${n}`,
        parentExternalId: null,
        postedAt: '2026-03-01T20:00:00.000Z',
        language: 'zh',
        text: '探针',
        quote: null,
        author: 'v-probe',
        likes: 0,
        replyCount: 0,
        timecodeMs: null,
        segments: {},
        redactions: [],
        importId: null,
        contentHash: `matrix-${n}`,
        searchText: '探针',
      },
    ]);
    return (await t.storage.searchFeedback({ seriesId, limit: 1 })).items[0]!.id;
  },
  name: async () => `mapping-${fresh++}`,
  setId: async () =>
    (await t.storage.createEvidenceSet({ seriesId, name: `集合${fresh++}`, filter: { q: '探针' }, createdBy: authorId, itemIds: [] })).id,
  linkId: async () =>
    (
      await t.storage.createLink({
        seriesId,
        episodeId,
        anchor: { kind: 'scene', sceneId: 'scene-probe', heading: '1-1 内 客厅 日' },
        evidenceSetId: null,
        itemIds: [await FIXTURES.itemId!()],
        authorId,
        rationale: '探针',
        stance: 'motivates',
        weight: 1,
        state: 'anchored',
      })
    ).id,
  // A draft: reads answer it, edits and steps run (a step a draft cannot take is still judged first by the guard).
  revisionId: async () =>
    (
      await t.storage.createRevision({
        seriesId,
        episodeId,
        colour: `Blue${fresh++}`,
        summary: '探针',
        authorIds: [],
        createdBy: authorId,
        state: Y.encodeStateAsUpdate(new Y.Doc()),
        doc: { type: 'doc', content: [] },
        sceneCount: 0,
        runtimeSeconds: 0,
        linkIds: [],
      })
    ).id,
  sceneId: async () => 'scene-probe',
  userId: async () => {
    const user = await createTestUser(t.storage, { email: `fixture${fresh++}@matrix.test` });
    await t.storage.setMembership(seriesId, user.id, 'writer');
    return user.id;
  },
};

async function urlFor(route: RouteRecord): Promise<string> {
  let url = route.url;
  for (const [, name] of route.url.matchAll(/:(\w+)/g)) {
    const fixture = FIXTURES[name!];
    if (!fixture) throw new Error(`the matrix has no fixture for :${name} (route ${route.method} ${route.url}); add one`);
    url = url.replace(`:${name}`, await fixture());
  }
  return url.replace('*', '');
}

async function call(route: RouteRecord, caller: Caller, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const session = caller.kind === 'signed-out' ? null : await sessions.get(callerName(caller))!();
  return injectAs(t.app, session, {
    method: route.method as 'GET',
    url: await urlFor(route),
    headers,
    ...(HAS_BODY.has(route.method) ? { payload: BOGUS_BODY } : {}),
  });
}

function routesUnderTest(): RouteRecord[] {
  return t.app.accessRoutes.filter((r) => r.method !== 'HEAD');
}

describe('authorization matrix', () => {
  it('[AC4] every route, the sync upgrade included, declares the rule written in the spec', () => {
    const declared = Object.fromEntries(routesUnderTest().map((r) => [`${r.method} ${r.url}`, ruleName(r.access)]));
    expect(declared).toEqual(RULES);
    for (const route of routesUnderTest()) expect(t.app.hasRoute({ method: route.method as 'GET', url: route.url })).toBe(true);
  });

  it('[AC1][AC2][AC5][AC22][AC23] every route × every caller answers as its rule and the permission matrix say', async () => {
    const failures: string[] = [];
    for (const route of routesUnderTest()) {
      for (const caller of CALLERS) {
        const expected = expectedOutcome(route.access, caller);
        const res = await call(route, caller);
        const ok = expected === 'pass' ? ran(route, res) : res.statusCode === expected;
        if (!ok) {
          failures.push(`${route.method} ${route.url} as ${callerName(caller)}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 120)}`);
        }
        if (expected === 404) {
          // A foreign series answers exactly as a missing one: same code, a message naming only the id.
          expect((res.json() as { error: { code: string } }).error.code).toBe('not_found');
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('[AC5] a foreign series and a series that does not exist answer the same body', async () => {
    const foreign = await sessions.get('foreign')!();
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const [own, none] of [
      [`/api/series/${seriesId}`, `/api/series/${missing}`],
      [`/api/episodes/${episodeId}`, `/api/episodes/${missing}`],
    ] as const) {
      const a = await injectAs(t.app, foreign, own);
      const b = await injectAs(t.app, foreign, none);
      expect(a.statusCode).toBe(404);
      expect(b.statusCode).toBe(404);
      expect(a.body.replace(seriesId, 'ID').replace(episodeId, 'ID')).toBe(b.body.replace(missing, 'ID'));
    }
  });

  it('[AC17] every state-changing route refuses a foreign Origin with 403 csrf_failed, for every caller', async () => {
    const failures: string[] = [];
    for (const route of routesUnderTest().filter((r) => r.method !== 'GET')) {
      for (const caller of CALLERS) {
        const res = await call(route, caller, { origin: 'https://evil.example' });
        const code = res.statusCode === 403 ? (res.json() as { error: { code: string } }).error.code : '';
        if (code !== 'csrf_failed') failures.push(`${route.method} ${route.url} as ${callerName(caller)}: ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('[AC17] the same requests from the server\'s own Origin are judged by the matrix alone', async () => {
    const writer = { kind: 'member', role: 'writer' } as const;
    for (const route of routesUnderTest().filter((r) => r.method !== 'GET')) {
      const res = await call(route, writer, { origin: 'http://localhost:80', host: 'localhost:80' });
      const expected = expectedOutcome(route.access, writer);
      expect(expected === 'pass' ? ran(route, res) : res.statusCode === expected, `${route.method} ${route.url}`).toBe(true);
    }
  });
});
