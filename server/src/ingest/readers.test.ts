import { describe, expect, it } from 'vitest';
import {
  CSV_ACCEPTED,
  CSV_REJECTED,
  JSON_ACCEPTED,
  JSON_REJECTED,
  MALFORMED_CSV,
  MALFORMED_JSON,
  MALFORMED_NDJSON,
  MALFORMED_XML,
  NDJSON_ACCEPTED,
  NDJSON_REJECTED,
  XML_ACCEPTED,
  XML_REJECTED,
} from './fixtures/corpus.js';
import { importText, type TestImport } from './fixtures/harness.js';

/** Every rejected row is reported once with line, column and reason; every valid row is kept; the books balance. */
function expectOutcome(result: TestImport, accepted: string[], rejected: [number, string | null, string][]) {
  expect(result.accepted.map((a) => a.externalId)).toEqual(accepted);
  const byLine = new Map(result.errors.map((e) => [e.line, e]));
  expect([...byLine.keys()].sort((a, b) => a - b)).toEqual(rejected.map((r) => r[0]));
  for (const [line, column, reason] of rejected) {
    const e = byLine.get(line)!;
    expect({ line, column: e.column }).toEqual({ line, column });
    expect(e.reason).toContain(reason);
  }
  expect(result.accepted.length + result.rejectedRows).toBe(result.rowsRead);
}

describe('malformed corpus', () => {
  it('[IN5][IN6][IN7][IN4][IN25] CSV: BOM, CRLF, quotes, embedded newlines, stray quotes, extra/missing columns, NUL, huge field, bad values', async () => {
    const result = await importText(MALFORMED_CSV, 'csv');
    expectOutcome(result, CSV_ACCEPTED, CSV_REJECTED);
    const text = (id: string) => result.accepted.find((a) => a.externalId === id)!.text;
    expect(text('1002')).toBe('带逗号, 的评论');
    expect(text('1003')).toBe('多行\n评论');
    expect(text('1006')).toBe('他说"请签收"');
    expect(text('1018')).toBe('他说"好"的');
    const epoch = result.accepted.find((a) => a.externalId === '1017')!;
    expect(epoch.postedAt).toBe('2025-03-05T12:00:00.000Z');
    expect(epoch.likes).toBe(12000);
    // The BOM is not part of the first column name.
    expect(Object.keys(result.rows[0]!.fields)[0]).toBe('评论ID');
  });

  it('[IN8][IN25] NDJSON: broken lines, non-objects, big ids, NUL, CRLF', async () => {
    const result = await importText(MALFORMED_NDJSON, 'ndjson', { platform: 'tiktok' });
    expectOutcome(result, NDJSON_ACCEPTED, NDJSON_REJECTED);
  });

  it('[IN8][IN25] JSON array: a broken element rejects itself only', async () => {
    const result = await importText(MALFORMED_JSON, 'json', { platform: 'tiktok' });
    expectOutcome(result, JSON_ACCEPTED, JSON_REJECTED);
    expect(result.accepted.find((a) => a.externalId === 'j5')!.likes).toBe(2);
  });

  it('[IN9][IN25] danmaku XML: bare &, unescaped <, unclosed <d>, short p, bad values', async () => {
    const result = await importText(MALFORMED_XML, 'danmaku-xml', { platform: 'bilibili' });
    expectOutcome(result, XML_ACCEPTED, XML_REJECTED);
    const first = result.accepted[0]!;
    expect(first).toMatchObject({ kind: 'danmaku', timecodeMs: 12_500, text: '请签收', authorHandle: 'abc123', postedAt: '2025-03-05T12:00:00.000Z' });
    expect(result.accepted[1]!.text).toBe('ok & fine 😂');
    expect(result.accepted[3]!.text).toBe('<b>cdata</b> text');
  });
});

