import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { Storage } from '../../src/storage/types.js';
import { type ErrorBody, json, makeTestApp, type TestApp, tempDir, testConfig } from './helpers.js';

/** Every REST route (issues 2–5), as the rules of docs/SPEC.md describe them; a new route must be added here on purpose. */
const API_ROUTES = [
  'DELETE /api/links/{linkId}',
  'DELETE /api/series/{seriesId}/bible/characters/{characterId}',
  'DELETE /api/series/{seriesId}/bible/locations/{locationId}',
  'DELETE /api/series/{seriesId}/mappings/{name}',
  'DELETE /api/series/{seriesId}/members/{userId}',
  'GET /api/audit',
  'GET /api/auth/session',
  'GET /api/episodes/{episodeId}',
  'GET /api/episodes/{episodeId}/audit',
  'GET /api/episodes/{episodeId}/diff',
  'GET /api/episodes/{episodeId}/links',
  'GET /api/episodes/{episodeId}/outline',
  'GET /api/episodes/{episodeId}/report.html',
  'GET /api/episodes/{episodeId}/report.pdf',
  'GET /api/episodes/{episodeId}/retention',
  'GET /api/episodes/{episodeId}/revisions',
  'GET /api/episodes/{episodeId}/scenes/{sceneId}/trace',
  'GET /api/feedback/{itemId}',
  'GET /api/feedback/{itemId}/trace',
  'GET /api/health',
  'GET /api/import-presets',
  'GET /api/imports/{importId}',
  'GET /api/imports/{importId}/errors',
  'GET /api/links/{linkId}',
  'GET /api/links/{linkId}/items',
  'GET /api/openapi.json',
  'GET /api/revisions/{revisionId}',
  'GET /api/revisions/{revisionId}/doc',
  'GET /api/revisions/{revisionId}/outcome',
  'GET /api/revisions/{revisionId}/report.html',
  'GET /api/revisions/{revisionId}/report.pdf',
  'GET /api/revisions/{revisionId}/trace',
  'GET /api/series',
  'GET /api/series/{seriesId}',
  'GET /api/series/{seriesId}/audit',
  'GET /api/series/{seriesId}/audit-settings',
  'GET /api/series/{seriesId}/bible',
  'GET /api/series/{seriesId}/episodes',
  'GET /api/series/{seriesId}/evidence-audit',
  'GET /api/series/{seriesId}/evidence-sets',
  'GET /api/series/{seriesId}/feedback',
  'GET /api/series/{seriesId}/imports',
  'GET /api/series/{seriesId}/mappings',
  'GET /api/series/{seriesId}/members',
  'GET /api/series/{seriesId}/metrics',
  'GET /api/series/{seriesId}/privacy',
  'GET /api/series/{seriesId}/releases',
  'GET /api/users',
  'PATCH /api/episodes/{episodeId}',
  'PATCH /api/links/{linkId}',
  'PATCH /api/revisions/{revisionId}',
  'PATCH /api/series/{seriesId}',
  'PATCH /api/series/{seriesId}/bible/characters/{characterId}',
  'PATCH /api/series/{seriesId}/bible/locations/{locationId}',
  'PATCH /api/series/{seriesId}/members/{userId}',
  'PATCH /api/users/{userId}',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'POST /api/auth/password',
  'POST /api/auth/setup',
  'POST /api/episodes/{episodeId}/links',
  'POST /api/episodes/{episodeId}/revisions',
  'POST /api/evidence-sets/{setId}/reevaluate',
  'POST /api/imports/{importId}/cancel',
  'POST /api/revisions/{revisionId}/air',
  'POST /api/revisions/{revisionId}/approve',
  'POST /api/revisions/{revisionId}/propose',
  'POST /api/revisions/{revisionId}/reject',
  'POST /api/series',
  'POST /api/series/{seriesId}/bible/characters',
  'POST /api/series/{seriesId}/bible/locations',
  'POST /api/series/{seriesId}/episodes',
  'POST /api/series/{seriesId}/erasure',
  'POST /api/series/{seriesId}/evidence-sets',
  'POST /api/series/{seriesId}/feedback/coordinated',
  'POST /api/series/{seriesId}/feedback/detect-coordinated',
  'POST /api/series/{seriesId}/imports',
  'POST /api/series/{seriesId}/imports/preview',
  'POST /api/series/{seriesId}/members',
  'POST /api/series/{seriesId}/privacy/apply-retention',
  'POST /api/series/{seriesId}/releases',
  'POST /api/users',
  'PUT /api/series/{seriesId}/audit-settings',
  'PUT /api/series/{seriesId}/mappings/{name}',
  'PUT /api/series/{seriesId}/privacy',
].sort();

