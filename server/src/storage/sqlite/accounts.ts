import { randomUUID } from 'node:crypto';
import type { Role } from '@loopline/shared';
import type Database from 'better-sqlite3';
import {
  type AccountStorage,
  auditLimit,
  normalizeEmail,
  nowIso,
  StorageConflictError,
  StorageNotFoundError,
} from '../common.js';
import type { AuditRecord, SessionRecord, User, UserRecord } from '../types.js';
import { type SeriesRow, toSeries } from './rows.js';

/** Row shapes of the account tables as better-sqlite3 returns them. */
interface UserRow {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  is_admin: number;
  disabled: number;
  created_at: string;
}

interface SessionRow {
  id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

interface AuditRow {
  id: number;
  at: string;
  actor_user_id: string | null;
  series_id: string | null;
  action: string;
  target: string;
  details: string;
  actor_email: string | null;
  actor_display_name: string | null;
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    isAdmin: row.is_admin !== 0,
    disabled: row.disabled !== 0,
    createdAt: row.created_at,
  };
}

function toUserRecord(row: UserRow): UserRecord {
  return { ...toUser(row), passwordHash: row.password_hash };
}

function toSession(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  };
}

function toAudit(row: AuditRow): AuditRecord {
  const details: unknown = JSON.parse(row.details);
  return {
    id: row.id,
    at: row.at,
    actorUserId: row.actor_user_id,
    actor:
      row.actor_user_id !== null && row.actor_email !== null
        ? { id: row.actor_user_id, email: row.actor_email, displayName: row.actor_display_name ?? '' }
        : null,
    seriesId: row.series_id,
    action: row.action,
    target: row.target,
    details: details !== null && typeof details === 'object' ? (details as Record<string, unknown>) : {},
  };
}

function constraintCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

const AUDIT_SELECT = `SELECT a.*, u.email AS actor_email, u.display_name AS actor_display_name
  FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id`;

