import { randomUUID } from 'node:crypto';
import type { RevisionStatus } from '@loopline/shared';
import type Database from 'better-sqlite3';
import { asBuffer, nowIso, ownBytes, StorageConflictError, StorageNotFoundError } from '../common.js';
import { checkTransition, type JoinedRelease, joinedRelease, type RevisionRecord, type RevisionStorage, revisionAuthors, toRevision, toRevisionHead } from '../evidenceCommon.js';
import type { NewRevision, RevisionTransition } from '../types.js';

/** A revision row with its release's columns. */
type RawHead = Omit<RevisionRecord, 'release'> & JoinedRelease;

/** …with its lists as JSON text. */
interface RawRevision extends RawHead {
  authors: string;
  events: string;
  link_ids: string;
}

const HEAD_COLUMNS = `r.id, r.series_id, r.episode_id, r.number, r.colour, r.summary, r.status, r.scene_count,
    r.runtime_seconds, r.created_at, rel.id AS rel_id, rel.platform AS rel_platform, rel.aired_at AS rel_aired_at,
    rel.revision_id AS rel_revision_id, rel.created_at AS rel_created_at`;
const FROM_REVISIONS = 'FROM revisions r LEFT JOIN releases rel ON rel.id = r.release_id';

/**
 * One statement reads revisions with their release, authors, events and link
 * ids: the link ids come off the covering index (migration 7), aggregated in
 * the database, so a revision with many links costs one row, not one per link [TR10].
 */
const REVISION_SELECT = `SELECT ${HEAD_COLUMNS},
    (SELECT json_group_array(json_object('user_id', a.user_id, 'name', u.display_name) ORDER BY a.ord)
       FROM revision_authors a LEFT JOIN users u ON u.id = a.user_id WHERE a.revision_id = r.id) AS authors,
    (SELECT json_group_array(json_object('status', e.status, 'by_id', e.by_id, 'by_name', u.display_name, 'at', e.at,
       'comment', e.comment) ORDER BY e.seq)
       FROM revision_events e LEFT JOIN users u ON u.id = e.by_id WHERE e.revision_id = r.id) AS events,
    (SELECT json_group_array(l.id ORDER BY l.created_at, l.key) FROM evidence_links l WHERE l.revision_id = r.id) AS link_ids
  ${FROM_REVISIONS}`;

function recordOf(r: RawHead): RevisionRecord {
  return { ...r, release: joinedRelease(r) };
}

function toRevisionOf(r: RawRevision) {
  return toRevision({ ...recordOf(r), authors: JSON.parse(r.authors), events: JSON.parse(r.events), link_ids: JSON.parse(r.link_ids) });
}

