import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_HTML_CSP, revisionReport } from '../../src/reports/index.js';
import { createTraceServices } from '../../src/trace/index.js';
import { type ErrorBody, json } from '../api/helpers.js';
import { HEADINGS, makeTraceWorld, type TraceWorld } from '../trace/fixture.js';
import { readPdf, squash } from './pdfText.js';

let w: TraceWorld;
beforeAll(async () => {
  w = await makeTraceWorld();
});
afterAll(async () => {
  await w?.close();
});

/** The two names of a Content-Disposition header: the ASCII fallback and the decoded RFC 5987 one. */
function fileNames(header: string | string[] | number | undefined): { kind: string; ascii: string; utf8: string } {
  const value = String(header);
  const kind = value.split(';')[0] ?? '';
  const ascii = /filename="([^"]*)"/.exec(value)?.[1] ?? '';
  const encoded = /filename\*=UTF-8''([^;\s]*)/.exec(value)?.[1] ?? '';
  return { kind, ascii, utf8: decodeURIComponent(encoded) };
}

describe('revision report download', () => {
  it('[RP8] [RP9] a reviewer downloads the HTML report of an aired revision as an attachment with a readable name', async () => {
    const res = await w.as(w.reviewer, `/api/revisions/${w.revisions.ep2Blue.id}/report.html`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(REPORT_HTML_CSP);
    expect(res.headers['cache-control']).toBe('no-store');
    const name = fileNames(res.headers['content-disposition']);
    expect(name.kind).toBe('attachment');
    expect(name.utf8).toMatch(/^签收双胞胎 第2集 - Blue 修订 - 证据报告 - \d{4}-\d{2}-\d{2}\.html$/);
    expect(name.ascii).toMatch(/^evidence-report-ep2-blue-\d{4}-\d{2}-\d{2}\.html$/);
    // The raw header stays ASCII (RFC 5987 percent-encoding), so any client can read it.
    expect(String(res.headers['content-disposition'])).toMatch(/^[\x20-\x7e]+$/);

    const html = res.body;
    // Blue changed b (a cliffhanger added) and d (two lines removed), against White.
    expect(html).toContain('Blue #2 对比 White #1');
    expect(html).toContain(`<h3>${HEADINGS.b}<span class="badge changed">修改</span></h3>`);
    expect(html).toContain(`<h3>${HEADINGS.d}<span class="badge changed">修改</span></h3>`);
    expect(html).toContain('<ins>双胞胎出现在门口。</ins>');
    expect(html).toContain('<del>我说过很多次了，我不记得。你为什么总是不肯相信我？</del>');
    // Lb behind b: five paying viewers, each quoted by pseudonym.
    for (let i = 0; i < 5; i++) {
      expect(html).toContain(`<p>双胞胎在哪里 b${i}</p>`);
      expect(html).toContain(`viewer-b${i} · douyin`);
    }
    expect(html).toContain('样本: 提及 <b>5</b> · 独立观众 <b>5</b> · 疑似刷量 <b>0</b> · 最大分群 paying=yes 100%');
    // d changed with no evidence; Lc asked about c, which Blue left alone.
    expect(html).toContain('此改动没有关联证据。');
    expect(html).toContain('未改动场次上的证据');
    expect(html).toContain(`<h3>${HEADINGS.c}</h3>`);
    expect(html).toContain('观众原话（化名；显示 40 条中的 5 条）');
    // Workflow with who and when, the release and the outcome against episode 1.
    expect(html).toContain('<td>已批准</td><td>showrunner</td>');
    expect(html).toContain('douyin · 2026-03-10 12:00 UTC');
    expect(html).toMatch(/完播率<\/th><td class="num">50\.0%<\/td><td class="num">60\.0%<\/td><td class="num">50\.0%<\/td><td class="num">\+10\.0 pp/);
    expect(html).toContain('“之前”取自上一集（第1集）');
    expect(html).toContain('<svg class="chart"');
  });

  it('[RP8] [RP7] the PDF of the same revision downloads and reads the same in Chinese', async () => {
    const res = await w.as(w.reviewer, `/api/revisions/${w.revisions.ep2Blue.id}/report.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const name = fileNames(res.headers['content-disposition']);
    expect(name.kind).toBe('attachment');
    expect(name.utf8).toMatch(/^签收双胞胎 第2集 - Blue 修订 - 证据报告 - \d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text } = await readPdf(pdf);
    for (const s of [`证据报告 · ${w.seriesTitle} 第2集《第2集》 · Blue 修订 #2`, HEADINGS.b, HEADINGS.d, HEADINGS.c, '双胞胎出现在门口。', '双胞胎在哪里 b3', 'viewer-b3', '完播率 50.0% 60.0% 50.0% +10.0 pp']) {
      expect(text).toContain(squash(s));
    }
  });

  it('[RP2] the first revision of an episode has nothing to compare with; lang=en switches labels and file name', async () => {
    const res = await w.as(w.reviewer, `/api/revisions/${w.revisions.ep1White.id}/report.html?lang=en`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("This is the episode&#39;s first revision: there is no earlier version to compare with.");
    expect(res.body).toContain('Not aired yet: no outcome.');
    expect(fileNames(res.headers['content-disposition']).utf8).toMatch(/^签收双胞胎 - episode 1 - White revision - evidence report - \d{4}-\d{2}-\d{2}\.html$/);
  });
});

describe('episode report download', () => {
  it('[RP2] lists every revision, diffs the latest against the one before and carries every revision’s evidence', async () => {
    const res = await w.as(w.reviewer, `/api/episodes/${w.ep2}/report.html`);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(fileNames(res.headers['content-disposition']).utf8).toMatch(/^签收双胞胎 第2集 - 证据报告 - \d{4}-\d{2}-\d{2}\.html$/);
    expect(html).toContain('White #1 <span class="badge">已批准</span>');
    expect(html).toContain('Blue #2 <span class="badge">已播出</span>');
    expect(html).toContain('Blue #2 对比 White #1');
    // c holds White's supporting link and Blue's motivating one, each named with its revision.
    const c = html.slice(html.indexOf(`<h3>${HEADINGS.c}</h3>`));
    expect(c).toContain('支持保留');
    expect(c).toContain('White #1 · 关联人');
    expect(c).toContain('Blue #2 · 关联人');
    expect(c.indexOf('支持保留')).toBeLessThan(c.indexOf('促成修改'));
    // The link in no revision yet (Lc2) is not part of any revision's evidence.
    expect(html).toContain('全部证据（3 条关联）');
    expect(html).toContain('Blue #2 修订的结果');
  });

  it('[RP3] a revision on coordinated traffic shows the count, and quotes only the first items of a large link', async () => {
    const res = await w.as(w.reviewer, `/api/episodes/${w.ep1}/report.html`);
    const html = res.body;
    expect(html).toContain(`<h3>${HEADINGS.x}<span class="badge changed">修改</span></h3>`);
    // Storage counts distinct viewers without the coordinated accounts: 20 genuine viewers behind 80 items.
    expect(html).toContain('样本: 提及 <b>80</b> · 独立观众 <b>20</b> · 疑似刷量 <b>60</b>');
    expect(html).toContain('观众原话（化名；显示 80 条中的 5 条）');
    expect(html.match(/<blockquote>/g)).toHaveLength(5);
  });

  it('[RP2] an episode with no revision still downloads, saying so', async () => {
    const ep = await w.storage.createEpisode({ seriesId: w.seriesId, title: '第3集', language: 'zh' });
    const res = await w.as(w.reviewer, `/api/episodes/${ep.id}/report.pdf`);
    expect(res.statusCode).toBe(200);
    expect((await readPdf(res.rawPayload)).text).toContain(squash('本集还没有修订。'));
  });
});

describe('what a report prints of viewers', () => {
  it('[RP3] quotes carry only the pseudonym, redacted text, platform, time, likes and the coordinated flag', async () => {
    const services = createTraceServices(w.storage);
    const model = await revisionReport(
      { storage: w.storage, doc: (id) => services.diffs.doc(id), outcomesOf: (r) => services.outcomes.many(r), now: () => Date.parse('2026-03-12T00:00:00Z') },
      w.revisions.ep2Blue,
    );
    const quotes = [...(model?.scenes ?? []), ...(model?.otherEvidence ?? [])].flatMap((s) => s.evidence.flatMap((e) => e.quotes));
    expect(quotes).toHaveLength(10);
    for (const q of quotes) expect(Object.keys(q).sort()).toEqual(['author', 'coordinated', 'likes', 'platform', 'postedAt', 'text']);
    const html = (await w.as(w.reviewer, `/api/revisions/${w.revisions.ep2Blue.id}/report.html`)).body;
    // Neither stored hashes nor per-item segments reach the page.
    for (const i of [0, 1, 2, 3, 4]) expect(html).not.toContain(`hash-b${i}`);
    expect(html).not.toContain('paying=yes · ');
  });
});

describe('report access', () => {
  it('[RP8] unknown ids are 404s, another series’ reports are 404s, signed out is 401', async () => {
    for (const url of ['/api/revisions/nope/report.html', '/api/revisions/nope/report.pdf', '/api/episodes/nope/report.html', '/api/episodes/nope/report.pdf']) {
      const res = await w.as(w.reviewer, url);
      expect(res.statusCode, url).toBe(404);
      expect(json<ErrorBody>(res).error.code).toBe('not_found');
    }
    expect((await w.as(w.outsider, `/api/revisions/${w.revisions.ep2Blue.id}/report.pdf`)).statusCode).toBe(404);
    expect((await w.as(w.outsider, `/api/episodes/${w.ep2}/report.html`)).statusCode).toBe(404);
    expect((await w.as(null, `/api/episodes/${w.ep2}/report.html`)).statusCode).toBe(401);
    const bad = await w.as(w.reviewer, `/api/episodes/${w.ep2}/report.html?lang=fr`);
    expect(bad.statusCode).toBe(400);
  });

  it('[RP8] the OpenAPI document lists the four report routes', async () => {
    const doc = json<{ paths: Record<string, Record<string, unknown>> }>(await w.as(null, '/api/openapi.json'));
    for (const path of ['/api/revisions/{revisionId}/report.html', '/api/revisions/{revisionId}/report.pdf', '/api/episodes/{episodeId}/report.html', '/api/episodes/{episodeId}/report.pdf']) {
      expect(doc.paths[path]?.get, path).toBeDefined();
    }
  });
});
