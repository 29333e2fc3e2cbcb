import { randomUUID } from 'node:crypto';
import type { RevisionStatus } from '@loopline/shared';
import type { Pool, PoolClient } from 'pg';
import { asBuffer, nowIso, ownBytes, StorageConflictError, StorageNotFoundError } from '../common.js';
import { checkTransition, joinedRelease, type RevisionRecord, type RevisionStorage, revisionAuthors, toRevision, toRevisionHead } from '../evidenceCommon.js';
import type { NewRevision, RevisionTransition } from '../types.js';
import { inTransaction, parentMustExist } from './tx.js';

/** A revision row with its release's columns (prefixed `rel_`, null when it has none). */
interface RawHead extends Omit<RevisionRecord, 'created_at' | 'release'> {
  created_at: Date;
  rel_id: string | null;
  rel_platform: string | null;
  rel_aired_at: Date | null;
  rel_revision_id: string | null;
  rel_created_at: Date | null;
}

/** …with its authors, events and links aggregated as JSON (one round trip per read). */
interface RawRevision extends RawHead {
  authors: { user_id: string; name: string | null }[];
  events: { status: string; by_id: string; by_name: string | null; at: string; comment: string }[];
  link_ids: string[];
}

const HEAD_COLUMNS = `r.id, r.series_id, r.episode_id, r.number, r.colour, r.summary, r.status, r.scene_count,
    r.runtime_seconds, r.created_at, rel.id AS rel_id, rel.platform AS rel_platform, rel.aired_at AS rel_aired_at,
    rel.revision_id AS rel_revision_id, rel.created_at AS rel_created_at`;
const FROM_REVISIONS = 'FROM revisions r LEFT JOIN releases rel ON rel.id = r.release_id';

const REVISION_SELECT = `SELECT ${HEAD_COLUMNS},
    (SELECT coalesce(json_agg(json_build_object('user_id', a.user_id, 'name', u.display_name) ORDER BY a.ord), '[]')
       FROM revision_authors a LEFT JOIN users u ON u.id = a.user_id WHERE a.revision_id = r.id) AS authors,
    (SELECT coalesce(json_agg(json_build_object('status', e.status, 'by_id', e.by_id, 'by_name', u.display_name, 'at', e.at,
       'comment', e.comment) ORDER BY e.seq), '[]')
       FROM revision_events e LEFT JOIN users u ON u.id = e.by_id WHERE e.revision_id = r.id) AS events,
    (SELECT coalesce(json_agg(l.id ORDER BY l.created_at, l.key), '[]') FROM evidence_links l WHERE l.revision_id = r.id) AS link_ids
  ${FROM_REVISIONS}`;

function recordOf(r: RawHead): RevisionRecord {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const release = joinedRelease({ ...r, rel_aired_at: iso(r.rel_aired_at), rel_created_at: iso(r.rel_created_at) });
  return { ...r, created_at: r.created_at.toISOString(), release };
}

function toRevisions(rows: RawRevision[]) {
  return rows.map((r) => {
    // json_build_object writes timestamptz as ISO with an offset: normalize to the API's form.
    const events = r.events.map((e) => ({ ...e, at: new Date(e.at).toISOString() }));
    return toRevision({ ...recordOf(r), authors: r.authors, events, link_ids: r.link_ids });
  });
}

/** Attaches links to a revision of `episodeId`: each must exist, be of that episode and in no other revision [RV12]. */
async function attach(client: PoolClient, revisionId: string, episodeId: string, linkIds: readonly string[]): Promise<void> {
  const unique = [...new Set(linkIds)];
  if (unique.length === 0) return;
  const res = await client.query<{ id: string; episode_id: string; revision_id: string | null }>(
    'SELECT id, episode_id, revision_id FROM evidence_links WHERE id = ANY($1::text[]) ORDER BY key FOR UPDATE',
    [unique],
  );
  const byId = new Map(res.rows.map((r) => [r.id, r]));
  for (const linkId of unique) {
    const link = byId.get(linkId);
    if (!link) throw new StorageNotFoundError('link', linkId);
    if (link.episode_id !== episodeId) throw new StorageConflictError(`link ${linkId} is not of this revision's episode`);
    if (link.revision_id !== null && link.revision_id !== revisionId) {
      throw new StorageConflictError(`link ${linkId} already belongs to another revision`);
    }
  }
  await client.query('UPDATE evidence_links SET revision_id = $1 WHERE id = ANY($2::text[])', [revisionId, unique]);
}

