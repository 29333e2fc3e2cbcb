import { type AuditFinding, type AuditThresholds, DEFAULT_AUDIT_THRESHOLDS, FINDINGS_CSV_HEADER } from '@loopline/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ErrorBody, json } from '../api/helpers.js';
import { HEADINGS, makeTraceWorld, type TraceWorld } from '../trace/fixture.js';

let w: TraceWorld;
beforeAll(async () => {
  w = await makeTraceWorld();
});
afterAll(async () => {
  await w?.close();
});

interface SeriesAudit {
  findings: AuditFinding[];
  thresholds: AuditThresholds;
  summary: { total: number; byKind: Record<string, number>; byEpisode: Record<string, Record<string, number>> };
}

/** Revision colour (or working), kind, scene, links, reasons — one line per finding. */
function brief(w: TraceWorld, f: AuditFinding): string {
  const colour = Object.values(w.revisions).find((r) => r.id === f.revisionId)?.colour ?? 'working';
  const ep = f.episodeId === w.ep1 ? 'E1' : 'E2';
  const links = f.linkIds.map((id) => Object.entries(w.links).find(([, l]) => l.id === id)?.[0] ?? id).join('+');
  return `${ep} ${colour} ${f.kind} ${f.sceneId} ${links} ${f.reasons.join('+')}`.trim();
}

