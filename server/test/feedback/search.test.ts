import type { FeedbackItem, ImportJob } from '@loopline/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOUYIN_HEADER, douyinRow, type FeedbackTestApp, makeFeedbackApp } from './support.js';

interface Page {
  items: FeedbackItem[];
  total: number;
  nextCursor: string | null;
}

let f: FeedbackTestApp;
const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '<script>alert("x")</script>',
  '[点我](javascript:alert(1))',
  'abc\u202Eexe.txt\u2066hidden\u2069',
];

beforeAll(async () => {
  f = await makeFeedbackApp();
  const rows = [
    douyinRow({ id: 'r1', episode: '第1集', text: '双胞胎到底在哪 我要看双胞', user: 'alice', likes: 120, at: '2026-03-01 20:01:00', paying: '是' }),
    douyinRow({ id: 'r2', episode: '第1集', text: 'Where are the twins? Love this', user: 'bob', likes: 5, at: '2026-03-01 20:02:00' }),
    douyinRow({ id: 'r3', parent: 'r1', episode: '第1集', text: '同问 双胞胎', user: 'carol', likes: 40, at: '2026-03-01 20:03:00', paying: '是' }),
    douyinRow({ id: 'r4', episode: '第2集', text: '请签收！太好笑了', user: 'alice', likes: 999, at: '2026-03-02 20:00:00' }),
    douyinRow({ id: 'r5', episode: '第2集', text: '加我微信 abc12345 联系 13812345678', user: 'dave', likes: 1, at: '2026-03-02 20:05:00' }),
    ...HOSTILE.map((text, i) => douyinRow({ id: `h${i}`, episode: '第3集', text: `"${text.replaceAll('"', '""')}"`, user: 'mallory', likes: 0, at: `2026-03-03 10:0${i}:00` })),
  ];
  const res = await f.as(f.operations, {
    method: 'POST',
    url: `/api/series/${f.seriesId}/imports?presetId=douyin`,
    headers: { 'content-type': 'text/csv' },
    payload: `${DOUYIN_HEADER}\n${rows.join('\n')}\n`,
  });
  const job = (await f.as(f.operations, `/api/imports/${(res.json() as ImportJob).id}`)).json() as ImportJob;
  if (job.accepted !== 9) throw new Error(`fixture import: ${JSON.stringify(job)}`);
});
afterAll(async () => {
  await f.close();
});

async function search(query: string): Promise<Page> {
  const res = await f.as(f.writer, `/api/series/${f.seriesId}/feedback${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
}
const ids = (p: Page) => p.items.map((i) => i.externalId);

describe('search and filters', () => {
  it('[FB9] Chinese search finds a two-character word inside longer words; English is case-insensitive', async () => {
    expect(ids(await search(`?q=${encodeURIComponent('双胞')}&order=asc`))).toEqual(['r1', 'r3']);
    expect(ids(await search(`?q=${encodeURIComponent('双胞胎')}&order=asc`))).toEqual(['r1', 'r3']);
    expect(ids(await search(`?q=${encodeURIComponent('请签收')}`))).toEqual(['r4']);
    expect(ids(await search('?q=TWINS'))).toEqual(['r2']);
    expect(ids(await search(`?q=${encodeURIComponent('twins 双胞')}`))).toEqual([]);
    expect((await search(`?q=${encodeURIComponent('双胞')}`)).total).toBe(2);
  });

  it('[FB9] filters: episode, time range, segment, likes; sort by likes; keyset pages', async () => {
    expect(ids(await search(`?episodeId=${f.episodes[1]}&order=asc`))).toEqual(['r4', 'r5']);
    expect(ids(await search(`?from=${encodeURIComponent('2026-03-01T12:02:00.000Z')}&to=${encodeURIComponent('2026-03-02T12:00:01.000Z')}&order=asc`))).toEqual([
      'r2',
      'r3',
      'r4',
    ]);
    expect(ids(await search('?segment.paying=yes&order=asc'))).toEqual(['r1', 'r3']);
    expect(ids(await search(`?q=${encodeURIComponent('双胞')}&segment.paying=yes&minLikes=100`))).toEqual(['r1']);
    expect(ids(await search('?sort=likes&limit=3'))).toEqual(['r4', 'r1', 'r3']);
    const first = await search('?limit=4');
    const second = await search(`?limit=4&cursor=${first.nextCursor}`);
    const third = await search(`?limit=4&cursor=${second.nextCursor}`);
    expect([...ids(first), ...ids(second), ...ids(third)]).toHaveLength(9);
    expect(new Set([...ids(first), ...ids(second), ...ids(third)]).size).toBe(9);
    expect(third.nextCursor).toBeNull();
    expect(first.total).toBe(9);
  });

  it('[FB9] unknown filters and broken cursors answer 400 naming them', async () => {
    const typo = await f.as(f.writer, `/api/series/${f.seriesId}/feedback?episode=1`);
    expect(typo.statusCode).toBe(400);
    expect(typo.json()).toMatchObject({ error: { details: [{ path: 'querystring/episode' }] } });
    const cursor = await f.as(f.writer, `/api/series/${f.seriesId}/feedback?cursor=abc`);
    expect(cursor.json()).toMatchObject({ error: { details: [{ path: 'querystring/cursor' }] } });
    expect((await f.as(f.writer, `/api/series/${f.seriesId}/feedback?from=yesterday`)).statusCode).toBe(400);
  });

  it('[FB10] detail shows the thread and how many items the pseudonymous author wrote', async () => {
    const [r1] = (await search(`?q=${encodeURIComponent('我要看')}`)).items;
    const detail = (await f.as(f.writer, `/api/feedback/${r1!.id}`)).json() as { replies: FeedbackItem[]; parent: unknown; authorItemCount: number };
    expect(detail.parent).toBeNull();
    expect(detail.replies.map((r) => r.externalId)).toEqual(['r3']);
    expect(detail.authorItemCount).toBe(2);
    const reply = (await f.as(f.writer, `/api/feedback/${detail.replies[0]!.id}`)).json() as { parent: FeedbackItem };
    expect(reply.parent.externalId).toBe('r1');
    expect((await f.as(f.writer, '/api/feedback/123456789')).statusCode).toBe(404);
    expect((await f.as(f.foreign, `/api/feedback/${r1!.id}`)).statusCode).toBe(404);
  });

  it('[FB6][FB7] authors are pseudonyms and personal data is redacted before storage; a redacted number cannot be searched', async () => {
    const all = await search('?limit=100');
    for (const item of all.items) {
      expect(item.author).toMatch(/^v-[a-z2-7]+$/);
      expect(JSON.stringify(item)).not.toMatch(/alice|bob|mallory|nick-/);
    }
    const [contact] = (await search('?q=%E8%81%94%E7%B3%BB')).items; // 联系
    expect(contact!.text).not.toContain('13812345678');
    expect(contact!.text).not.toContain('abc12345');
    expect(contact!.redactions).toEqual(expect.arrayContaining(['phone', 'wechat']));
    expect((await search('?q=13812345678')).total).toBe(0);
  });

  it('[FB8] hostile text is stored as written (after redaction): markup, javascript: links and bidi controls come back verbatim', async () => {
    const hostile = await search(`?episodeId=${f.episodes[2]}&order=asc`);
    expect(hostile.items.map((i) => i.text)).toEqual(HOSTILE);
  });
});
