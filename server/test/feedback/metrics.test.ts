import type { ImportJob } from '@loopline/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FeedbackTestApp, makeFeedbackApp } from './support.js';

let f: FeedbackTestApp;
beforeEach(async () => {
  f = await makeFeedbackApp();
});
afterEach(async () => {
  await f.close();
});

async function upload(query: string, body: string): Promise<ImportJob> {
  const res = await f.as(f.operations, { method: 'POST', url: `/api/series/${f.seriesId}/imports?${query}`, headers: { 'content-type': 'text/csv' }, payload: body });
  expect(res.statusCode, res.body).toBe(202);
  return (await f.as(f.operations, `/api/imports/${(res.json() as ImportJob).id}`)).json() as ImportJob;
}

describe('metrics, retention curves, releases', () => {
  it('[FB11] metrics import upserts per episode, platform and day; a second import of the same day replaces it', async () => {
    const csv = '日期,集数,平台,播放量,观看人数,完播率,5秒完播率,平均播放时长,点赞数\n2026-03-01,第1集,抖音,48000,39000,42%,81%,61.5,1200\n2026-03-01,第2集,抖音,30000,,0.38,,,\n';
    expect(await upload('target=metrics', csv)).toMatchObject({ status: 'done', accepted: 2, rejected: 0 });
    expect(await upload('target=metrics', '日期,集数,平台,播放量\n2026-03-01,第1集,抖音,50000\n2026-03-02,第9集,抖音,1\n')).toMatchObject({ accepted: 1, rejected: 1 });
    const all = (await f.as(f.writer, `/api/series/${f.seriesId}/metrics`)).json() as { metrics: Record<string, unknown>[] };
    expect(all.metrics.map((m) => [m.episodeId, m.platform, m.date, m.views])).toEqual([
      [f.episodes[0], 'douyin', '2026-03-01', 50000],
      [f.episodes[1], 'douyin', '2026-03-01', 30000],
    ]);
    const one = (await f.as(f.writer, `/api/series/${f.seriesId}/metrics?episodeId=${f.episodes[1]}`)).json() as { metrics: Record<string, unknown>[] };
    expect(one.metrics).toMatchObject([{ completionRate: 0.38, uniqueViewers: null }]);
  });

  it('[FB11] a retention curve and the danmaku density come back on one axis', async () => {
    const curve = ['秒,留存率', '0,100%', '1,90%', '3,70%', '4,69%'].join('\n');
    expect(await upload(`target=retention&platform=douyin&episodeId=${f.episodes[0]}`, `${curve}\n`)).toMatchObject({ accepted: 4 });
    const danmaku = ['time,text,timestamp', '1.2,哈哈,1772366400', '1.7,请签收,1772366401', '3.5,笑死,1772366402'].join('\n');
    expect(await upload(`platform=douyin&kind=danmaku&episodeId=${f.episodes[0]}&mapping=${encodeURIComponent(JSON.stringify({ timecode: 'time', text: 'text', postedAt: 'timestamp' }))}`, `${danmaku}\n`)).toMatchObject({
      accepted: 3,
    });
    const res = (await f.as(f.writer, `/api/episodes/${f.episodes[0]}/retention`)).json() as {
      curves: { platform: string; points: number[] }[];
      danmakuDensity: { second: number; count: number }[];
    };
    expect(res.curves).toMatchObject([{ platform: 'douyin', points: [1, 0.9, 0.8, 0.7, 0.69] }]);
    expect(res.danmakuDensity).toEqual([
      { second: 1, count: 2 },
      { second: 3, count: 1 },
    ]);
    expect((await f.as(f.writer, `/api/episodes/${f.episodes[0]}/retention?platform=kuaishou`)).json()).toEqual({ curves: [], danmakuDensity: [] });
  });

  it('[FB16] operations mark releases; a writer may read them but not mark one', async () => {
    const body = { episodeId: f.episodes[0], platform: 'douyin', airedAt: '2026-03-01T12:00:00Z' };
    expect((await f.as(f.writer, { method: 'POST', url: `/api/series/${f.seriesId}/releases`, payload: body })).statusCode).toBe(403);
    const made = await f.as(f.operations, { method: 'POST', url: `/api/series/${f.seriesId}/releases`, payload: body });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ ...body, airedAt: '2026-03-01T12:00:00.000Z', revisionId: null });
    const wrong = await f.as(f.operations, { method: 'POST', url: `/api/series/${f.seriesId}/releases`, payload: { ...body, episodeId: 'nope' } });
    expect(wrong.json()).toMatchObject({ error: { details: [{ path: 'body/episodeId' }] } });
    const list = (await f.as(f.writer, `/api/series/${f.seriesId}/releases`)).json() as { releases: unknown[] };
    expect(list.releases).toHaveLength(1);
  });
});
