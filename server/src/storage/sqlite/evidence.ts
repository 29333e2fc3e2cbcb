import { randomUUID } from 'node:crypto';
import type { RevisionStatus } from '@loopline/shared';
import type Database from 'better-sqlite3';
import { nowIso, StorageNotFoundError } from '../common.js';
import {
  checkLinkEditable,
  checkLinkSize,
  checkSetSize,
  type EvidenceStorage,
  LINK_ITEM_PAGE,
  type LinkRecord,
  type SetRecord,
  toEvidenceLink,
  toEvidenceSet,
  toSample,
} from '../evidenceCommon.js';
import { clampLimit, feedbackRowId } from '../feedbackCommon.js';
import type { LinkQuery, NewEvidenceLink, NewEvidenceSet } from '../types.js';
import { SqliteEvidenceItems } from './evidenceItems.js';
import type { SqliteSamples } from './evidenceSample.js';
import type { SeriesKeys } from './feedbackRows.js';

type RawSet = Omit<SetRecord, 'filter'> & { key: number; filter: string };
type RawLink = Omit<LinkRecord, 'anchor'> & { key: number; anchor: string };

/** Everything a link read returns: the link, its set's id, its author's name and its cached sample. */
const LINK_SELECT = `SELECT l.key, l.id, l.series_id, l.episode_id, l.scene_id, l.anchor, s.id AS set_id, l.item_count, l.author_id,
    u.display_name AS author_name, l.rationale, l.stance, l.weight, l.created_at, l.revision_id, l.state, l.state_checked_at,
    l.s_mentions AS mentions, l.s_viewers AS viewers, l.s_coordinated AS coordinated, l.s_top_name AS top_name,
    l.s_top_value AS top_value, l.s_top_viewers AS top_viewers
  FROM evidence_links l LEFT JOIN evidence_sets s ON s.key = l.set_key LEFT JOIN users u ON u.id = l.author_id`;

const toSet = (r: RawSet) => toEvidenceSet({ ...r, filter: JSON.parse(r.filter) });
const toLink = (r: RawLink) => toEvidenceLink({ ...r, anchor: JSON.parse(r.anchor) });