async function appendEvent(client: PoolClient, revisionId: string, status: RevisionStatus, byId: string, at: string, comment: string) {
  await client.query(
    `INSERT INTO revision_events (revision_id, seq, status, by_id, at, comment)
     VALUES ($1, (SELECT coalesce(max(seq), 0) + 1 FROM revision_events WHERE revision_id = $1), $2, $3, $4, $5)`,
    [revisionId, status, byId, at, comment],
  );
}

/** Revisions, their workflow and audit settings over a node-postgres pool (issue 5). */
export function postgresRevisions(pool: Pool): RevisionStorage {
  async function getRevision(id: string) {
    const res = await pool.query<RawRevision>(`${REVISION_SELECT} WHERE r.id = $1`, [id]);
    return toRevisions(res.rows)[0] ?? null;
  }

  return {
    async createRevision(input: NewRevision) {
      const id = await inTransaction(pool, async (client) => {
        // The episode row lock serializes numbering: concurrent revisions of one episode get 1, 2, … [RV12].
        const episode = await client.query<{ series_id: string }>('SELECT series_id FROM episodes WHERE id = $1 FOR UPDATE', [input.episodeId]);
        if (episode.rows[0]?.series_id !== input.seriesId) throw new StorageNotFoundError('episode', input.episodeId);
        const id = randomUUID();
        const at = input.createdAt ?? nowIso();
        await client.query(
          `INSERT INTO revisions (id, series_id, episode_id, number, colour, summary, status, scene_count, runtime_seconds, created_by, created_at)
           VALUES ($1, $2, $3, (SELECT coalesce(max(number), 0) + 1 FROM revisions WHERE episode_id = $3), $4, $5, 'draft', $6, $7, $8, $9)`,
          [id, input.seriesId, input.episodeId, input.colour, input.summary, input.sceneCount, input.runtimeSeconds, input.createdBy, at],
        );
        await client.query('INSERT INTO revision_content (revision_id, state, doc) VALUES ($1, $2, $3)', [
          id,
          asBuffer(input.state),
          JSON.stringify(input.doc ?? null),
        ]);
        const authors = revisionAuthors(input.authorIds, input.createdBy);
        await client.query(
          'INSERT INTO revision_authors (revision_id, ord, user_id) SELECT $1, a.ord - 1, a.user_id FROM unnest($2::text[]) WITH ORDINALITY AS a(user_id, ord)',
          [id, authors],
        );
        await appendEvent(client, id, 'draft', input.createdBy, at, '');
        await attach(client, id, input.episodeId, input.linkIds);
        return id;
      });
      return (await getRevision(id))!;
    },
    getRevision,
    async getRevisionHead(id) {
      const [row] = (await pool.query<RawHead>(`SELECT ${HEAD_COLUMNS} ${FROM_REVISIONS} WHERE r.id = $1`, [id])).rows;
      return row ? toRevisionHead(recordOf(row)) : null;
    },
    async listRevisions(episodeId) {
      return toRevisions((await pool.query<RawRevision>(`${REVISION_SELECT} WHERE r.episode_id = $1 ORDER BY r.number`, [episodeId])).rows);
    },
    async listSeriesRevisions(seriesId) {
      const res = await pool.query<RawRevision>(`${REVISION_SELECT} WHERE r.series_id = $1 ORDER BY r.created_at DESC, r.ord DESC`, [seriesId]);
      return toRevisions(res.rows);
    },
    async getRevisionContent(id) {
      const res = await pool.query<{ state: Buffer; doc: unknown }>('SELECT state, doc FROM revision_content WHERE revision_id = $1', [id]);
      const row = res.rows[0];
      return row ? { state: ownBytes(row.state), doc: row.doc } : null;
    },
    async updateRevisionDraft(id, patch) {
      const found = await inTransaction(pool, async (client) => {
        const res = await client.query<{ status: RevisionStatus; episode_id: string }>(
          'SELECT status, episode_id FROM revisions WHERE id = $1 FOR UPDATE',
          [id],
        );
        const row = res.rows[0];
        if (!row) return false;
        if (row.status !== 'draft') throw new StorageConflictError(`revision is ${row.status}; only a draft can change`);
        if (patch.summary !== undefined) await client.query('UPDATE revisions SET summary = $1 WHERE id = $2', [patch.summary, id]);
        if (patch.linkIds !== undefined) {
          await client.query('UPDATE evidence_links SET revision_id = NULL WHERE revision_id = $1 AND NOT (id = ANY($2::text[]))', [id, patch.linkIds]);
          await attach(client, id, row.episode_id, patch.linkIds);
        }
        return true;
      });
      return found ? getRevision(id) : null;
    },
    async transitionRevision(t: RevisionTransition) {
      const found = await inTransaction(pool, async (client) => {
        // The row lock makes the check and the step one: a concurrent step waits, then sees the new status [RV17].
        const res = await client.query<{ status: RevisionStatus; episode_id: string }>(
          'SELECT status, episode_id FROM revisions WHERE id = $1 FOR UPDATE',
          [t.revisionId],
        );
        const row = res.rows[0];
        if (!row) return false;
        checkTransition(row.status, t.to);
        let releaseId: string | null = null;
        if (t.to === 'aired') {
          if (t.releaseId === undefined) throw new RangeError('an aired revision needs the release it aired with');
          const rel = await client.query<{ episode_id: string; revision_id: string | null }>(
            'SELECT episode_id, revision_id FROM releases WHERE id = $1 FOR UPDATE',
            [t.releaseId],
          );
          const release = rel.rows[0];
          if (!release) throw new StorageNotFoundError('release', t.releaseId);
          if (release.episode_id !== row.episode_id) throw new StorageConflictError(`release ${t.releaseId} is of another episode`);
          if (release.revision_id !== null) throw new StorageConflictError(`release ${t.releaseId} already aired another revision`);
          releaseId = t.releaseId;
          await client.query('UPDATE releases SET revision_id = $1 WHERE id = $2', [t.revisionId, releaseId]);
        }
        await client.query('UPDATE revisions SET status = $1, release_id = coalesce($2, release_id) WHERE id = $3', [t.to, releaseId, t.revisionId]);
        await appendEvent(client, t.revisionId, t.to, t.event.byId, t.event.at, t.event.comment);
        return true;
      });
      return found ? getRevision(t.revisionId) : null;
    },
    async getAuditThresholds(seriesId) {
      const res = await pool.query<{ min_distinct_viewers: number; max_segment_share: number; max_coordinated_share: number }>(
        'SELECT min_distinct_viewers, max_segment_share, max_coordinated_share FROM audit_thresholds WHERE series_id = $1',
        [seriesId],
      );
      const row = res.rows[0];
      return row
        ? { minDistinctViewers: row.min_distinct_viewers, maxSegmentShare: row.max_segment_share, maxCoordinatedShare: row.max_coordinated_share }
        : null;
    },
    async setAuditThresholds(seriesId, t) {
      await parentMustExist('series', seriesId, () =>
        pool.query(
          `INSERT INTO audit_thresholds (series_id, min_distinct_viewers, max_segment_share, max_coordinated_share) VALUES ($1, $2, $3, $4)
           ON CONFLICT (series_id) DO UPDATE SET min_distinct_viewers = excluded.min_distinct_viewers,
             max_segment_share = excluded.max_segment_share, max_coordinated_share = excluded.max_coordinated_share`,
          [seriesId, t.minDistinctViewers, t.maxSegmentShare, t.maxCoordinatedShare],
        ),
      );
    },
  };
}
