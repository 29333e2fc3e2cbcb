/**
 * PostgreSQL migration 4 (issue 5): the same tables as SQLite's migration 6
 * (see sqlite/evidenceSchema.ts for the reasoning: integer keys for the big
 * join tables, materialized link items in posting order with an index by
 * item, samples cached on the link, immutable revision content). Documents
 * are `json`, not `jsonb`, so they come back exactly as written.
 */
export const POSTGRES_EVIDENCE_SCHEMA = `
  ALTER TABLE feedback_items ADD COLUMN coordinated boolean NOT NULL DEFAULT false;

  CREATE TABLE evidence_sets (
    key bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id text NOT NULL UNIQUE,
    series_id text NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    name text NOT NULL,
    filter json NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    evaluated_at timestamptz NOT NULL,
    matched integer NOT NULL
  );
  CREATE INDEX evidence_sets_series ON evidence_sets (series_id, created_at);
  CREATE TABLE evidence_set_items (
    set_key bigint NOT NULL REFERENCES evidence_sets(key) ON DELETE CASCADE,
    item_id bigint NOT NULL,
    PRIMARY KEY (set_key, item_id)
  );
  CREATE INDEX evidence_set_items_item ON evidence_set_items (item_id);

  CREATE TABLE revisions (
    id text PRIMARY KEY,
    ord bigint GENERATED ALWAYS AS IDENTITY,
    series_id text NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    episode_id text NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
    number integer NOT NULL,
    colour text NOT NULL,
    summary text NOT NULL,
    status text NOT NULL CHECK (status IN ('draft', 'proposed', 'approved', 'rejected', 'aired')),
    release_id text REFERENCES releases(id),
    scene_count integer NOT NULL,
    runtime_seconds double precision NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    UNIQUE (episode_id, number)
  );
  CREATE INDEX revisions_series ON revisions (series_id, created_at);
  CREATE TABLE revision_content (
    revision_id text PRIMARY KEY REFERENCES revisions(id) ON DELETE CASCADE,
    state bytea NOT NULL,
    doc json NOT NULL
  );
  CREATE FUNCTION revision_content_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN RAISE EXCEPTION 'revision content is immutable'; END $$;
  CREATE TRIGGER revision_content_immutable BEFORE UPDATE ON revision_content
    FOR EACH ROW EXECUTE FUNCTION revision_content_immutable();
  CREATE TABLE revision_authors (
    revision_id text NOT NULL REFERENCES revisions(id) ON DELETE CASCADE,
    ord integer NOT NULL,
    user_id text NOT NULL,
    PRIMARY KEY (revision_id, ord)
  );
  CREATE TABLE revision_events (
    revision_id text NOT NULL REFERENCES revisions(id) ON DELETE CASCADE,
    seq integer NOT NULL,
    status text NOT NULL,
    by_id text NOT NULL,
    at timestamptz NOT NULL,
    comment text NOT NULL,
    PRIMARY KEY (revision_id, seq)
  );

  CREATE TABLE evidence_links (
    key bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id text NOT NULL UNIQUE,
    series_id text NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    episode_id text NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
    scene_id text NOT NULL,
    anchor json NOT NULL,
    set_key bigint REFERENCES evidence_sets(key),
    item_count integer NOT NULL DEFAULT 0,
    author_id text NOT NULL,
    rationale text NOT NULL,
    stance text NOT NULL CHECK (stance IN ('motivates', 'supports', 'contradicts')),
    weight smallint NOT NULL CHECK (weight BETWEEN 0 AND 3),
    created_at timestamptz NOT NULL,
    revision_id text REFERENCES revisions(id) ON DELETE SET NULL,
    state text NOT NULL CHECK (state IN ('anchored', 'drifted', 'scene-only', 'orphaned')),
    state_checked_at timestamptz NOT NULL,
    s_mentions integer NOT NULL DEFAULT 0,
    s_viewers integer NOT NULL DEFAULT 0,
    s_coordinated integer NOT NULL DEFAULT 0,
    s_top_name text,
    s_top_value text,
    s_top_viewers integer,
    sample_stale boolean NOT NULL DEFAULT false
  );
  CREATE INDEX evidence_links_scene ON evidence_links (episode_id, scene_id);
  CREATE INDEX evidence_links_revision ON evidence_links (revision_id);
  CREATE INDEX evidence_links_series ON evidence_links (series_id, created_at);
  CREATE INDEX evidence_links_set ON evidence_links (set_key) WHERE set_key IS NOT NULL;
  CREATE INDEX evidence_links_stale ON evidence_links (key) WHERE sample_stale;
  CREATE TABLE link_items (
    link_key bigint NOT NULL REFERENCES evidence_links(key) ON DELETE CASCADE,
    posted_at timestamptz NOT NULL,
    item_id bigint NOT NULL,
    PRIMARY KEY (link_key, posted_at, item_id)
  );
  CREATE INDEX link_items_item ON link_items (item_id, link_key);
  CREATE TABLE link_explicit_items (
    link_key bigint NOT NULL REFERENCES evidence_links(key) ON DELETE CASCADE,
    item_id bigint NOT NULL,
    PRIMARY KEY (link_key, item_id)
  );
  CREATE INDEX link_explicit_items_item ON link_explicit_items (item_id);

  CREATE TABLE audit_thresholds (
    series_id text PRIMARY KEY REFERENCES series(id) ON DELETE CASCADE,
    min_distinct_viewers integer NOT NULL,
    max_segment_share double precision NOT NULL,
    max_coordinated_share double precision NOT NULL
  );
`;

/** PostgreSQL migration 5 (issue 5): link ids of a revision read from the index alone (see SQLite migration 7). */
export const POSTGRES_REVISION_LINKS_INDEX = `
  DROP INDEX evidence_links_revision;
  CREATE INDEX evidence_links_revision ON evidence_links (revision_id, created_at, key) INCLUDE (id);
`;