/** Evidence sets and links over one SQLite connection (issue 5). */
export function sqliteEvidence(
  db: Database.Database,
  keys: SeriesKeys,
  samples: SqliteSamples,
): Omit<EvidenceStorage, 'setCoordinated' | 'listItemFacts' | 'itemFactsOfLinks'> {
  const items = new SqliteEvidenceItems(db, keys);
  const s = {
    seriesExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM series WHERE id = ?'),
    episodeSeries: db.prepare<[string], { series_id: string }>('SELECT series_id FROM episodes WHERE id = ?'),
    insertSet: db.prepare(
      `INSERT INTO evidence_sets (id, series_id, name, filter, created_by, created_at, evaluated_at, matched)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    set: db.prepare<[string], RawSet>('SELECT * FROM evidence_sets WHERE id = ?'),
    sets: db.prepare<[string], RawSet>('SELECT * FROM evidence_sets WHERE series_id = ? ORDER BY created_at DESC, key DESC'),
    evaluated: db.prepare('UPDATE evidence_sets SET evaluated_at = ?, matched = ? WHERE key = ?'),
    // Links proposed with a revision past draft keep the items they were proposed with [EV11].
    followers: db.prepare<[number], { key: number }>(
      `SELECT l.key FROM evidence_links l LEFT JOIN revisions r ON r.id = l.revision_id
       WHERE l.set_key = ? AND (l.revision_id IS NULL OR r.status = 'draft')`,
    ),
    insertLink: db.prepare(
      `INSERT INTO evidence_links (id, series_id, episode_id, scene_id, anchor, set_key, author_id, rationale, stance, weight,
         created_at, state, state_checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    link: db.prepare<[string], RawLink>(`${LINK_SELECT} WHERE l.id = ?`),
    linksOfItem: db.prepare<[number], RawLink>(
      `${LINK_SELECT} WHERE l.key IN (SELECT link_key FROM link_items WHERE item_id = ?) ORDER BY l.created_at, l.key`,
    ),
    linkStatus: db.prepare<[string], { key: number; status: RevisionStatus | null }>(
      'SELECT l.key, r.status FROM evidence_links l LEFT JOIN revisions r ON r.id = l.revision_id WHERE l.id = ?',
    ),
    patchLink: db.prepare(
      'UPDATE evidence_links SET rationale = ifnull(?, rationale), stance = ifnull(?, stance), weight = ifnull(?, weight) WHERE key = ?',
    ),
    deleteLink: db.prepare('DELETE FROM evidence_links WHERE key = ?'),
    state: db.prepare<[string], { state: string }>('SELECT state FROM evidence_links WHERE id = ?'),
    setState: db.prepare('UPDATE evidence_links SET state = ?, state_checked_at = ? WHERE id = ?'),
    itemIds: db.prepare<[string, number, number], { item_id: number }>(
      `SELECT item_id FROM link_items WHERE link_key = (SELECT key FROM evidence_links WHERE id = ?)
       ORDER BY posted_at, item_id LIMIT ? OFFSET ?`,
    ),
  };

  // listLinks builds its WHERE from the filters given; few shapes, each prepared once.
  const listCache = new Map<string, Database.Statement<(string | null)[], RawLink>>();
  function listStatement(where: string[]): Database.Statement<(string | null)[], RawLink> {
    const sql = `${LINK_SELECT} WHERE ${where.join(' AND ')} ORDER BY l.created_at, l.key`;
    let stmt = listCache.get(sql);
    if (!stmt) {
      stmt = db.prepare<(string | null)[], RawLink>(sql);
      listCache.set(sql, stmt);
    }
    return stmt;
  }

  const createSet = db.transaction((input: NewEvidenceSet) => {
    if (!s.seriesExists.get(input.seriesId)) throw new StorageNotFoundError('series', input.seriesId);
    const refs = items.resolve(input.seriesId, input.itemIds);
    checkSetSize(refs.length);
    const id = randomUUID();
    const at = input.createdAt ?? nowIso();
    const info = s.insertSet.run(id, input.seriesId, input.name, JSON.stringify(input.filter), input.createdBy, at, at, refs.length);
    items.setItems(Number(info.lastInsertRowid), refs);
    return id;
  });

  const reevaluate = db.transaction((id: string, itemIds: string[], evaluatedAt: string) => {
    const set = s.set.get(id);
    if (!set) return false;
    const refs = items.resolve(set.series_id, itemIds);
    checkSetSize(refs.length);
    items.setItems(set.key, refs);
    s.evaluated.run(evaluatedAt, refs.length, set.key);
    for (const { key } of s.followers.all(set.key)) {
      const n = items.rebuildLink(key, set.key);
      if (n > 0) checkLinkSize(n);
      samples.refresh(key);
    }
    return true;
  });

  const createLink = db.transaction((input: NewEvidenceLink) => {
    if (s.episodeSeries.get(input.episodeId)?.series_id !== input.seriesId) throw new StorageNotFoundError('episode', input.episodeId);
    let setKey: number | null = null;
    if (input.evidenceSetId !== null) {
      const set = s.set.get(input.evidenceSetId);
      if (!set || set.series_id !== input.seriesId) throw new StorageNotFoundError('evidence set', input.evidenceSetId);
      setKey = set.key;
    }
    const explicit = items.resolve(input.seriesId, input.itemIds);
    const id = randomUUID();
    const at = input.createdAt ?? nowIso();
    const info = s.insertLink.run(
      id,
      input.seriesId,
      input.episodeId,
      input.anchor.sceneId,
      JSON.stringify(input.anchor),
      setKey,
      input.authorId,
      input.rationale,
      input.stance,
      input.weight,
      at,
      input.state,
      at,
    );
    const key = Number(info.lastInsertRowid);
    checkLinkSize(items.fillLink(key, explicit, setKey));
    samples.refresh(key);
    return id;
  });

  /** Runs `change` on an editable link; null when there is no such link. */
  const editLink = db.transaction((id: string, change: (key: number) => unknown): boolean => {
    const row = s.linkStatus.get(id);
    if (!row) return false;
    checkLinkEditable(row.status, id);
    change(row.key);
    return true;
  });

  const setStates = db.transaction((states: { id: string; state: string }[], checkedAt: string) => {
    let changed = 0;
    for (const { id, state } of states) {
      const before = s.state.get(id);
      if (!before) continue;
      s.setState.run(state, checkedAt, id);
      if (before.state !== state) changed++;
    }
    return changed;
  });

  const getLink = (id: string) => {
    const row = s.link.get(id);
    return row ? toLink(row) : null;
  };

  return {
    async createEvidenceSet(input) {
      return toSet(s.set.get(createSet.immediate(input))!);
    },
    async getEvidenceSet(id) {
      const row = s.set.get(id);
      return row ? toSet(row) : null;
    },
    async listEvidenceSets(seriesId) {
      return s.sets.all(seriesId).map(toSet);
    },
    async reevaluateEvidenceSet(id, itemIds, evaluatedAt) {
      if (!reevaluate.immediate(id, itemIds, evaluatedAt)) return null;
      return toSet(s.set.get(id)!);
    },
    async createLink(input) {
      return getLink(createLink.immediate(input))!;
    },
    async getLink(id) {
      return getLink(id);
    },
    async listLinks(query: LinkQuery) {
      const where = ['l.series_id = ?'];
      const params: (string | null)[] = [query.seriesId];
      const add = (sql: string, value: string) => {
        where.push(sql);
        params.push(value);
      };
      if (query.episodeId !== undefined) add('l.episode_id = ?', query.episodeId);
      if (query.sceneId !== undefined) add('l.scene_id = ?', query.sceneId);
      if (query.revisionId === null) where.push('l.revision_id IS NULL');
      else if (query.revisionId !== undefined) add('l.revision_id = ?', query.revisionId);
      if (query.state !== undefined) add('l.state = ?', query.state);
      return listStatement(where).all(...params).map(toLink);
    },
    async updateLink(id, patch) {
      const found = editLink.immediate(id, (key) => s.patchLink.run(patch.rationale ?? null, patch.stance ?? null, patch.weight ?? null, key));
      return found ? getLink(id) : null;
    },
    async deleteLink(id) {
      return editLink.immediate(id, (key) => s.deleteLink.run(key));
    },
    async setLinkStates(states, checkedAt) {
      if (states.length === 0) return 0;
      return setStates.immediate(states, checkedAt);
    },
    async listLinkItemIds(linkId, opts) {
      const offset = Math.max(0, Math.trunc(opts?.offset ?? 0)) || 0;
      const limit = clampLimit(opts?.limit, LINK_ITEM_PAGE);
      return s.itemIds.all(linkId, limit, offset).map((r) => String(r.item_id));
    },
    async listLinksOfItem(itemId) {
      const rowId = feedbackRowId(itemId);
      return rowId === null ? [] : s.linksOfItem.all(rowId).map(toLink);
    },
    async sampleOfLinks(linkIds) {
      return toSample(samples.ofLinks(linkIds));
    },
  };
}