/** Account, session, membership and audit methods over one SQLite connection. */
export function sqliteAccounts(db: Database.Database): AccountStorage {
  const s = {
    insertUser: db.prepare(
      `INSERT INTO users (id, email, display_name, password_hash, is_admin, disabled, created_at)
       VALUES (?, ?, ?, ?, ?, 0, ?)`,
    ),
    getUser: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
    getUserByEmail: db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?'),
    listUsers: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY created_at, rowid'),
    updateUser: db.prepare('UPDATE users SET display_name = ?, is_admin = ?, disabled = ?, password_hash = ? WHERE id = ?'),
    countUsers: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users'),

    insertSession: db.prepare(
      `INSERT INTO sessions (id, token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    getSession: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?'),
    getSessionByHash: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE token_hash = ?'),
    touchSession: db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id = ?'),
    sessionsOfUser: db.prepare<[string], { id: string }>('SELECT id FROM sessions WHERE user_id = ?'),
    expiredSessions: db.prepare<[string, string], { id: string }>(
      'SELECT id FROM sessions WHERE last_seen_at < ? OR expires_at < ?',
    ),

    upsertMembership: db.prepare(
      `INSERT INTO memberships (series_id, user_id, role) VALUES (?, ?, ?)
       ON CONFLICT (series_id, user_id) DO UPDATE SET role = excluded.role`,
    ),
    getMembership: db.prepare<[string, string], { role: string }>(
      'SELECT role FROM memberships WHERE series_id = ? AND user_id = ?',
    ),
    listMembers: db.prepare<[string], { user_id: string; email: string; display_name: string; role: string }>(
      `SELECT m.user_id, u.email, u.display_name, m.role FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.series_id = ? ORDER BY m.rowid`,
    ),
    removeMembership: db.prepare('DELETE FROM memberships WHERE series_id = ? AND user_id = ?'),
    seriesOfUser: db.prepare<[string], SeriesRow & { member_role: string }>(
      `SELECT s.*, m.role AS member_role FROM memberships m JOIN series s ON s.id = m.series_id
       WHERE m.user_id = ? ORDER BY s.created_at, s.rowid`,
    ),

    insertAudit: db.prepare(
      'INSERT INTO audit_log (at, actor_user_id, series_id, action, target, details) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    getAudit: db.prepare<[number | bigint], AuditRow>(`${AUDIT_SELECT} WHERE a.id = ?`),
  };

  const deleteIds = db.transaction((ids: string[]) => {
    for (const id of ids) s.deleteSession.run(id);
    return ids;
  });

  return {
    async createUser(input) {
      const id = randomUUID();
      try {
        s.insertUser.run(id, normalizeEmail(input.email), input.displayName, input.passwordHash, input.isAdmin ? 1 : 0, nowIso());
      } catch (err) {
        if (constraintCode(err) === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new StorageConflictError(`a user with e-mail ${normalizeEmail(input.email)} exists`);
        }
        throw err;
      }
      return toUser(s.getUser.get(id)!);
    },
    async getUser(id) {
      const row = s.getUser.get(id);
      return row ? toUserRecord(row) : null;
    },
    async getUserByEmail(email) {
      const row = s.getUserByEmail.get(normalizeEmail(email));
      return row ? toUserRecord(row) : null;
    },
    async listUsers() {
      return s.listUsers.all().map(toUser);
    },
    async updateUser(id, patch) {
      const row = s.getUser.get(id);
      if (!row) return null;
      const flag = (value: boolean | undefined, current: number) => (value === undefined ? current : value ? 1 : 0);
      s.updateUser.run(
        patch.displayName ?? row.display_name,
        flag(patch.isAdmin, row.is_admin),
        flag(patch.disabled, row.disabled),
        patch.passwordHash ?? row.password_hash,
        id,
      );
      return toUser(s.getUser.get(id)!);
    },
    async countUsers() {
      return s.countUsers.get()!.n;
    },

    async createSession(input) {
      const id = randomUUID();
      try {
        s.insertSession.run(id, input.tokenHash, input.userId, input.csrfToken, input.createdAt, input.createdAt, input.expiresAt);
      } catch (err) {
        if (constraintCode(err) === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new StorageNotFoundError('user', input.userId);
        throw err;
      }
      return toSession(s.getSession.get(id)!);
    },
    async getSessionByTokenHash(tokenHash) {
      const row = s.getSessionByHash.get(tokenHash);
      return row ? toSession(row) : null;
    },
    async touchSession(id, lastSeenAt) {
      s.touchSession.run(lastSeenAt, id);
    },
    async deleteSession(id) {
      return s.deleteSession.run(id).changes > 0;
    },
    async deleteSessionsOfUser(userId, opts) {
      const ids = s.sessionsOfUser
        .all(userId)
        .map((r) => r.id)
        .filter((id) => id !== opts?.except);
      return deleteIds.immediate(ids);
    },
    async deleteExpiredSessions({ lastSeenBefore, expiresBefore }) {
      return deleteIds.immediate(s.expiredSessions.all(lastSeenBefore, expiresBefore).map((r) => r.id));
    },

    async setMembership(seriesId, userId, role) {
      try {
        s.upsertMembership.run(seriesId, userId, role);
      } catch (err) {
        if (constraintCode(err) === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
          throw new StorageNotFoundError('series or user', `${seriesId}/${userId}`);
        }
        throw err;
      }
    },
    async getMembership(seriesId, userId) {
      return (s.getMembership.get(seriesId, userId)?.role as Role | undefined) ?? null;
    },
    async listMembers(seriesId) {
      return s.listMembers.all(seriesId).map((r) => ({
        userId: r.user_id,
        email: r.email,
        displayName: r.display_name,
        role: r.role as Role,
      }));
    },
    async removeMembership(seriesId, userId) {
      return s.removeMembership.run(seriesId, userId).changes > 0;
    },
    async listSeriesOfUser(userId, opts) {
      return s.seriesOfUser
        .all(userId)
        .filter((row) => opts?.includeArchived || row.archived === 0)
        .map((row) => ({ series: toSeries(row), role: row.member_role as Role }));
    },

    async appendAudit(entry) {
      const info = s.insertAudit.run(
        entry.at ?? nowIso(),
        entry.actorUserId,
        entry.seriesId ?? null,
        entry.action,
        entry.target ?? '',
        JSON.stringify(entry.details ?? {}),
      );
      return toAudit(s.getAudit.get(info.lastInsertRowid)!);
    },
    async listAudit(query = {}) {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (query.seriesId !== undefined) {
        where.push('a.series_id = ?');
        params.push(query.seriesId);
      }
      if (query.before !== undefined) {
        where.push('a.id < ?');
        params.push(query.before);
      }
      const sql = `${AUDIT_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.id DESC LIMIT ?`;
      return db
        .prepare<(string | number)[], AuditRow>(sql)
        .all(...params, auditLimit(query.limit))
        .map(toAudit);
    },
  };
}
