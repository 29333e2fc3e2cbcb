import type Database from 'better-sqlite3';
import { SQLITE_FEEDBACK_FACTS_INDEX } from './coordination.js';
import { SQLITE_EVIDENCE_SCHEMA, SQLITE_REVISION_LINKS_INDEX } from './evidenceSchema.js';
import { SQLITE_FEEDBACK_SCHEMA, SQLITE_FEEDBACK_SERIES_KEY, SQLITE_FEEDBACK_TIME_KEYS } from './feedbackSchema.js';

/**
 * SQLite schema migrations, applied in order. `PRAGMA user_version` records
 * how many have run; each runs in its own transaction together with the
 * version bump, so a crash mid-migration leaves the previous version intact.
 * Never edit a shipped migration: append a new one.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  /* 1: series, episodes, bible, Yjs document log, quarantine, canonical snapshots */ `
  CREATE TABLE series (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    language TEXT NOT NULL,
    archived INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE episodes (
    id TEXT PRIMARY KEY,
    series_id TEXT NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    language TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'draft',
    assignee TEXT,
    archived INTEGER NOT NULL DEFAULT 0,
    runtime_seconds REAL NOT NULL DEFAULT 0,
    scene_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (series_id, number)
  );
  CREATE TABLE bible_characters (
    id TEXT PRIMARY KEY,
    series_id TEXT NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    description TEXT NOT NULL DEFAULT ''
  );
  CREATE INDEX bible_characters_series ON bible_characters (series_id);
  CREATE TABLE bible_locations (
    id TEXT PRIMARY KEY,
    series_id TEXT NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    description TEXT NOT NULL DEFAULT ''
  );
  CREATE INDEX bible_locations_series ON bible_locations (series_id);
  CREATE TABLE doc_snapshots (
    episode_id TEXT PRIMARY KEY REFERENCES episodes(id) ON DELETE CASCADE,
    data BLOB NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE doc_updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    episode_id TEXT NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
    data BLOB NOT NULL
  );
  CREATE INDEX doc_updates_episode_seq ON doc_updates (episode_id, seq);
  CREATE TABLE doc_quarantine (
    episode_id TEXT NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (episode_id, seq)
  );
  CREATE TABLE canonical_snapshots (
    episode_id TEXT PRIMARY KEY REFERENCES episodes(id) ON DELETE CASCADE,
    json TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  /* 2: accounts, sessions (token hashes only), memberships, audit log (issue 3) */ `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    is_admin INTEGER NOT NULL DEFAULT 0,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
  );
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX sessions_user ON sessions (user_id);
  CREATE TABLE memberships (
    series_id TEXT NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (series_id, user_id)
  );
  CREATE INDEX memberships_user ON memberships (user_id);
  -- No foreign keys: the log outlives what it names.
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor_user_id TEXT,
    series_id TEXT,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    details TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX audit_log_series ON audit_log (series_id, id);
  `,
  /* 3: audience feedback, search index, metrics, retention curves, releases, imports, privacy (issue 4) */ SQLITE_FEEDBACK_SCHEMA,
  /* 4: feedback items keyed by a small series integer (smaller, faster indexes) */ SQLITE_FEEDBACK_SERIES_KEY,
  /* 5: the feedback search index keyed in time order (fts_key) */ SQLITE_FEEDBACK_TIME_KEYS,
  /* 6: evidence sets and links, revisions, audit thresholds, coordinated flags (issue 5) */ SQLITE_EVIDENCE_SCHEMA,
  /* 7: a covering index of links by revision (link ids of a revision read from the index) */ SQLITE_REVISION_LINKS_INDEX,
  /* 8: feedback items of a series in time order (coordination detection streams them oldest first) */ SQLITE_FEEDBACK_FACTS_INDEX,
];

/** Runs the migrations newer than the file's `user_version`; idempotent. */
export function migrateSqlite(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SQLITE_MIGRATIONS.length) {
    throw new Error(`database schema version ${current} is newer than this server (${SQLITE_MIGRATIONS.length})`);
  }
  for (let version = current; version < SQLITE_MIGRATIONS.length; version++) {
    const sql = SQLITE_MIGRATIONS[version]!;
    // IMMEDIATE takes the write lock up front, so two processes starting on
    // the same file cannot both run migration N.
    db.transaction(() => {
      const now = db.pragma('user_version', { simple: true }) as number;
      if (now !== version) return; // another process got here first
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