/** Revisions, their workflow and audit settings over one SQLite connection (issue 5). */
export function sqliteRevisions(db: Database.Database): RevisionStorage {
  const reads = {
    id: db.prepare<[string], RawRevision>(`${REVISION_SELECT} WHERE r.id = ?`),
    episode: db.prepare<[string], RawRevision>(`${REVISION_SELECT} WHERE r.episode_id = ? ORDER BY r.number`),
    series: db.prepare<[string], RawRevision>(`${REVISION_SELECT} WHERE r.series_id = ? ORDER BY r.created_at DESC, r.rowid DESC`),
  };
  const head = db.prepare<[string], RawHead>(`SELECT ${HEAD_COLUMNS} ${FROM_REVISIONS} WHERE r.id = ?`);

  const s = {
    episodeSeries: db.prepare<[string], { series_id: string }>('SELECT series_id FROM episodes WHERE id = ?'),
    nextNumber: db.prepare<[string], { n: number }>('SELECT ifnull(max(number), 0) + 1 AS n FROM revisions WHERE episode_id = ?'),
    insert: db.prepare(
      `INSERT INTO revisions (id, series_id, episode_id, number, colour, summary, status, scene_count, runtime_seconds, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?)`,
    ),
    content: db.prepare('INSERT INTO revision_content (revision_id, state, doc) VALUES (?, ?, ?)'),
    author: db.prepare('INSERT INTO revision_authors (revision_id, ord, user_id) VALUES (?, ?, ?)'),
    event: db.prepare(
      `INSERT INTO revision_events (revision_id, seq, status, by_id, at, comment)
       VALUES (?, (SELECT ifnull(max(seq), 0) + 1 FROM revision_events WHERE revision_id = ?), ?, ?, ?, ?)`,
    ),
    link: db.prepare<[string], { episode_id: string; revision_id: string | null }>('SELECT episode_id, revision_id FROM evidence_links WHERE id = ?'),
    attach: db.prepare('UPDATE evidence_links SET revision_id = ? WHERE id = ?'),
    attached: db.prepare<[string], { id: string }>('SELECT id FROM evidence_links WHERE revision_id = ?'),
    detach: db.prepare('UPDATE evidence_links SET revision_id = NULL WHERE id = ?'),
    status: db.prepare<[string], { status: RevisionStatus; episode_id: string }>('SELECT status, episode_id FROM revisions WHERE id = ?'),
    summary: db.prepare('UPDATE revisions SET summary = ? WHERE id = ?'),
    move: db.prepare('UPDATE revisions SET status = ?, release_id = ifnull(?, release_id) WHERE id = ? AND status = ?'),
    release: db.prepare<[string], { episode_id: string; revision_id: string | null }>('SELECT episode_id, revision_id FROM releases WHERE id = ?'),
    tieRelease: db.prepare('UPDATE releases SET revision_id = ? WHERE id = ?'),
    getContent: db.prepare<[string], { state: Buffer; doc: string }>('SELECT state, doc FROM revision_content WHERE revision_id = ?'),
    thresholds: db.prepare<[string], { min_distinct_viewers: number; max_segment_share: number; max_coordinated_share: number }>(
      'SELECT min_distinct_viewers, max_segment_share, max_coordinated_share FROM audit_thresholds WHERE series_id = ?',
    ),
    setThresholds: db.prepare(
      `INSERT INTO audit_thresholds (series_id, min_distinct_viewers, max_segment_share, max_coordinated_share) VALUES (?, ?, ?, ?)
       ON CONFLICT (series_id) DO UPDATE SET min_distinct_viewers = excluded.min_distinct_viewers,
         max_segment_share = excluded.max_segment_share, max_coordinated_share = excluded.max_coordinated_share`,
    ),
  };

  function read(scope: keyof typeof reads, param: string) {
    return reads[scope].all(param).map(toRevisionOf);
  }

  /** Attaches a link to a revision of `episodeId`: it must be of that episode and in no other revision [RV12]. */
  function attach(revisionId: string, episodeId: string, linkId: string): void {
    const link = s.link.get(linkId);
    if (!link) throw new StorageNotFoundError('link', linkId);
    if (link.episode_id !== episodeId) throw new StorageConflictError(`link ${linkId} is not of this revision's episode`);
    if (link.revision_id !== null && link.revision_id !== revisionId) {
      throw new StorageConflictError(`link ${linkId} already belongs to another revision`);
    }
    s.attach.run(revisionId, linkId);
  }

  const create = db.transaction((input: NewRevision) => {
    if (s.episodeSeries.get(input.episodeId)?.series_id !== input.seriesId) throw new StorageNotFoundError('episode', input.episodeId);
    const id = randomUUID();
    const at = input.createdAt ?? nowIso();
    const number = s.nextNumber.get(input.episodeId)!.n;
    s.insert.run(id, input.seriesId, input.episodeId, number, input.colour, input.summary, input.sceneCount, input.runtimeSeconds, input.createdBy, at);
    s.content.run(id, asBuffer(input.state), JSON.stringify(input.doc ?? null));
    const authors = revisionAuthors(input.authorIds, input.createdBy);
    for (let ord = 0; ord < authors.length; ord++) s.author.run(id, ord, authors[ord]!);
    s.event.run(id, id, 'draft', input.createdBy, at, '');
    for (const linkId of new Set(input.linkIds)) attach(id, input.episodeId, linkId);
    return id;
  });

  const updateDraft = db.transaction((id: string, patch: { summary?: string; linkIds?: string[] }) => {
    const row = s.status.get(id);
    if (!row) return false;
    if (row.status !== 'draft') throw new StorageConflictError(`revision is ${row.status}; only a draft can change`);
    if (patch.summary !== undefined) s.summary.run(patch.summary, id);
    if (patch.linkIds !== undefined) {
      const keep = new Set(patch.linkIds);
      for (const { id: linkId } of s.attached.all(id)) if (!keep.has(linkId)) s.detach.run(linkId);
      for (const linkId of keep) attach(id, row.episode_id, linkId);
    }
    return true;
  });

  const transition = db.transaction((t: RevisionTransition) => {
    const row = s.status.get(t.revisionId);
    if (!row) return false;
    checkTransition(row.status, t.to);
    let releaseId: string | null = null;
    if (t.to === 'aired') {
      if (t.releaseId === undefined) throw new RangeError('an aired revision needs the release it aired with');
      const release = s.release.get(t.releaseId);
      if (!release) throw new StorageNotFoundError('release', t.releaseId);
      if (release.episode_id !== row.episode_id) throw new StorageConflictError(`release ${t.releaseId} is of another episode`);
      if (release.revision_id !== null) throw new StorageConflictError(`release ${t.releaseId} already aired another revision`);
      releaseId = t.releaseId;
    }
    // Conditional on the status read above: a concurrent step in between makes this one fail [RV17].
    if (s.move.run(t.to, releaseId, t.revisionId, row.status).changes !== 1) {
      throw new StorageConflictError(`revision ${t.revisionId} changed status concurrently`);
    }
    if (releaseId !== null) s.tieRelease.run(t.revisionId, releaseId);
    s.event.run(t.revisionId, t.revisionId, t.to, t.event.byId, t.event.at, t.event.comment);
    return true;
  });

  const getRevision = (id: string) => read('id', id)[0] ?? null;

  return {
    async createRevision(input) {
      return getRevision(create.immediate(input))!;
    },
    async getRevision(id) {
      return getRevision(id);
    },
    async getRevisionHead(id) {
      const row = head.get(id);
      return row ? toRevisionHead(recordOf(row)) : null;
    },
    async listRevisions(episodeId) {
      return read('episode', episodeId);
    },
    async listSeriesRevisions(seriesId) {
      return read('series', seriesId);
    },
    async getRevisionContent(id) {
      const row = s.getContent.get(id);
      return row ? { state: ownBytes(row.state), doc: JSON.parse(row.doc) as unknown } : null;
    },
    async updateRevisionDraft(id, patch) {
      return updateDraft.immediate(id, patch) ? getRevision(id) : null;
    },
    async transitionRevision(t) {
      return transition.immediate(t) ? getRevision(t.revisionId) : null;
    },
    async getAuditThresholds(seriesId) {
      const row = s.thresholds.get(seriesId);
      return row
        ? { minDistinctViewers: row.min_distinct_viewers, maxSegmentShare: row.max_segment_share, maxCoordinatedShare: row.max_coordinated_share }
        : null;
    },
    async setAuditThresholds(seriesId, t) {
      try {
        s.setThresholds.run(seriesId, t.minDistinctViewers, t.maxSegmentShare, t.maxCoordinatedShare);
      } catch (err) {
        if ((err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new StorageNotFoundError('series', seriesId);
        throw err;
      }
    },
  };
}
