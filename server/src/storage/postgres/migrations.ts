import type { Pool } from 'pg';
import { POSTGRES_EVIDENCE_SCHEMA, POSTGRES_REVISION_LINKS_INDEX } from './evidenceSchema.js';
import { POSTGRES_FEEDBACK_SCHEMA } from './feedbackSchema.js';

/**
 * PostgreSQL schema migrations, applied in order and recorded in
 * `loopline_migrations`. Ids are text (not uuid) so that looking up a
 * malformed id behaves as in SQLite: no row, not a type error. Never edit a
 * shipped migration: append a new one.
 */
export const POSTGRES_MIGRATIONS: readonly { name: string; sql: string }[] = [
  {
    name: 'series, episodes, bible, Yjs document log, quarantine, canonical snapshots',
    sql: `
    CREATE TABLE series (
      id text PRIMARY KEY,
      ord bigint GENERATED ALWAYS AS IDENTITY,
      title text NOT NULL,
      language text NOT NULL,
      archived boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE TABLE episodes (
      id text PRIMARY KEY,
      series_id text NOT NULL REFERENCES series(id) ON DELETE CASCADE,
      number integer NOT NULL,
      title text NOT NULL,
      language text NOT NULL,
      status text NOT NULL DEFAULT 'draft',
      assignee text,
      archived boolean NOT NULL DEFAULT false,
      runtime_seconds double precision NOT NULL DEFAULT 0,
      scene_count integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (series_id, number)
    );
    CREATE TABLE bible_characters (
      id text PRIMARY KEY,
      ord bigint GENERATED ALWAYS AS IDENTITY,
      series_id text NOT NULL REFERENCES series(id) ON DELETE CASCADE,
      name text NOT NULL,
      aliases jsonb NOT NULL DEFAULT '[]',
      description text NOT NULL DEFAULT ''
    );
    CREATE INDEX bible_characters_series ON bible_characters (series_id, ord);
    CREATE TABLE bible_locations (
      id text PRIMARY KEY,
      ord bigint GENERATED ALWAYS AS IDENTITY,
      series_id text NOT NULL REFERENCES series(id) ON DELETE CASCADE,
      name text NOT NULL,
      aliases jsonb NOT NULL DEFAULT '[]',
      description text NOT NULL DEFAULT ''
    );
    CREATE INDEX bible_locations_series ON bible_locations (series_id, ord);
    CREATE TABLE doc_snapshots (
      episode_id text PRIMARY KEY REFERENCES episodes(id) ON DELETE CASCADE,
      data bytea NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE TABLE doc_updates (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      episode_id text NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
      data bytea NOT NULL
    );
    CREATE INDEX doc_updates_episode_seq ON doc_updates (episode_id, seq);
    CREATE TABLE doc_quarantine (
      episode_id text NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
      seq bigint NOT NULL,
      data bytea NOT NULL,
      reason text NOT NULL,
      at timestamptz NOT NULL,
      PRIMARY KEY (episode_id, seq)
    );
    -- json, not jsonb: the ProseMirror JSON comes back exactly as written.
    CREATE TABLE canonical_snapshots (
      episode_id text PRIMARY KEY REFERENCES episodes(id) ON DELETE CASCADE,
      json json NOT NULL,
      updated_at timestamptz NOT NULL
    );
    `,
  },
  {
    name: 'accounts, sessions (token hashes only), memberships, audit log',
    sql: `
    CREATE TABLE users (
      id text PRIMARY KEY,
      ord bigint GENERATED ALWAYS AS IDENTITY,
      email text NOT NULL UNIQUE,
      display_name text NOT NULL,
      password_hash text NOT NULL,
      is_admin boolean NOT NULL DEFAULT false,
      disabled boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL
    );
    CREATE TABLE sessions (
      id text PRIMARY KEY,
      token_hash text NOT NULL UNIQUE,
      user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_user ON sessions (user_id);
    CREATE TABLE memberships (
      series_id text NOT NULL REFERENCES series(id) ON DELETE CASCADE,
      user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      ord bigint GENERATED ALWAYS AS IDENTITY,
      role text NOT NULL,
      PRIMARY KEY (series_id, user_id)
    );
    CREATE INDEX memberships_user ON memberships (user_id);
    -- No foreign keys: the log outlives what it names.
    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_user_id text,
      series_id text,
      action text NOT NULL,
      target text NOT NULL DEFAULT '',
      details jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_log_series ON audit_log (series_id, id);
    `,
  },
  { name: 'audience feedback, search index, metrics, retention curves, releases, imports, privacy', sql: POSTGRES_FEEDBACK_SCHEMA },
  { name: 'evidence sets and links, revisions, audit thresholds, coordinated flags', sql: POSTGRES_EVIDENCE_SCHEMA },
  { name: 'covering index of links by revision', sql: POSTGRES_REVISION_LINKS_INDEX },
];

/**
 * Applies the pending migrations, each in its own transaction under an
 * advisory lock keyed by the schema, so two servers starting at once on the
 * same database apply each migration exactly once.
 */
export async function migratePostgres(pool: Pool, schema: string): Promise<void> {
  await pool.query(`CREATE TABLE IF NOT EXISTS loopline_migrations (
    id integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  for (let id = 1; id <= POSTGRES_MIGRATIONS.length; id++) {
    const migration = POSTGRES_MIGRATIONS[id - 1]!;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`loopline_migrations:${schema}`]);
      const done = await client.query('SELECT 1 FROM loopline_migrations WHERE id = $1', [id]);
      if (done.rowCount === 0) {
        await client.query(migration.sql);
        await client.query('INSERT INTO loopline_migrations (id, name) VALUES ($1, $2)', [id, migration.name]);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
  const newest = await pool.query<{ id: number }>('SELECT max(id) AS id FROM loopline_migrations');
  const applied = newest.rows[0]?.id ?? 0;
  if (applied > POSTGRES_MIGRATIONS.length) {
    throw new Error(`database schema version ${applied} is newer than this server (${POSTGRES_MIGRATIONS.length})`);
  }
}
