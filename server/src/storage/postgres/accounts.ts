import { randomUUID } from 'node:crypto';
import type { Role } from '@loopline/shared';
import type { Pool } from 'pg';
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

/** Row shapes of the account tables as node-postgres returns them (timestamptz as Date, bigint as string). */
interface UserRow {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  is_admin: boolean;
  disabled: boolean;
  created_at: Date;
}

interface SessionRow {
  id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}

interface AuditRow {
  id: string;
  at: Date;
  actor_user_id: string | null;
  series_id: string | null;
  action: string;
  target: string;
  details: unknown;
  actor_email: string | null;
  actor_display_name: string | null;
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    isAdmin: row.is_admin,
    disabled: row.disabled,
    createdAt: row.created_at.toISOString(),
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
    createdAt: row.created_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
  };
}

function toAudit(row: AuditRow): AuditRecord {
  return {
    id: Number(row.id),
    at: row.at.toISOString(),
    actorUserId: row.actor_user_id,
    actor:
      row.actor_user_id !== null && row.actor_email !== null
        ? { id: row.actor_user_id, email: row.actor_email, displayName: row.actor_display_name ?? '' }
        : null,
    seriesId: row.series_id,
    action: row.action,
    target: row.target,
    details: row.details !== null && typeof row.details === 'object' ? (row.details as Record<string, unknown>) : {},
  };
}

function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

// SQLSTATE: unique_violation, foreign_key_violation.
const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

const AUDIT_SELECT = `SELECT a.*, u.email AS actor_email, u.display_name AS actor_display_name
  FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id`;

