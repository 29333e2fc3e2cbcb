import type { ImportJob } from '@loopline/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOUYIN_HEADER, douyinCsv, type FeedbackTestApp, makeFeedbackApp } from './support.js';

let f: FeedbackTestApp;
beforeEach(async () => {
  f = await makeFeedbackApp();
});
afterEach(async () => {
  await f.close();
});

function multipart(fields: Record<string, string>, file: { name: string; type: string; content: string }) {
  const boundary = '----loopline-test-boundary';
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  parts.push(
    `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n${file.content}\r\n--${boundary}--\r\n`,
  );
  return { payload: Buffer.from(parts.join('')), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('uploads', () => {
  it('[FB1] a raw CSV body is imported with the Douyin preset; the job reports every row', async () => {
    const csv = douyinCsv(30);
    const res = await f.as(f.operations, {
      method: 'POST',
      url: `/api/series/${f.seriesId}/imports?presetId=douyin&fileName=comments.csv`,
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(res.statusCode, res.body).toBe(202);
    const job = res.json() as ImportJob;
    expect(job).toMatchObject({ seriesId: f.seriesId, target: 'feedback', format: 'csv', platform: 'douyin', fileName: 'comments.csv' });
    const final = (await f.as(f.operations, `/api/imports/${job.id}`)).json() as ImportJob;
    expect(final).toMatchObject({ status: 'done', rowsRead: 30, accepted: 30, rejected: 0, duplicates: 0, bytesRead: Buffer.byteLength(csv) });
    const list = await f.as(f.writer, `/api/series/${f.seriesId}/feedback?limit=100`);
    expect(list.statusCode, list.body).toBe(200);
    const page = list.json() as { total: number };
    expect(page.total).toBe(30);
  });

  it('[FB1] multipart/form-data with settings as fields before the file part', async () => {
    const body = multipart({ presetId: 'douyin' }, { name: 'export.csv', type: 'text/csv', content: douyinCsv(12) });
    const res = await f.as(f.operations, { method: 'POST', url: `/api/series/${f.seriesId}/imports`, ...body });
    expect(res.statusCode, res.body).toBe(202);
    const job = res.json() as ImportJob;
    expect(job.fileName).toBe('export.csv');
    const final = (await f.as(f.operations, `/api/imports/${job.id}`)).json() as ImportJob;
    expect(final).toMatchObject({ status: 'done', rowsRead: 12, accepted: 12 });
  });
});

describe('formats and reports', () => {
  it('[FB1] JSON, NDJSON and danmaku XML bodies stream in with their content types', async () => {
    const json = JSON.stringify([
      { id: 'j1', text: 'where are the twins', author: '@ann', postedAt: '2026-03-01T12:00:00Z' },
      { id: 'j2', text: 'twins again', author: '@bob', postedAt: '2026-03-01T12:01:00Z' },
    ]);
    const ndjson = '{"text":"双胞胎呢","author":"a","postedAt":"2026-03-01 20:00:00","likes":3}\n{"text":"请签收","author":"b","postedAt":"2026-03-01 20:00:09"}\n';
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><i><d p="52.3,1,25,16777215,1772366400,0,ab12cd,9001">请签收</d>' +
      '<d p="53.1,1,25,16777215,1772366401,0,ef34ab,9002">哈哈哈</d></i>';
    const cases = [
      { type: 'application/json', body: json, query: `platform=youtube&episodeId=${f.episodes[0]}`, mapping: { text: 'text', author: 'author', postedAt: 'postedAt', externalId: 'id' } },
      { type: 'application/x-ndjson', body: ndjson, query: 'platform=douyin' },
      { type: 'application/xml', body: xml, query: `presetId=bilibili-danmaku&episodeId=${f.episodes[1]}` },
    ];
    for (const c of cases) {
      const mapping = c.mapping ? `&mapping=${encodeURIComponent(JSON.stringify(c.mapping))}` : '';
      const res = await f.as(f.operations, {
        method: 'POST',
        url: `/api/series/${f.seriesId}/imports?${c.query}${mapping}`,
        headers: { 'content-type': c.type },
        payload: c.body,
      });
      expect(res.statusCode, `${c.type}: ${res.body}`).toBe(202);
      const job = (await f.as(f.operations, `/api/imports/${(res.json() as ImportJob).id}`)).json() as ImportJob;
      expect(job, c.type).toMatchObject({ status: 'done', rowsRead: 2, accepted: 2, rejected: 0 });
    }
    const danmaku = (await f.as(f.writer, `/api/series/${f.seriesId}/feedback?kind=danmaku&order=asc`)).json() as {
      items: { text: string; timecodeMs: number; episodeId: string }[];
    };
    expect(danmaku.items.map((i) => [i.text, i.timecodeMs, i.episodeId])).toEqual([
      ['请签收', 52_300, f.episodes[1]],
      ['哈哈哈', 53_100, f.episodes[1]],
    ]);
  });

  it('[FB3] re-importing a file through the API adds 0 rows and says so', async () => {
    const csv = douyinCsv(25);
    const post = () =>
      f.as(f.operations, { method: 'POST', url: `/api/series/${f.seriesId}/imports?presetId=douyin`, headers: { 'content-type': 'text/csv' }, payload: csv });
    const first = (await post()).json() as ImportJob;
    const second = (await post()).json() as ImportJob;
    const jobs = (await f.as(f.operations, `/api/series/${f.seriesId}/imports`)).json() as { imports: ImportJob[] };
    expect(jobs.imports.map((j) => [j.id, j.accepted, j.duplicates])).toEqual([
      [second.id, 25, 25],
      [first.id, 25, 0],
    ]);
    expect(((await f.as(f.writer, `/api/series/${f.seriesId}/feedback`)).json() as { total: number }).total).toBe(25);
  });

  it('[FB2] rejected rows are listed with line, column and reason, as CSV download and JSON', async () => {
    const csv = douyinCsv(6, (i) => (i === 1 ? { likes: -3 } : i === 4 ? { at: '2026-02-30 10:00:00' } : {}));
    const job = (
      await f.as(f.operations, { method: 'POST', url: `/api/series/${f.seriesId}/imports?presetId=douyin`, headers: { 'content-type': 'text/csv' }, payload: csv })
    ).json() as ImportJob;
    const final = (await f.as(f.operations, `/api/imports/${job.id}`)).json() as ImportJob;
    expect(final).toMatchObject({ rowsRead: 6, accepted: 4, rejected: 2 });
    const report = await f.as(f.writer, `/api/imports/${job.id}/errors`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('text/csv');
    expect(report.headers['content-disposition']).toBe(`attachment; filename="import-${job.id}-errors.csv"`);
    const lines = report.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('line,column,reason');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['3,点赞数', '6,发布时间']);
    const asJson = (await f.as(f.writer, `/api/imports/${job.id}/errors?format=json`)).json() as { errors: unknown[]; rejected: number; complete: boolean };
    expect(asJson).toMatchObject({ rejected: 2, complete: true });
    expect(asJson.errors).toEqual([
      { line: 3, column: '点赞数', reason: expect.stringContaining('negative') },
      { line: 6, column: '发布时间', reason: expect.stringContaining('impossible date') },
    ]);
  });

  it('[FB19] an unusable file answers 400 naming why, and creates no job', async () => {
    const post = (payload: string | Buffer, query = '') =>
      f.as(f.operations, { method: 'POST', url: `/api/series/${f.seriesId}/imports${query}`, headers: { 'content-type': 'application/octet-stream' }, payload });
    const xlsx = await post(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
    expect(xlsx.statusCode).toBe(400);
    expect(xlsx.json()).toMatchObject({ error: { code: 'validation_failed', details: [{ path: 'querystring/file' }] } });
    expect(xlsx.body).toContain('Excel');
    const unmapped = await post('name,age\nann,3\n');
    expect(unmapped.statusCode).toBe(400);
    expect(unmapped.json()).toMatchObject({ error: { details: [{ path: 'querystring/mapping', message: expect.stringContaining('text') }] } });
    const badMapping = await post(douyinCsv(1), '?mapping=%7Bnot-json');
    expect(badMapping.json()).toMatchObject({ error: { details: [{ path: 'querystring/mapping' }] } });
    expect(((await f.as(f.operations, `/api/series/${f.seriesId}/imports`)).json() as { imports: unknown[] }).imports).toEqual([]);
  });
});

describe('preview, presets, mappings', () => {
  it('[FB18] preview reads the head: format, encoding, columns, sample rows, suggested preset and mapping, row errors', async () => {
    const csv = douyinCsv(30, (i) => (i === 2 ? { text: '' } : {}));
    const res = await f.as(f.operations, { method: 'POST', url: `/api/series/${f.seriesId}/imports/preview`, headers: { 'content-type': 'text/csv' }, payload: csv });
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json() as Record<string, unknown> & { sampleRows: unknown[]; suggestedMapping: Record<string, string> };
    expect(preview).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',', suggestedPresetId: 'douyin' });
    expect(preview.columns).toEqual(DOUYIN_HEADER.split(','));
    expect(preview.sampleRows).toHaveLength(20);
    expect(preview.suggestedMapping).toMatchObject({ text: '评论内容', postedAt: '发布时间', author: '用户ID' });
    expect(preview.rowErrors).toEqual([{ line: 4, column: '评论内容', reason: 'text missing' }]);
    expect(((await f.as(f.operations, `/api/series/${f.seriesId}/imports`)).json() as { imports: unknown[] }).imports).toEqual([]);
  });

  it('[FB17] presets and target fields are listed; mappings are saved, listed and deleted', async () => {
    const presets = (await f.as(f.writer, '/api/import-presets')).json() as { presets: { id: string }[]; targetFields: Record<string, unknown[]> };
    expect(presets.presets.map((p) => p.id)).toEqual(expect.arrayContaining(['douyin', 'kuaishou', 'tiktok', 'youtube', 'bilibili-danmaku']));
    expect(Object.keys(presets.targetFields).sort()).toEqual(['feedback', 'metrics', 'retention']);
    const url = `/api/series/${f.seriesId}/mappings/${encodeURIComponent('抖音 运营')}`;
    const saved = await f.as(f.operations, { method: 'PUT', url, payload: { target: 'feedback', mapping: { text: '内容', postedAt: '时间' } } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as { mappings: { name: string }[] }).mappings.map((m) => m.name)).toEqual(['抖音 运营']);
    expect((await f.as(f.writer, { method: 'PUT', url, payload: { target: 'feedback', mapping: {} } })).statusCode).toBe(403);
    expect((await f.as(f.operations, { method: 'DELETE', url })).statusCode).toBe(204);
    expect(((await f.as(f.writer, `/api/series/${f.seriesId}/mappings`)).json() as { mappings: unknown[] }).mappings).toEqual([]);
  });
});

describe('authorization', () => {
  it('[FB14] operations may import; a writer may not (403); another series\' member gets 404; the audit log records it', async () => {
    const post = (who: typeof f.operations) =>
      f.as(who, { method: 'POST', url: `/api/series/${f.seriesId}/imports?presetId=douyin`, headers: { 'content-type': 'text/csv' }, payload: douyinCsv(3) });
    expect((await post(f.writer)).statusCode).toBe(403);
    expect((await post(f.foreign)).statusCode).toBe(404);
    const ok = await post(f.operations);
    expect(ok.statusCode).toBe(202);
    const audit = await f.t.storage.listAudit({ seriesId: f.seriesId });
    expect(audit.map((a) => a.action)).toContain('import.started');
    expect(((await f.as(f.writer, `/api/series/${f.seriesId}/feedback`)).json() as { total: number }).total).toBe(3);
  });

  it('[FB15] imports are rate limited per user', async () => {
    const post = (who: typeof f.operations) =>
      f.as(who, { method: 'POST', url: `/api/series/${f.seriesId}/imports?presetId=douyin`, headers: { 'content-type': 'text/csv' }, payload: douyinCsv(1) });
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await post(f.operations)).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 202)).toBe(true);
    expect(codes[10]).toBe(429);
    expect((await post(f.showrunner)).statusCode).toBe(202);
  });
});
