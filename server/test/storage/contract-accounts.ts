import { describe, expect, it } from 'vitest';
import { StorageConflictError, StorageNotFoundError } from '../../src/storage/common.js';
import type { NewSession } from '../../src/storage/types.js';
import type { StorageRef } from './contract.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA';

/** Contract tests for accounts, sessions, memberships and the audit log (issue 3). */
export function accountContract(storage: StorageRef): void {
  async function user(email: string, displayName = email.split('@')[0] ?? 'x', isAdmin = false) {
    return storage().createUser({ email, displayName, passwordHash: HASH, isAdmin });
  }
  function session(userId: string, n: number, at = '2026-03-01T10:00:00.000Z', expiresAt = '2026-03-08T10:00:00.000Z'): NewSession {
    return { tokenHash: `hash-${n}`.padEnd(64, '0'), userId, csrfToken: `csrf-${n}`, createdAt: at, expiresAt };
  }

  describe('users', () => {
    it('[AC10] createUser stores a trimmed, lower-cased e-mail; the hash is only on the record', async () => {
      const created = await user('  Zhou.Min@Demo.Loopline ', '周敏', true);
      expect(created).toMatchObject({ email: 'zhou.min@demo.loopline', displayName: '周敏', isAdmin: true, disabled: false });
      expect(created.id).toMatch(UUID);
      expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt);
      expect(created).not.toHaveProperty('passwordHash');
      const record = await storage().getUser(created.id);
      expect(record).toEqual({ ...created, passwordHash: HASH });
      expect(await storage().getUserByEmail('ZHOU.MIN@demo.loopline')).toEqual(record);
      expect(await storage().getUserByEmail('nobody@demo.loopline')).toBeNull();
      expect(await storage().getUser(UNKNOWN)).toBeNull();
    });

    it('[AC10] e-mails are unique case-insensitively', async () => {
      await user('ann@example.com');
      await expect(user('ANN@example.com')).rejects.toBeInstanceOf(StorageConflictError);
      expect(await storage().countUsers()).toBe(1);
    });

    it('[AC10] listUsers in creation order, countUsers, updateUser changes only given fields', async () => {
      expect(await storage().countUsers()).toBe(0);
      const a = await user('a@x.io');
      const b = await user('b@x.io');
      const c = await user('c@x.io');
      expect((await storage().listUsers()).map((u) => u.email)).toEqual(['a@x.io', 'b@x.io', 'c@x.io']);
      expect(await storage().countUsers()).toBe(3);
      const disabled = await storage().updateUser(b.id, { disabled: true });
      expect(disabled).toEqual({ ...b, disabled: true });
      const renamed = await storage().updateUser(c.id, { displayName: 'Cee', isAdmin: true, passwordHash: 'new' });
      expect(renamed).toEqual({ ...c, displayName: 'Cee', isAdmin: true });
      expect((await storage().getUser(c.id))?.passwordHash).toBe('new');
      expect((await storage().getUser(a.id))?.passwordHash).toBe(HASH);
      expect(await storage().updateUser(UNKNOWN, { disabled: true })).toBeNull();
    });
  });

  describe('sessions', () => {
    it('[AC11] a session is found by its token hash, touched, and deleted', async () => {
      const u = await user('s@x.io');
      const created = await storage().createSession(session(u.id, 1));
      expect(created).toEqual({
        id: expect.stringMatching(UUID),
        tokenHash: 'hash-1'.padEnd(64, '0'),
        userId: u.id,
        csrfToken: 'csrf-1',
        createdAt: '2026-03-01T10:00:00.000Z',
        lastSeenAt: '2026-03-01T10:00:00.000Z',
        expiresAt: '2026-03-08T10:00:00.000Z',
      });
      expect(await storage().getSessionByTokenHash(created.tokenHash)).toEqual(created);
      await storage().touchSession(created.id, '2026-03-01T11:30:00.000Z');
      expect((await storage().getSessionByTokenHash(created.tokenHash))?.lastSeenAt).toBe('2026-03-01T11:30:00.000Z');
      expect(await storage().deleteSession(created.id)).toBe(true);
      expect(await storage().deleteSession(created.id)).toBe(false);
      expect(await storage().getSessionByTokenHash(created.tokenHash)).toBeNull();
    });

    it('[AC11] a session of an unknown user is refused', async () => {
      await expect(storage().createSession(session(UNKNOWN, 1))).rejects.toBeInstanceOf(StorageNotFoundError);
    });

    it('[AC11] deleteSessionsOfUser removes all (or all but one) of one user and returns their ids', async () => {
      const u = await user('u@x.io');
      const other = await user('o@x.io');
      const [s1, s2, s3] = [
        await storage().createSession(session(u.id, 1)),
        await storage().createSession(session(u.id, 2)),
        await storage().createSession(session(u.id, 3)),
      ];
      const kept = await storage().createSession(session(other.id, 4));
      expect((await storage().deleteSessionsOfUser(u.id, { except: s2!.id })).sort()).toEqual([s1!.id, s3!.id].sort());
      expect(await storage().getSessionByTokenHash(s2!.tokenHash)).not.toBeNull();
      expect(await storage().deleteSessionsOfUser(u.id)).toEqual([s2!.id]);
      expect(await storage().deleteSessionsOfUser(u.id)).toEqual([]);
      expect(await storage().getSessionByTokenHash(kept.tokenHash)).toEqual(kept);
    });

    it('[AC11] deleteExpiredSessions removes idle and past-expiry sessions only', async () => {
      const u = await user('e@x.io');
      const idle = await storage().createSession(session(u.id, 1, '2026-03-01T00:00:00.000Z', '2026-03-08T00:00:00.000Z'));
      const old = await storage().createSession(session(u.id, 2, '2026-03-01T12:00:00.000Z', '2026-03-01T13:00:00.000Z'));
      const fresh = await storage().createSession(session(u.id, 3, '2026-03-01T12:00:00.000Z', '2026-03-08T00:00:00.000Z'));
      const deleted = await storage().deleteExpiredSessions({
        lastSeenBefore: '2026-03-01T06:00:00.000Z',
        expiresBefore: '2026-03-01T14:00:00.000Z',
      });
      expect(deleted.sort()).toEqual([idle.id, old.id].sort());
      expect(await storage().getSessionByTokenHash(fresh.tokenHash)).toEqual(fresh);
    });
  });

  describe('memberships', () => {
    it('[AC12] set, get, change, list in order added, and remove memberships', async () => {
      const series = await storage().createSeries({ title: '签收双胞胎', language: 'zh' });
      const a = await user('a@x.io', '周敏');
      const b = await user('b@x.io', 'Lin');
      await storage().setMembership(series.id, b.id, 'writer');
      await storage().setMembership(series.id, a.id, 'showrunner');
      expect(await storage().getMembership(series.id, a.id)).toBe('showrunner');
      await storage().setMembership(series.id, b.id, 'reviewer');
      expect(await storage().listMembers(series.id)).toEqual([
        { userId: b.id, email: 'b@x.io', displayName: 'Lin', role: 'reviewer' },
        { userId: a.id, email: 'a@x.io', displayName: '周敏', role: 'showrunner' },
      ]);
      expect(await storage().removeMembership(series.id, b.id)).toBe(true);
      expect(await storage().removeMembership(series.id, b.id)).toBe(false);
      expect(await storage().getMembership(series.id, b.id)).toBeNull();
      expect(await storage().getMembership(UNKNOWN, a.id)).toBeNull();
      expect(await storage().listMembers(UNKNOWN)).toEqual([]);
    });

    it('[AC12] a membership of an unknown series or user is refused', async () => {
      const series = await storage().createSeries({ title: 'S', language: 'en' });
      const u = await user('u@x.io');
      await expect(storage().setMembership(UNKNOWN, u.id, 'writer')).rejects.toBeInstanceOf(StorageNotFoundError);
      await expect(storage().setMembership(series.id, UNKNOWN, 'writer')).rejects.toBeInstanceOf(StorageNotFoundError);
    });

    it('[AC12] listSeriesOfUser gives the series with the role, in series creation order, archived on request', async () => {
      const u = await user('u@x.io');
      const s1 = await storage().createSeries({ title: 'one', language: 'zh' });
      const s2 = await storage().createSeries({ title: 'two', language: 'zh' });
      const s3 = await storage().createSeries({ title: 'three', language: 'en' });
      await storage().setMembership(s3.id, u.id, 'reviewer');
      await storage().setMembership(s1.id, u.id, 'writer');
      const archived = await storage().updateSeries(s3.id, { archived: true });
      expect(await storage().listSeriesOfUser(u.id)).toEqual([{ series: s1, role: 'writer' }]);
      expect(await storage().listSeriesOfUser(u.id, { includeArchived: true })).toEqual([
        { series: s1, role: 'writer' },
        { series: archived, role: 'reviewer' },
      ]);
      expect((await storage().listSeriesOfUser(u.id)).some((m) => m.series.id === s2.id)).toBe(false);
    });
  });

  describe('audit log', () => {
    it('[AC13] appendAudit returns the entry with its actor; listAudit is newest first, filtered by series, paged', async () => {
      const actor = await user('boss@x.io', '周敏');
      const series = await storage().createSeries({ title: 'S', language: 'zh' });
      const first = await storage().appendAudit({
        at: '2026-03-01T10:00:00.000Z',
        actorUserId: null,
        action: 'auth.login_failed',
        target: 'who@x.io',
        details: { reason: 'unknown_email' },
      });
      expect(first).toEqual({
        id: expect.any(Number),
        at: '2026-03-01T10:00:00.000Z',
        actorUserId: null,
        actor: null,
        seriesId: null,
        action: 'auth.login_failed',
        target: 'who@x.io',
        details: { reason: 'unknown_email' },
      });
      const entries = [first];
      for (let i = 0; i < 4; i++) {
        entries.push(
          await storage().appendAudit({
            actorUserId: actor.id,
            seriesId: series.id,
            action: 'member.added',
            target: `m${i}`,
            details: { role: 'writer', n: i },
          }),
        );
      }
      expect(entries[1]).toMatchObject({ actor: { id: actor.id, email: 'boss@x.io', displayName: '周敏' }, seriesId: series.id });
      const ids = entries.map((e) => e.id);
      expect([...ids].sort((x, y) => x - y)).toEqual(ids);

      const all = await storage().listAudit();
      expect(all.map((e) => e.id)).toEqual([...ids].reverse());
      expect(all[0]).toEqual(entries[4]);
      const ofSeries = await storage().listAudit({ seriesId: series.id, limit: 2 });
      expect(ofSeries.map((e) => e.target)).toEqual(['m3', 'm2']);
      const next = await storage().listAudit({ seriesId: series.id, limit: 2, before: ofSeries[1]!.id });
      expect(next.map((e) => e.target)).toEqual(['m1', 'm0']);
      expect(await storage().listAudit({ seriesId: series.id, before: next[1]!.id })).toEqual([]);
    });
  });
}
