import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { makeTestApp, type TestApp } from '../api/helpers.js';
import { createTestUser, injectAs, openTestSession, type TestSession } from '../auth/support/sessions.js';

/** An app with one series (three episodes) and a member of each role that imports or reads feedback. */
export interface FeedbackTestApp {
  t: TestApp;
  seriesId: string;
  episodes: string[];
  operations: TestSession;
  writer: TestSession;
  showrunner: TestSession;
  /** A showrunner of another series only. */
  foreign: TestSession;
  as(session: TestSession | null, opts: InjectOptions | string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** Builds the app over a fresh SQLite data directory. */
export async function makeFeedbackApp(env: NodeJS.ProcessEnv = {}): Promise<FeedbackTestApp> {
  const t = await makeTestApp(env);
  const series = await t.storage.createSeries({ title: '签收双胞胎', language: 'zh' });
  const episodes: string[] = [];
  for (const title of ['第1集', '第2集', '第3集']) episodes.push((await t.storage.createEpisode({ seriesId: series.id, title })).id);
  const member = async (email: string, role: 'operations' | 'writer' | 'showrunner') => {
    const user = await createTestUser(t.storage, { email });
    await t.storage.setMembership(series.id, user.id, role);
    return openTestSession(t.storage, t.config, user);
  };
  const other = await t.storage.createSeries({ title: 'Elsewhere', language: 'en' });
  const foreignUser = await createTestUser(t.storage, { email: 'foreign@fb.test' });
  await t.storage.setMembership(other.id, foreignUser.id, 'showrunner');
  return {
    t,
    seriesId: series.id,
    episodes,
    operations: await member('ops@fb.test', 'operations'),
    writer: await member('writer@fb.test', 'writer'),
    showrunner: await member('showrunner@fb.test', 'showrunner'),
    foreign: await openTestSession(t.storage, t.config, foreignUser),
    as: (session, opts) => injectAs(t.app, session, opts),
    close: () => t.close(),
  };
}

/** The Douyin preset's columns, in its export order. */
export const DOUYIN_HEADER = '评论ID,父评论ID,集数,评论内容,用户ID,用户昵称,点赞数,回复数,发布时间,IP属地,是否付费,新老用户';

/** One Douyin export row (fields are written as given: quote them yourself when needed). */
export function douyinRow(f: {
  id: string;
  parent?: string;
  episode?: string;
  text: string;
  user: string;
  likes?: number;
  at?: string;
  region?: string;
  paying?: string;
}): string {
  return [
    f.id,
    f.parent ?? '',
    f.episode ?? '第1集',
    f.text,
    f.user,
    `nick-${f.user}`,
    String(f.likes ?? 0),
    '0',
    f.at ?? '2026-03-01 20:05:00',
    f.region ?? '广东',
    f.paying ?? '否',
    '老用户',
  ].join(',');
}

/** A Douyin CSV of `n` distinct comments (ids c0…), cycling three episodes and ten users. */
export function douyinCsv(n: number, extra: (i: number) => Partial<Parameters<typeof douyinRow>[0]> = () => ({})): string {
  const lines = [DOUYIN_HEADER];
  for (let i = 0; i < n; i++) {
    lines.push(douyinRow({ id: `c${i}`, episode: `第${(i % 3) + 1}集`, text: `评论${i} 好看`, user: `user${i % 10}`, likes: i, ...extra(i) }));
  }
  return `${lines.join('\n')}\n`;
}
