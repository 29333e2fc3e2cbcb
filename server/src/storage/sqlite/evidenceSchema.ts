/**
 * SQLite migration 6 (issue 5): evidence sets, evidence links, revisions,
 * audit thresholds, and the coordinated flag of feedback items.
 *
 * Trace reads must stay well under a millisecond over a million items and
 * 100,000 links [TR10], so:
 * - links and sets have a small integer `key` (the rowid) besides their
 *   UUID; the big join tables speak in keys;
 * - link_items is MATERIALIZED: a link's explicit items ∪ its set's items,
 *   kept in posting order by its primary key (link, posted_at, item), with
 *   an (item, link) index for "which links hold this item";
 * - link_explicit_items keeps the explicit selection of links made from a
 *   set, so re-evaluating the set can rebuild their link_items (a link
 *   without a set needs no copy: its link_items are its selection);
 * - the sample of each link (mentions, distinct viewers, coordinated items,
 *   top segment) is cached on the link and refreshed whenever its items or
 *   their flags change; `sample_stale` marks links an erasure or a flag
 *   change touched until their sample is recomputed (also at open, should a
 *   crash fall between the two);
 * - a revision's Yjs state and document live in revision_content, which a
 *   trigger keeps immutable [RV14]; reading a revision never touches them.
 * No foreign keys from the join tables to feedback_items (as for the items
 * themselves): erasure deletes their rows explicitly, in the same transaction.
 */
export const SQLITE_EVIDENCE_SCHEMA = `
  ALTER TABLE feedback_items ADD COLUMN coordinated INTEGER NOT NULL DEFAULT 0;

  CREATE TABLE evidence_sets (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    series_id TEXT NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    filter TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    evaluated_at TEXT NOT NULL,
    matched INTEGER NOT NULL
  );
  CREATE INDEX evidence_sets_series ON evidence_sets (series_id, created_at);
  CREATE TABLE evidence_set_items (
    set_key INTEGER NOT NULL REFERENCES evidence_sets(key) ON DELETE CASCADE,
    item_id INTEGER NOT NULL,
    PRIMARY KEY (set_key, item_id)
  ) WITHOUT ROWID;
  CREATE INDEX evidence_set_items_item ON evidence_set_items (item_id);

  CREATE TABLE revisions (
    id TEXT PRIMARY KEY,
    series_id TEXT NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    episode_id TEXT NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    colour TEXT NOT NULL,
    summary TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'proposed', 'approved', 'rejected', 'aired')),
    release_id TEXT REFERENCES releases(id),
    scene_count INTEGER NOT NULL,
    runtime_seconds REAL NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (episode_id, number)
  );
  CREATE INDEX revisions_series ON revisions (series_id, created_at);
  CREATE TABLE revision_content (
    revision_id TEXT PRIMARY KEY REFERENCES revisions(id) ON DELETE CASCADE,
    state BLOB NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE TRIGGER revision_content_immutable BEFORE UPDATE ON revision_content
  BEGIN SELECT RAISE(ABORT, 'revision content is immutable'); END;
  CREATE TABLE revision_authors (
    revision_id TEXT NOT NULL REFERENCES revisions(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    user_id TEXT NOT NULL,
    PRIMARY KEY (revision_id, ord)
  ) WITHOUT ROWID;
  CREATE TABLE revision_events (
    revision_id TEXT NOT NULL REFERENCES revisions(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    status TEXT NOT NULL,
    by_id TEXT NOT NULL,
    at TEXT NOT NULL,
    comment TEXT NOT NULL,
    PRIMARY KEY (revision_id, seq)
  ) WITHOUT ROWID;

  CREATE TABLE evidence_links (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    series_id TEXT NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    episode_id TEXT NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
    scene_id TEXT NOT NULL,
    anchor TEXT NOT NULL,
    set_key INTEGER REFERENCES evidence_sets(key),
    item_count INTEGER NOT NULL DEFAULT 0,
    author_id TEXT NOT NULL,
    rationale TEXT NOT NULL,
    stance TEXT NOT NULL CHECK (stance IN ('motivates', 'supports', 'contradicts')),
    weight INTEGER NOT NULL CHECK (weight BETWEEN 0 AND 3),
    created_at TEXT NOT NULL,
    revision_id TEXT REFERENCES revisions(id) ON DELETE SET NULL,
    state TEXT NOT NULL CHECK (state IN ('anchored', 'drifted', 'scene-only', 'orphaned')),
    state_checked_at TEXT NOT NULL,
    s_mentions INTEGER NOT NULL DEFAULT 0,
    s_viewers INTEGER NOT NULL DEFAULT 0,
    s_coordinated INTEGER NOT NULL DEFAULT 0,
    s_top_name TEXT,
    s_top_value TEXT,
    s_top_viewers INTEGER,
    sample_stale INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX evidence_links_scene ON evidence_links (episode_id, scene_id);
  CREATE INDEX evidence_links_revision ON evidence_links (revision_id);
  CREATE INDEX evidence_links_series ON evidence_links (series_id);
  CREATE INDEX evidence_links_set ON evidence_links (set_key) WHERE set_key IS NOT NULL;
  CREATE INDEX evidence_links_stale ON evidence_links (key) WHERE sample_stale = 1;
  CREATE TABLE link_items (
    link_key INTEGER NOT NULL REFERENCES evidence_links(key) ON DELETE CASCADE,
    posted_at INTEGER NOT NULL,
    item_id INTEGER NOT NULL,
    PRIMARY KEY (link_key, posted_at, item_id)
  ) WITHOUT ROWID;
  CREATE INDEX link_items_item ON link_items (item_id, link_key);
  CREATE TABLE link_explicit_items (
    link_key INTEGER NOT NULL REFERENCES evidence_links(key) ON DELETE CASCADE,
    item_id INTEGER NOT NULL,
    PRIMARY KEY (link_key, item_id)
  ) WITHOUT ROWID;
  CREATE INDEX link_explicit_items_item ON link_explicit_items (item_id);

  CREATE TABLE audit_thresholds (
    series_id TEXT PRIMARY KEY REFERENCES series(id) ON DELETE CASCADE,
    min_distinct_viewers INTEGER NOT NULL,
    max_segment_share REAL NOT NULL,
    max_coordinated_share REAL NOT NULL
  );
`;

/**
 * SQLite migration 7 (issue 5): a revision's link ids are read from the index
 * alone, in order (revision, created_at, key, id), instead of one table row
 * per link: getRevision of a revision with 50 links drops from ~0.4 ms to
 * ~0.04 ms over 100,000 links [TR10].
 */
export const SQLITE_REVISION_LINKS_INDEX = `
  DROP INDEX evidence_links_revision;
  CREATE INDEX evidence_links_revision ON evidence_links (revision_id, created_at, key, id);
`;
