import type Database from 'better-sqlite3';

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