/** Account, session, membership and audit methods over a node-postgres pool. */
export function postgresAccounts(pool: Pool): AccountStorage {
  return {
    async createUser(input) {
      const email = normalizeEmail(input.email);
      try {
        const res = await pool.query<UserRow>(
          `INSERT INTO users (id, email, display_name, password_hash, is_admin, created_at)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
          [randomUUID(), email, input.displayName, input.passwordHash, input.isAdmin ?? false, nowIso()],
        );
        return toUser(res.rows[0]!);
      } catch (err) {
        if (sqlState(err) === UNIQUE_VIOLATION) throw new StorageConflictError(`a user with e-mail ${email} exists`);
        throw err;
      }
    },
    async getUser(id) {
      const res = await pool.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
      return res.rows[0] ? toUserRecord(res.rows[0]) : null;
    },
    async getUserByEmail(email) {
      const res = await pool.query<UserRow>('SELECT * FROM users WHERE email = $1', [normalizeEmail(email)]);
      return res.rows[0] ? toUserRecord(res.rows[0]) : null;
    },
    async listUsers() {
      const res = await pool.query<UserRow>('SELECT * FROM users ORDER BY created_at, ord');
      return res.rows.map(toUser);
    },
    async updateUser(id, patch) {
      const res = await pool.query<UserRow>(
        `UPDATE users SET display_name = COALESCE($2, display_name), is_admin = COALESCE($3, is_admin),
           disabled = COALESCE($4, disabled), password_hash = COALESCE($5, password_hash)
         WHERE id = $1 RETURNING *`,
        [id, patch.displayName ?? null, patch.isAdmin ?? null, patch.disabled ?? null, patch.passwordHash ?? null],
      );
      return res.rows[0] ? toUser(res.rows[0]) : null;
    },
    async countUsers() {
      const res = await pool.query<{ n: number }>('SELECT COUNT(*)::integer AS n FROM users');
      return res.rows[0]!.n;
    },

    async createSession(input) {
      try {
        const res = await pool.query<SessionRow>(
          `INSERT INTO sessions (id, token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $5, $6) RETURNING *`,
          [randomUUID(), input.tokenHash, input.userId, input.csrfToken, input.createdAt, input.expiresAt],
        );
        return toSession(res.rows[0]!);
      } catch (err) {
        if (sqlState(err) === FOREIGN_KEY_VIOLATION) throw new StorageNotFoundError('user', input.userId);
        throw err;
      }
    },
    async getSessionByTokenHash(tokenHash) {
      const res = await pool.query<SessionRow>('SELECT * FROM sessions WHERE token_hash = $1', [tokenHash]);
      return res.rows[0] ? toSession(res.rows[0]) : null;
    },
    async touchSession(id, lastSeenAt) {
      await pool.query('UPDATE sessions SET last_seen_at = $2 WHERE id = $1', [id, lastSeenAt]);
    },
    async deleteSession(id) {
      return ((await pool.query('DELETE FROM sessions WHERE id = $1', [id])).rowCount ?? 0) > 0;
    },
    async deleteSessionsOfUser(userId, opts) {
      const res = await pool.query<{ id: string }>(
        'DELETE FROM sessions WHERE user_id = $1 AND id IS DISTINCT FROM $2 RETURNING id',
        [userId, opts?.except ?? null],
      );
      return res.rows.map((r) => r.id);
    },
    async deleteExpiredSessions({ lastSeenBefore, expiresBefore }) {
      const res = await pool.query<{ id: string }>(
        'DELETE FROM sessions WHERE last_seen_at < $1 OR expires_at < $2 RETURNING id',
        [lastSeenBefore, expiresBefore],
      );
      return res.rows.map((r) => r.id);
    },

    async setMembership(seriesId, userId, role) {
      try {
        await pool.query(
          `INSERT INTO memberships (series_id, user_id, role) VALUES ($1, $2, $3)
           ON CONFLICT (series_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
          [seriesId, userId, role],
        );
      } catch (err) {
        if (sqlState(err) === FOREIGN_KEY_VIOLATION) throw new StorageNotFoundError('series or user', `${seriesId}/${userId}`);
        throw err;
      }
    },
    async getMembership(seriesId, userId) {
      const res = await pool.query<{ role: Role }>('SELECT role FROM memberships WHERE series_id = $1 AND user_id = $2', [
        seriesId,
        userId,
      ]);
      return res.rows[0]?.role ?? null;
    },
    async listMembers(seriesId) {
      const res = await pool.query<{ user_id: string; email: string; display_name: string; role: Role }>(
        `SELECT m.user_id, u.email, u.display_name, m.role FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.series_id = $1 ORDER BY m.ord`,
        [seriesId],
      );
      return res.rows.map((r) => ({ userId: r.user_id, email: r.email, displayName: r.display_name, role: r.role }));
    },
    async removeMembership(seriesId, userId) {
      const res = await pool.query('DELETE FROM memberships WHERE series_id = $1 AND user_id = $2', [seriesId, userId]);
      return (res.rowCount ?? 0) > 0;
    },
    async listSeriesOfUser(userId, opts) {
      const archived = opts?.includeArchived ? '' : 'AND NOT s.archived';
      const res = await pool.query<SeriesRow & { member_role: Role }>(
        `SELECT s.*, m.role AS member_role FROM memberships m JOIN series s ON s.id = m.series_id
         WHERE m.user_id = $1 ${archived} ORDER BY s.created_at, s.ord`,
        [userId],
      );
      return res.rows.map((row) => ({ series: toSeries(row), role: row.member_role }));
    },

    async appendAudit(entry) {
      // One statement: insert, then read the row back with the actor's account.
      const res = await pool.query<AuditRow>(
        `WITH a AS (
           INSERT INTO audit_log (at, actor_user_id, series_id, action, target, details)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING *
         )
         SELECT a.*, u.email AS actor_email, u.display_name AS actor_display_name
         FROM a LEFT JOIN users u ON u.id = a.actor_user_id`,
        [
          entry.at ?? nowIso(),
          entry.actorUserId,
          entry.seriesId ?? null,
          entry.action,
          entry.target ?? '',
          JSON.stringify(entry.details ?? {}),
        ],
      );
      return toAudit(res.rows[0]!);
    },
    async listAudit(query = {}) {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (query.seriesId !== undefined) {
        params.push(query.seriesId);
        where.push(`a.series_id = $${params.length}`);
      }
      if (query.before !== undefined) {
        params.push(query.before);
        where.push(`a.id < $${params.length}`);
      }
      params.push(auditLimit(query.limit));
      const sql = `${AUDIT_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.id DESC LIMIT $${params.length}`;
      return (await pool.query<AuditRow>(sql, params)).rows.map(toAudit);
    },
  };
}
