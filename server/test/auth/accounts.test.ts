import type { Series } from '@loopline/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AuthTestApp, Browser, makeAuthApp } from './support/app.js';
import { createTestUser, TEST_PASSWORD } from './support/sessions.js';

let t: AuthTestApp;
let admin: Browser;
beforeEach(async () => {
  t = await makeAuthApp();
  await createTestUser(t.storage, { email: 'root@test.loopline', displayName: 'Root', isAdmin: true });
  admin = await browserFor('root@test.loopline');
});
afterEach(async () => {
  await t.close();
});

async function browserFor(email: string, password = TEST_PASSWORD): Promise<Browser> {
  const browser = new Browser(t.app, t.config);
  const res = await browser.login(email, password);
  if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode}`);
  return browser;
}

async function member(email: string): Promise<Browser> {
  await createTestUser(t.storage, { email, displayName: email.split('@')[0] });
  return browserFor(email);
}

async function auditActions(browser: Browser, url = '/api/audit'): Promise<string[]> {
  const res = await browser.request({ url });
  expect(res.statusCode).toBe(200);
  return (res.json() as { entries: { action: string; target: string }[] }).entries.map((e) => `${e.action} ${e.target}`);
}

describe('series and roles', () => {
  it('[AC24] the creator of a series becomes its showrunner; the list holds only the user’s series, each with myRole', async () => {
    const zhou = await member('zhou@test.loopline');
    const lin = await member('lin@test.loopline');
    const created = await zhou.request({ method: 'POST', url: '/api/series', payload: { title: '签收双胞胎', language: 'zh' } });
    expect(created.statusCode).toBe(201);
    const series = created.json() as Series;
    expect(series.myRole).toBe('showrunner');
    await lin.request({ method: 'POST', url: '/api/series', payload: { title: 'Lin’s own', language: 'en' } });

    const mine = (await zhou.request({ url: '/api/series' })).json() as { series: Series[] };
    expect(mine.series.map((s) => [s.title, s.myRole])).toEqual([['签收双胞胎', 'showrunner']]);
    expect(((await zhou.request({ url: `/api/series/${series.id}` })).json() as Series).myRole).toBe('showrunner');

    const all = (await admin.request({ url: '/api/series' })).json() as { series: Series[] };
    expect(all.series.map((s) => [s.title, s.myRole])).toEqual([
      ['签收双胞胎', 'admin'],
      ['Lin’s own', 'admin'],
    ]);
    // A series Lin is not in is invisible to Lin.
    expect((await lin.request({ url: `/api/series/${series.id}` })).statusCode).toBe(404);
  });
});

describe('members', () => {
  async function seriesOf(owner: Browser): Promise<string> {
    const res = await owner.request({ method: 'POST', url: '/api/series', payload: { title: '签收双胞胎', language: 'zh' } });
    return (res.json() as Series).id;
  }

  it('[AC16] a showrunner adds members by e-mail, changes roles and removes them; the member’s access follows', async () => {
    const zhou = await member('zhou@test.loopline');
    const lin = await member('lin@test.loopline');
    const seriesId = await seriesOf(zhou);
    const members = `/api/series/${seriesId}/members`;

    expect((await lin.request({ url: `/api/series/${seriesId}` })).statusCode).toBe(404);
    const added = await zhou.request({ method: 'POST', url: members, payload: { email: 'LIN@test.loopline', role: 'reviewer' } });
    expect(added.statusCode).toBe(201);
    const linId = (added.json() as { userId: string }).userId;
    expect(added.json()).toEqual({ userId: linId, email: 'lin@test.loopline', displayName: 'lin', role: 'reviewer' });
    expect(((await lin.request({ url: `/api/series/${seriesId}` })).json() as Series).myRole).toBe('reviewer');
    // A reviewer reads the member list but changes nothing.
    expect((await lin.request({ url: members })).json()).toEqual({
      members: [
        { userId: expect.any(String), email: 'zhou@test.loopline', displayName: 'zhou', role: 'showrunner' },
        { userId: linId, email: 'lin@test.loopline', displayName: 'lin', role: 'reviewer' },
      ],
    });
    expect((await lin.request({ method: 'PATCH', url: `${members}/${linId}`, payload: { role: 'admin' } })).statusCode).toBe(403);

    t.changes.length = 0;
    const promoted = await zhou.request({ method: 'PATCH', url: `${members}/${linId}`, payload: { role: 'writer' } });
    expect(promoted.json()).toMatchObject({ role: 'writer' });
    expect(t.changes).toEqual([{ kind: 'membership-changed', userId: linId, seriesId }]);
    expect((await lin.request({ method: 'POST', url: `/api/series/${seriesId}/episodes`, payload: { title: '第1集' } })).statusCode).toBe(201);

    expect((await zhou.request({ method: 'DELETE', url: `${members}/${linId}` })).statusCode).toBe(204);
    expect(t.changes).toContainEqual({ kind: 'membership-changed', userId: linId, seriesId });
    expect((await lin.request({ url: `/api/series/${seriesId}` })).statusCode).toBe(404);
    expect((await lin.request({ url: '/api/series' })).json()).toEqual({ series: [] });
  });

  it('[AC16] unknown accounts are 404, existing members 409, and the last showrunner or admin cannot leave or be demoted', async () => {
    const zhou = await member('zhou@test.loopline');
    await member('lin@test.loopline');
    const seriesId = await seriesOf(zhou);
    const members = `/api/series/${seriesId}/members`;
    const zhouId = (await t.storage.getUserByEmail('zhou@test.loopline'))!.id;

    const unknown = await zhou.request({ method: 'POST', url: members, payload: { email: 'ghost@test.loopline', role: 'writer' } });
    expect([unknown.statusCode, (unknown.json() as { error: { code: string } }).error.code]).toEqual([404, 'not_found']);
    expect((await zhou.request({ method: 'POST', url: members, payload: { email: 'zhou@test.loopline', role: 'writer' } })).statusCode).toBe(
      409,
    );
    expect((await zhou.request({ method: 'PATCH', url: `${members}/${zhouId}`, payload: { role: 'writer' } })).statusCode).toBe(409);
    expect((await zhou.request({ method: 'DELETE', url: `${members}/${zhouId}` })).statusCode).toBe(409);
    const missing = await zhou.request({ method: 'DELETE', url: `${members}/00000000-0000-4000-8000-000000000000` });
    expect(missing.statusCode).toBe(404);

    // With a second manager, the first may step down.
    const lin = await zhou.request({ method: 'POST', url: members, payload: { email: 'lin@test.loopline', role: 'admin' } });
    expect(lin.statusCode).toBe(201);
    expect((await zhou.request({ method: 'PATCH', url: `${members}/${zhouId}`, payload: { role: 'writer' } })).statusCode).toBe(200);
  });
});

describe('users (site admins)', () => {
  it('[AC15] a site admin lists and creates accounts; e-mails are unique case-insensitively; no hash leaves the server', async () => {
    const created = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: { email: 'New.Writer@Test.Loopline', displayName: ' 林晓 ', password: 'welcome to loopline' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      id: expect.any(String),
      email: 'new.writer@test.loopline',
      displayName: '林晓',
      isAdmin: false,
      disabled: false,
      createdAt: expect.any(String),
    });
    const dup = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: { email: 'NEW.writer@test.loopline', displayName: 'x', password: 'welcome to loopline' },
    });
    expect(dup.statusCode).toBe(409);
    const list = await admin.request({ url: '/api/users' });
    expect((list.json() as { users: { email: string }[] }).users.map((u) => u.email)).toEqual([
      'root@test.loopline',
      'new.writer@test.loopline',
    ]);
    expect(list.body).not.toContain('argon2');
    expect((await browserFor('new.writer@test.loopline', 'welcome to loopline')).csrfToken).toBeDefined();
  });

  it('[AC15] an admin cannot disable or demote themselves; other users cannot manage accounts', async () => {
    const rootId = (await t.storage.getUserByEmail('root@test.loopline'))!.id;
    expect((await admin.request({ method: 'PATCH', url: `/api/users/${rootId}`, payload: { disabled: true } })).statusCode).toBe(409);
    expect((await admin.request({ method: 'PATCH', url: `/api/users/${rootId}`, payload: { isAdmin: false } })).statusCode).toBe(409);
    expect((await admin.request({ method: 'PATCH', url: `/api/users/${rootId}`, payload: { displayName: 'Boss' } })).json()).toMatchObject({
      displayName: 'Boss',
    });
    // A site admin naming a series that does not exist gets 404, as anyone else would.
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const url of [`/api/series/${missing}`, `/api/series/${missing}/members`, `/api/series/${missing}/audit`]) {
      expect((await admin.request({ url })).statusCode, url).toBe(404);
    }
    const lin = await member('lin@test.loopline');
    expect((await lin.request({ url: '/api/users' })).statusCode).toBe(403);
    expect((await lin.request({ url: '/api/audit' })).statusCode).toBe(403);
  });

  it('[AC9] revoking site admin announces a membership change for every series, so admin-only sockets close', async () => {
    const other = await createTestUser(t.storage, { email: 'second@test.loopline', isAdmin: true });
    const s1 = await t.storage.createSeries({ title: 'one', language: 'zh' });
    const s2 = await t.storage.createSeries({ title: 'two', language: 'en' });
    t.changes.length = 0;
    await admin.request({ method: 'PATCH', url: `/api/users/${other.id}`, payload: { isAdmin: false } });
    expect(t.changes).toEqual([
      { kind: 'membership-changed', userId: other.id, seriesId: s1.id },
      { kind: 'membership-changed', userId: other.id, seriesId: s2.id },
    ]);
  });
});

describe('audit log', () => {
  it('[AC20] sign-ins (good and bad), sign-outs, set-up, accounts, and membership changes are recorded', async () => {
    await new Browser(t.app, t.config).login('root@test.loopline', 'not the password');
    const zhouRes = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: { email: 'zhou@test.loopline', displayName: '周敏', password: 'welcome to loopline' },
    });
    const zhouId = (zhouRes.json() as { id: string }).id;
    await createTestUser(t.storage, { email: 'lin@test.loopline' });
    const zhou = await browserFor('zhou@test.loopline', 'welcome to loopline');
    const seriesId = ((await zhou.request({ method: 'POST', url: '/api/series', payload: { title: 'S', language: 'zh' } })).json() as Series)
      .id;
    const members = `/api/series/${seriesId}/members`;
    const added = await zhou.request({ method: 'POST', url: members, payload: { email: 'lin@test.loopline', role: 'writer' } });
    const linId = (added.json() as { userId: string }).userId;
    await zhou.request({ method: 'PATCH', url: `${members}/${linId}`, payload: { role: 'reviewer' } });
    await zhou.request({ method: 'DELETE', url: `${members}/${linId}` });
    await zhou.request({ method: 'POST', url: '/api/auth/logout' });
    await admin.request({ method: 'PATCH', url: `/api/users/${zhouId}`, payload: { disabled: true } });

    expect(await auditActions(admin)).toEqual([
      'user.disabled zhou@test.loopline',
      'auth.logout zhou@test.loopline',
      'member.removed lin@test.loopline',
      'member.role_changed lin@test.loopline',
      'member.added lin@test.loopline',
      'series.created S',
      'auth.login zhou@test.loopline',
      'user.created zhou@test.loopline',
      'auth.login_failed root@test.loopline',
      'auth.login root@test.loopline',
    ]);
    const entries = (await admin.request({ url: '/api/audit?limit=10' })).json() as {
      entries: { action: string; actor: { email: string } | null; details: Record<string, unknown>; seriesId: string | null }[];
    };
    const roleChange = entries.entries.find((e) => e.action === 'member.role_changed')!;
    expect(roleChange).toMatchObject({ actor: { email: 'zhou@test.loopline' }, seriesId, details: { from: 'writer', to: 'reviewer' } });
    const failed = entries.entries.find((e) => e.action === 'auth.login_failed')!;
    expect(failed).toMatchObject({ actor: null, details: { reason: 'wrong_password' } });
  });

  it('[AC20] a series’ log is readable by roles with audit.read only, and pages by `before`', async () => {
    const zhou = await member('zhou@test.loopline');
    const seriesId = ((await zhou.request({ method: 'POST', url: '/api/series', payload: { title: 'S', language: 'zh' } })).json() as Series)
      .id;
    for (const name of ['a', 'b', 'c']) {
      await createTestUser(t.storage, { email: `${name}@test.loopline` });
      await zhou.request({ method: 'POST', url: `/api/series/${seriesId}/members`, payload: { email: `${name}@test.loopline`, role: 'writer' } });
    }
    const url = `/api/series/${seriesId}/audit`;
    expect(await auditActions(zhou, url)).toEqual([
      'member.added c@test.loopline',
      'member.added b@test.loopline',
      'member.added a@test.loopline',
      'series.created S',
    ]);
    const first = (await zhou.request({ url: `${url}?limit=2` })).json() as { entries: unknown[]; nextBefore: string };
    expect(first.entries).toHaveLength(2);
    const second = (await zhou.request({ url: `${url}?limit=2&before=${first.nextBefore}` })).json() as {
      entries: { action: string }[];
      nextBefore: string | null;
    };
    expect(second.entries.map((e) => e.action)).toEqual(['member.added', 'series.created']);
    const third = (await zhou.request({ url: `${url}?limit=2&before=${second.nextBefore}` })).json();
    expect(third).toEqual({ entries: [], nextBefore: null });

    const writer = await browserFor('a@test.loopline');
    expect((await writer.request({ url })).statusCode).toBe(403);
  });
});
