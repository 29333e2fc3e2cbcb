import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EvidenceWorld, makeEvidenceWorld } from './support.js';

let w: EvidenceWorld;
beforeAll(async () => {
  w = await makeEvidenceWorld();
});
afterAll(async () => {
  await w.close();
});

/** The evidence-set, link, revision and coordination routes (docs/SPEC.md LK, RW, CO13–CO15). */
const ROUTES = [
  'GET /api/series/{seriesId}/evidence-sets',
  'POST /api/series/{seriesId}/evidence-sets',
  'POST /api/evidence-sets/{setId}/reevaluate',
  'GET /api/episodes/{episodeId}/links',
  'POST /api/episodes/{episodeId}/links',
  'GET /api/links/{linkId}',
  'GET /api/links/{linkId}/items',
  'PATCH /api/links/{linkId}',
  'DELETE /api/links/{linkId}',
  'GET /api/episodes/{episodeId}/revisions',
  'POST /api/episodes/{episodeId}/revisions',
  'GET /api/revisions/{revisionId}',
  'PATCH /api/revisions/{revisionId}',
  'POST /api/revisions/{revisionId}/propose',
  'POST /api/revisions/{revisionId}/approve',
  'POST /api/revisions/{revisionId}/reject',
  'POST /api/revisions/{revisionId}/air',
  'GET /api/revisions/{revisionId}/doc',
  'GET /api/episodes/{episodeId}/diff',
  'POST /api/series/{seriesId}/feedback/coordinated',
  'POST /api/series/{seriesId}/feedback/detect-coordinated',
];

describe('OpenAPI', () => {
  it('[LK4][RW3][CO13] the OpenAPI document lists every evidence, link, revision and coordination route with its error bodies', async () => {
    const res = await w.as(null, '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>> };
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    for (const route of ROUTES) expect(documented, route).toContain(route);
    const create = doc.paths['/api/episodes/{episodeId}/links']!.post!;
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '400', '404', '409']));
    expect(create.requestBody).toBeTruthy();
    expect(Object.keys(doc.paths['/api/revisions/{revisionId}/approve']!.post!.responses)).toEqual(expect.arrayContaining(['200', '403', '409']));
  });
});