/** The routes Fastify actually has (from its route tree), as `METHOD /path/{param}`, HEAD left out. */
function registeredRoutes(app: FastifyInstance): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const at = line.indexOf('── ');
    if (at < 0) continue;
    const depth = Math.round(at / 4);
    const match = /^── (\S+)(?: \(([^)]*)\))?/.exec(line.slice(at));
    if (!match) continue;
    const parent = stack[depth - 1] ?? '';
    const segment = match[1] ?? '';
    const path = parent.endsWith('/') && segment.startsWith('/') ? parent + segment.slice(1) : parent + segment;
    stack[depth] = path;
    for (const method of (match[2] ?? '').split(', ').filter((m) => m !== '' && m !== 'HEAD')) {
      out.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return out.sort();
}

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('health, OpenAPI, not-found, static client', () => {
  it('[API7] GET /api/health is 200 when storage answers', async () => {
    t = await makeTestApp();
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual({ status: 'ok' });
  });

  it('[API7] GET /api/health is 503 unavailable when storage fails', async () => {
    t = await makeTestApp();
    const failing = new Proxy(t.storage, {
      get: (target, key, receiver) =>
        key === 'getSeries' ? () => Promise.reject(new Error('disk gone')) : Reflect.get(target, key, receiver),
    }) as Storage;
    const app = await buildApp({ config: t.config, storage: failing, logger: false });
    try {
      const res = await app.inject({ url: '/api/health' });
      expect(res.statusCode).toBe(503);
      expect(json<ErrorBody>(res).error.code).toBe('unavailable');
    } finally {
      await app.close();
    }
  });

  it('[API9] /api/openapi.json documents exactly the API routes Fastify serves', async () => {
    t = await makeTestApp();
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = json<{ openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>(res);
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .filter((r) => !r.startsWith('HEAD '))
      .sort();
    expect(documented).toEqual(API_ROUTES);
    expect(registeredRoutes(t.app).filter((r) => r.split(' ')[1]?.startsWith('/api/'))).toEqual(API_ROUTES);
    // Routes that can fail on input document the catalogue's error body.
    expect(Object.keys(doc.paths['/api/series']?.post?.responses ?? {})).toEqual(['201', '400', '401']);
  });

  it('[API2] unknown /api routes and other methods are 404s in the catalogue shape', async () => {
    t = await makeTestApp();
    for (const [method, url] of [
      ['GET', '/api/nope'],
      ['POST', '/api/health'],
      ['DELETE', '/somewhere'],
      ['GET', '/collab'],
    ] as const) {
      const res = await t.app.inject({ method, url });
      expect(res.statusCode).toBe(404);
      expect(json<ErrorBody>(res)).toEqual({ error: { code: 'not_found', message: `No route ${method} ${url}.` } });
    }
  });

  it('[API8] without a client build, / explains how to build it', async () => {
    t = await makeTestApp();
    const res = await t.app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('pnpm build');
  });

  it('[API8] serves the built client with a single-page-app fallback for app routes only', async () => {
    const dataDir = tempDir();
    const clientDir = join(dataDir, 'dist');
    mkdirSync(join(clientDir, 'assets'), { recursive: true });
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(clientDir, 'assets', 'app-1234.js'), 'console.log(1)');
    t = await makeTestApp({ LOOPLINE_CLIENT_DIR: clientDir });
    try {
      const index = await t.app.inject({ url: '/' });
      expect(index.statusCode).toBe(200);
      expect(index.body).toContain('id="root"');
      const asset = await t.app.inject({ url: '/assets/app-1234.js' });
      expect(asset.body).toBe('console.log(1)');
      expect(asset.headers['cache-control']).toContain('immutable');

      const deepLink = await t.app.inject({ url: '/series/abc/episodes/def?x=1' });
      expect(deepLink.statusCode).toBe(200);
      expect(deepLink.body).toContain('id="root"');
      expect(deepLink.headers['cache-control']).toBe('no-cache');

      expect((await t.app.inject({ url: '/assets/missing.js' })).statusCode).toBe(404);
      const api = await t.app.inject({ url: '/api/nope' });
      expect(api.statusCode).toBe(404);
      expect(json<ErrorBody>(api).error.code).toBe('not_found');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('[API1] the app is built from the config it is given', async () => {
    const dataDir = tempDir();
    try {
      const config = testConfig(dataDir, { LOOPLINE_DEMO: '0' });
      expect(config.dataDir).toBe(dataDir);
      expect(config.database).toEqual({ kind: 'sqlite', file: join(dataDir, 'loopline.db'), synchronous: 'NORMAL' });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
