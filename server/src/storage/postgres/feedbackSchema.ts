/**
 * PostgreSQL migration 3 (issue 4): the same tables as SQLite's migration 3
 * (see sqlite/feedbackSchema.ts for the reasoning behind each index). The
 * search index is a `tsvector` of the 'simple' configuration over the same
 * search tokens, with a GIN index; filters are plain predicates (segments
 * through jsonb containment), which PostgreSQL's planner combines itself.
 */
export const POSTGRES_FEEDBACK_SCHEMA = `
  CREATE TABLE feedback_items (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    series_id text NOT NULL,
    episode_id text,
    kind text NOT NULL,
    platform text NOT NULL,
    external_id text,
    parent_external_id text,
    posted_at timestamptz NOT NULL,
    language text,
    text text NOT NULL,
    quote text,
    author text NOT NULL,
    likes bigint,
    reply_count bigint,
    timecode_ms bigint,
    segments jsonb NOT NULL DEFAULT '{}',
    redactions jsonb NOT NULL DEFAULT '[]',
    import_id text,
    content_hash text,
    search tsvector NOT NULL
  );
  CREATE UNIQUE INDEX feedback_external ON feedback_items (series_id, platform, external_id) WHERE external_id IS NOT NULL;
  CREATE UNIQUE INDEX feedback_hash ON feedback_items (series_id, content_hash) WHERE external_id IS NULL;
  CREATE INDEX feedback_time ON feedback_items (series_id, posted_at, id);
  CREATE INDEX feedback_likes ON feedback_items (series_id, (coalesce(likes, -1)), id);
  CREATE INDEX feedback_author ON feedback_items (series_id, author);
  CREATE INDEX feedback_replies ON feedback_items (series_id, platform, parent_external_id) WHERE parent_external_id IS NOT NULL;
  CREATE INDEX feedback_search ON feedback_items USING gin (search);
  CREATE TABLE feedback_counts (
    series_id text NOT NULL,
    episode_id text NOT NULL,
    kind text NOT NULL,
    platform text NOT NULL,
    n bigint NOT NULL,
    PRIMARY KEY (series_id, episode_id, kind, platform)
  );
  CREATE TABLE danmaku_density (
    series_id text NOT NULL,
    episode_id text NOT NULL,
    platform text NOT NULL,
    second integer NOT NULL,
    n bigint NOT NULL,
    PRIMARY KEY (episode_id, platform, second)
  );
  CREATE TABLE episode_metrics (
    series_id text NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    episode_id text NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
    platform text NOT NULL,
    date text NOT NULL,
    views bigint,
    unique_viewers bigint,
    completion_rate double precision,
    five_second_completion double precision,
    avg_watch_seconds double precision,
    likes bigint,
    shares bigint,
    follows bigint,
    comments bigint,
    paywall_unlocks bigint,
    paywall_conversion double precision,
    PRIMARY KEY (series_id, episode_id, platform, date)
  );
  CREATE INDEX episode_metrics_episode ON episode_metrics (episode_id);
  CREATE TABLE retention_curves (
    series_id text NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    episode_id text NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
    platform text NOT NULL,
    points jsonb NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (episode_id, platform)
  );
  CREATE TABLE releases (
    id text PRIMARY KEY,
    ord bigint GENERATED ALWAYS AS IDENTITY,
    series_id text NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    episode_id text NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
    platform text NOT NULL,
    aired_at timestamptz NOT NULL,
    revision_id text,
    created_at timestamptz NOT NULL
  );
  CREATE INDEX releases_series ON releases (series_id, aired_at);
  CREATE TABLE imports (
    id text PRIMARY KEY,
    ord bigint GENERATED ALWAYS AS IDENTITY,
    series_id text NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    episode_id text,
    target text NOT NULL,
    format text NOT NULL,
    platform text,
    file_name text,
    status text NOT NULL,
    rows_read bigint NOT NULL DEFAULT 0,
    accepted bigint NOT NULL DEFAULT 0,
    rejected bigint NOT NULL DEFAULT 0,
    duplicates bigint NOT NULL DEFAULT 0,
    bytes_read bigint NOT NULL DEFAULT 0,
    total_bytes bigint,
    rows_per_second double precision NOT NULL DEFAULT 0,
    seconds_left double precision,
    error text,
    started_at timestamptz NOT NULL,
    finished_at timestamptz,
    mapping jsonb,
    preset_id text,
    created_by text
  );
  CREATE INDEX imports_series ON imports (series_id, started_at);
  CREATE TABLE import_errors (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    import_id text NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    line bigint NOT NULL,
    "column" text,
    reason text NOT NULL
  );
  CREATE INDEX import_errors_import ON import_errors (import_id, seq);
  CREATE TABLE import_mappings (
    series_id text NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    name text NOT NULL,
    target text NOT NULL,
    mapping jsonb NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (series_id, name)
  );
  CREATE TABLE series_privacy (
    series_id text PRIMARY KEY REFERENCES series(id) ON DELETE CASCADE,
    secret bytea,
    retention_days integer
  );
`;