describe('stream boundaries', () => {
  it('[IN2][IN5] rows are the same whatever the chunking (multi-byte characters and CRLF split across chunks)', async () => {
    const { readRows } = await import('./rows.js');
    const bytes = Buffer.from(MALFORMED_CSV);
    const whole = await importText(bytes, 'csv');
    for (const size of [1, 2, 3, 7, 64]) {
      async function* chunks() {
        for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
      }
      const rows = [];
      for await (const r of readRows(chunks(), { format: 'csv' })) rows.push(r);
      expect(rows).toEqual(whole.rows);
    }
  });

  it('[IN8][IN9] JSON and XML rows are the same whatever the chunking', async () => {
    const { readRows } = await import('./rows.js');
    for (const [text, format] of [
      [MALFORMED_JSON, 'json'],
      [MALFORMED_XML, 'danmaku-xml'],
      [MALFORMED_NDJSON, 'ndjson'],
    ] as const) {
      const bytes = Buffer.from(text);
      const whole = (await importText(bytes, format, { platform: 'tiktok' })).rows;
      async function* chunks() {
        for (let i = 0; i < bytes.length; i += 5) yield bytes.subarray(i, i + 5);
      }
      const rows = [];
      for await (const r of readRows(chunks(), { format })) rows.push(r);
      expect(rows).toEqual(whole);
    }
  });
});

describe('size caps', () => {
  const big = 'x'.repeat(1_100_000);

  it('[IN6] an over-long line or element is rejected without stopping the file, in every format', async () => {
    const { readRowsFrom } = await import('./rows.js');
    const collect = async (text: string, format: 'csv' | 'ndjson' | 'json' | 'danmaku-xml') => {
      const out = [];
      for await (const r of readRowsFrom(text, { format })) out.push([r.line, r.error ?? 'ok']);
      return out;
    };
    expect(await collect(`a,b\n1,${big}\n2,ok\n`, 'csv')).toEqual([
      [2, 'line longer than 1048576 characters'],
      [3, 'ok'],
    ]);
    expect(await collect(`{"a":"${big}"}\n{"a":"ok"}\n`, 'ndjson')).toEqual([
      [1, 'line longer than 1048576 characters'],
      [2, 'ok'],
    ]);
    expect(await collect(`[{"a":"${big}"},\n{"a":"ok"}]`, 'json')).toEqual([
      [1, 'record longer than 1048576 characters'],
      [2, 'ok'],
    ]);
    expect(await collect(`<i>\n<d p="1,1,25,1,1741176000,0,u,1">${big}</d>\n<d p="1,1,25,1,1741176000,0,u,2">ok</d></i>`, 'danmaku-xml')).toEqual([
      [2, 'field longer than 65536 characters'],
      [3, 'ok'],
    ]);
  });

  it('[IN8] a JSON element that never closes is one error naming the rest of the file', async () => {
    const { readRowsFrom } = await import('./rows.js');
    const out = [];
    for await (const r of readRowsFrom('[{"a":1},\n{"a": {"b": 2},\n{"c": 3}\n', { format: 'json' })) out.push([r.line, r.error ?? 'ok']);
    expect(out).toEqual([
      [1, 'ok'],
      [2, 'unreadable from line 2 to 4 (end of file): an element never closes'],
    ]);
  });

  it('[IN8] a JSON object file is read through its first array (YouTube items)', async () => {
    const yt = '{"kind":"youtube#commentThreadListResponse","pageInfo":{"totalResults":1},"items":[{"id":"Ug1","snippet":{"totalReplyCount":2,"topLevelComment":{"snippet":{"textOriginal":"where are the twins?","authorChannelId":{"value":"UC1"},"likeCount":7,"publishedAt":"2025-03-05T12:00:00Z"}}}}]}';
    const r = await importText(yt, 'json', { platform: 'youtube' });
    expect(r.accepted).toMatchObject([{ externalId: 'Ug1', text: 'where are the twins?', authorHandle: 'UC1', likes: 7, replyCount: 2 }]);
  });
});