/** RFC 4180 reader (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

const EXPECTED = [
  // Episode 1, Blue: 80 items on x, 60 of them from coordinated accounts; without them only 20 viewers remain [AU14].
  'E1 Blue weak-evidence x Lx few-viewers+coordinated',
  // Episode 2, Blue, in scene order: b rests on 5 paying viewers; c was left as it was against Lc; d changed on no evidence.
  'E2 Blue weak-evidence b Lb few-viewers+one-segment',
  'E2 Blue evidence-without-change c Lc',
  'E2 Blue change-without-evidence d',
];

describe('audit of an episode', () => {
  it('[AU10] gives exactly the findings of the crafted episode, with headings, links and samples', async () => {
    const res = await w.as(w.showrunner, `/api/episodes/${w.ep2}/audit`);
    expect(res.statusCode).toBe(200);
    const body = json<{ findings: AuditFinding[]; thresholds: AuditThresholds }>(res);
    expect(body.thresholds).toEqual(DEFAULT_AUDIT_THRESHOLDS);
    expect(body.findings.map((f) => brief(w, f))).toEqual(EXPECTED.slice(1));
    const [weak, unacted, unexplained] = body.findings;
    expect(weak).toMatchObject({ heading: HEADINGS.b, sample: { mentions: 5, distinctViewers: 5, topSegment: { name: 'paying', value: 'yes', share: 1 } } });
    expect(unacted).toMatchObject({ heading: HEADINGS.c, sample: { mentions: 40, distinctViewers: 40 } });
    expect(unexplained).toMatchObject({ heading: HEADINGS.d, linkIds: [], sample: null });
  });

  it('[AU14] distinct viewers leave coordinated items out: 60 coordinated accounts do not lift 20 viewers', async () => {
    const body = json<{ findings: AuditFinding[] }>(await w.as(w.reviewer, `/api/episodes/${w.ep1}/audit`));
    expect(body.findings.map((f) => brief(w, f))).toEqual(EXPECTED.slice(0, 1));
    expect(body.findings[0]!.sample).toMatchObject({ mentions: 80, distinctViewers: 20, coordinated: 60 });
  });
});

describe('audit of a series', () => {
  it('[AU11] every episode in order; filters by kind, episode and revision combine', async () => {
    const url = `/api/series/${w.seriesId}/evidence-audit`;
    const all = json<SeriesAudit>(await w.as(w.reviewer, url));
    expect(all.findings.map((f) => brief(w, f))).toEqual(EXPECTED);
    expect(all.summary.total).toBe(4);
    expect(all.summary.byKind).toEqual({ 'change-without-evidence': 1, 'evidence-without-change': 1, 'weak-evidence': 2 });
    expect(all.summary.byEpisode[w.ep1]).toEqual({ 'change-without-evidence': 0, 'evidence-without-change': 0, 'weak-evidence': 1 });

    const brief2 = (q: string) => w.as(w.reviewer, `${url}?${q}`).then((r) => json<SeriesAudit>(r).findings.map((f) => brief(w, f)));
    expect(await brief2('kind=weak-evidence')).toEqual([EXPECTED[0], EXPECTED[1]]);
    expect(await brief2(`episodeId=${w.ep2}&kind=weak-evidence`)).toEqual([EXPECTED[1]]);
    expect(await brief2(`revisionId=${w.revisions.ep2Blue.id}`)).toEqual(EXPECTED.slice(1));
    expect(await brief2(`revisionId=${w.revisions.ep1White.id}`)).toEqual([]);
    expect(await brief2('revisionId=none')).toEqual([]);
  });

  it('[AU11] a filter naming nothing of the series is a 400 naming the field', async () => {
    const url = `/api/series/${w.seriesId}/evidence-audit`;
    for (const [q, path] of [
      ['kind=bogus', 'querystring/kind'],
      ['episodeId=nope', 'querystring/episodeId'],
      ['revisionId=nope', 'querystring/revisionId'],
      [`episodeId=${w.ep1}&revisionId=${w.revisions.ep2Blue.id}`, 'querystring/revisionId'],
      ['format=xlsx', 'querystring/format'],
    ] as const) {
      const res = await w.as(w.reviewer, `${url}?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(json<ErrorBody>(res).error.details?.[0]?.path, q).toBe(path);
    }
  });

  it('[AU12] format=csv downloads the findings as CSV that parses back, Chinese intact', async () => {
    const res = await w.as(w.reviewer, `/api/series/${w.seriesId}/evidence-audit?format=csv&episodeId=${w.ep2}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="evidence-audit-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''/);
    const readable = decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!);
    expect(readable).toMatch(new RegExp(`^${w.seriesTitle} - evidence audit - E2 - \\d{4}-\\d{2}-\\d{2}\\.csv$`));

    const body = res.rawPayload.toString('utf8');
    expect(body.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(body.slice(1));
    expect(rows[0]).toEqual([...FINDINGS_CSV_HEADER]);
    const records = rows.slice(1).map((r) => Object.fromEntries(FINDINGS_CSV_HEADER.map((h, i) => [h, r[i]])));
    expect(records.map((r) => [r.episode, r.episodeTitle, r.revision, r.kind, r.sceneId, r.heading, r.reasons, r.distinctViewers])).toEqual([
      ['2', '第2集', 'Blue', 'weak-evidence', 'b', HEADINGS.b, 'few-viewers;one-segment', '5'],
      ['2', '第2集', 'Blue', 'evidence-without-change', 'c', HEADINGS.c, '', '40'],
      ['2', '第2集', 'Blue', 'change-without-evidence', 'd', HEADINGS.d, '', ''],
    ]);
    expect(records[0]!.linkIds).toBe(w.links.Lb.id);

    const blue = await w.as(w.reviewer, `/api/series/${w.seriesId}/evidence-audit?format=csv&revisionId=${w.revisions.ep2Blue.id}&kind=change-without-evidence`);
    expect(decodeURIComponent(String(blue.headers['content-disposition']).split("filename*=UTF-8''")[1]!)).toContain(' - E2 Blue - ');
    expect(parseCsv(blue.rawPayload.toString('utf8').slice(1)).map((r) => r[4])).toEqual(['kind', 'change-without-evidence']);
  });

  it('[AU10] [AU11] an unproposed motivating link on a scene the working script left as it was is a working-script finding until the scene changes', async () => {
    const extra = await w.storage.createLink({
      seriesId: w.seriesId,
      episodeId: w.ep2,
      anchor: { kind: 'scene', sceneId: 'a', heading: HEADINGS.a },
      evidenceSetId: null,
      itemIds: [w.items.c5!],
      authorId: w.writer.user.id,
      rationale: '开场太慢',
      stance: 'motivates',
      weight: 1,
      state: 'anchored',
    });
    try {
      const url = `/api/series/${w.seriesId}/evidence-audit?revisionId=none`;
      const before = json<SeriesAudit>(await w.as(w.reviewer, url)).findings;
      expect(before).toEqual([
        { kind: 'evidence-without-change', episodeId: w.ep2, revisionId: null, sceneId: 'a', heading: HEADINGS.a, linkIds: [extra.id], reasons: [], sample: extra.sample },
      ]);
      // The writer acts on it: the working script (canonical snapshot) now differs in scene a.
      const canonical = (await w.storage.getCanonical(w.ep2))!;
      const doc = structuredClone(canonical.doc) as { content: { content: { content?: { text: string }[] }[] }[] };
      doc.content[0]!.content[1]!.content![0]!.text = '△清晨的客厅，阳光很好。';
      await w.storage.saveCanonical({ ...canonical, doc, updatedAt: new Date().toISOString() });
      expect(json<SeriesAudit>(await w.as(w.reviewer, url)).findings).toEqual([]);
      await w.storage.saveCanonical(canonical);
    } finally {
      await w.storage.deleteLink(extra.id);
    }
  });
});

describe('audit settings', () => {
  it('[AU13] reviewers and writers read the thresholds but may not change them; invalid values are 400s naming the field', async () => {
    const url = `/api/series/${w.seriesId}/audit-settings`;
    expect(json<AuditThresholds>(await w.as(w.reviewer, url))).toEqual(DEFAULT_AUDIT_THRESHOLDS);
    const body = { minDistinctViewers: 5, maxSegmentShare: 0.9, maxCoordinatedShare: 0.5 };
    for (const who of [w.reviewer, w.writer, w.operations]) {
      const res = await w.as(who, { method: 'PUT', url, payload: body });
      expect(res.statusCode).toBe(403);
    }
    for (const [payload, path] of [
      [{ ...body, minDistinctViewers: 0 }, 'body/minDistinctViewers'],
      [{ ...body, minDistinctViewers: 2.5 }, 'body/minDistinctViewers'],
      [{ ...body, maxSegmentShare: 1.5 }, 'body/maxSegmentShare'],
      [{ ...body, maxCoordinatedShare: -0.1 }, 'body/maxCoordinatedShare'],
      [{ minDistinctViewers: 5, maxSegmentShare: 0.9 }, 'body/maxCoordinatedShare'],
      [{ ...body, extra: 1 }, 'body/extra'],
    ] as const) {
      const res = await w.as(w.showrunner, { method: 'PUT', url, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(
        json<ErrorBody>(res).error.details?.map((d) => d.path),
        JSON.stringify(payload),
      ).toContain(path);
    }
    expect(json<AuditThresholds>(await w.as(w.reviewer, url))).toEqual(DEFAULT_AUDIT_THRESHOLDS);
  });

  it('[AU13] a showrunner changes the thresholds; the audit follows and the change is logged', async () => {
    const url = `/api/series/${w.seriesId}/audit-settings`;
    const body = { minDistinctViewers: 5, maxSegmentShare: 0.9, maxCoordinatedShare: 0.5 };
    const res = await w.as(w.showrunner, { method: 'PUT', url, payload: body });
    expect(res.statusCode).toBe(200);
    expect(json<AuditThresholds>(res)).toEqual(body);
    expect(json<AuditThresholds>(await w.as(w.reviewer, url))).toEqual(body);

    // 5 viewers now suffice, and 100% paying is still above 0.9: b is weak for one reason only.
    const audit = json<{ findings: AuditFinding[]; thresholds: AuditThresholds }>(await w.as(w.reviewer, `/api/episodes/${w.ep2}/audit`));
    expect(audit.thresholds).toEqual(body);
    expect(audit.findings.map((f) => brief(w, f))).toEqual(['E2 Blue weak-evidence b Lb one-segment', EXPECTED[2], EXPECTED[3]]);

    const log = await w.storage.listAudit({ seriesId: w.seriesId });
    expect(log[0]).toMatchObject({ action: 'audit.thresholds_changed', actorUserId: w.showrunner.user.id, details: { from: DEFAULT_AUDIT_THRESHOLDS, to: body } });
    await w.as(w.showrunner, { method: 'PUT', url, payload: DEFAULT_AUDIT_THRESHOLDS });
  });
});

describe('audit access', () => {
  it('[AU13] outsiders get 404, signed-out callers 401, unknown ids 404', async () => {
    const urls = [`/api/episodes/${w.ep2}/audit`, `/api/series/${w.seriesId}/evidence-audit`, `/api/series/${w.seriesId}/audit-settings`];
    for (const url of urls) {
      expect((await w.as(w.outsider, url)).statusCode, url).toBe(404);
      expect((await w.as(null, url)).statusCode, url).toBe(401);
    }
    for (const url of ['/api/episodes/nope/audit', '/api/series/nope/evidence-audit', '/api/series/nope/audit-settings']) {
      expect((await w.as(w.reviewer, url)).statusCode, url).toBe(404);
    }
  });

  it('[AU11] the OpenAPI document lists the audit routes', async () => {
    const doc = json<{ paths: Record<string, Record<string, unknown>> }>(await w.as(null, '/api/openapi.json'));
    expect(Object.keys(doc.paths['/api/episodes/{episodeId}/audit'] ?? {})).toContain('get');
    expect(Object.keys(doc.paths['/api/series/{seriesId}/evidence-audit'] ?? {})).toContain('get');
    expect(Object.keys(doc.paths['/api/series/{seriesId}/audit-settings'] ?? {}).sort()).toEqual(['get', 'put']);
  });
});
