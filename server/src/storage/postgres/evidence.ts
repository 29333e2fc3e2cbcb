import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { nowIso, StorageNotFoundError } from '../common.js';
import {
  checkLinkEditable,
  checkLinkSize,
  checkSetSize,
  type EvidenceStorage,
  itemRowIds,
  LINK_ITEM_PAGE,
  type LinkRecord,
  type SetRecord,
  toEvidenceLink,
  toEvidenceSet,
  toSample,
} from '../evidenceCommon.js';
import { clampLimit, feedbackRowId } from '../feedbackCommon.js';
import type { NewEvidenceLink, NewEvidenceSet } from '../types.js';
import { refreshSample, sampleOfLinks } from './evidenceSample.js';
import { inTransaction } from './tx.js';

type Dated<T, K extends keyof T> = Omit<T, K> & { [P in K]: Date };
type RawSet = Dated<SetRecord, 'created_at' | 'evaluated_at'> & { key: string };
type RawLink = Dated<LinkRecord, 'created_at' | 'state_checked_at'>;

const LINK_SELECT = `SELECT l.id, l.series_id, l.episode_id, l.scene_id, l.anchor, s.id AS set_id, l.item_count, l.author_id,
    u.display_name AS author_name, l.rationale, l.stance, l.weight, l.created_at, l.revision_id, l.state, l.state_checked_at,
    l.s_mentions AS mentions, l.s_viewers AS viewers, l.s_coordinated AS coordinated, l.s_top_name AS top_name,
    l.s_top_value AS top_value, l.s_top_viewers AS top_viewers
  FROM evidence_links l LEFT JOIN evidence_sets s ON s.key = l.set_key LEFT JOIN users u ON u.id = l.author_id`;

const toSet = (r: RawSet) => toEvidenceSet({ ...r, created_at: r.created_at.toISOString(), evaluated_at: r.evaluated_at.toISOString() });
const toLink = (r: RawLink) =>
  toEvidenceLink({ ...r, created_at: r.created_at.toISOString(), state_checked_at: r.state_checked_at.toISOString() });

/** Link items rebuilt from a link's explicit items and its set's items ($1 link key, $2 set key). */
const ADD_EXPLICIT = `INSERT INTO link_items (link_key, posted_at, item_id)
  SELECT $1, i.posted_at, i.id FROM link_explicit_items e JOIN feedback_items i ON i.id = e.item_id WHERE e.link_key = $1
  ON CONFLICT DO NOTHING`;
const ADD_SET = `INSERT INTO link_items (link_key, posted_at, item_id)
  SELECT $1, i.posted_at, i.id FROM evidence_set_items si JOIN feedback_items i ON i.id = si.item_id WHERE si.set_key = $2
  ON CONFLICT DO NOTHING`;

/**
 * The items, checked to be of the series; throws StorageNotFoundError('feedback item')
 * naming the first that is not. KEY SHARE locks keep a concurrent erasure from
 * deleting them before the link or set holding them commits (it waits, then finds them) [EV18].
 */
async function resolveItems(client: PoolClient, seriesId: string, ids: readonly string[]): Promise<string[]> {
  const rowIds = itemRowIds(ids, (id) => new StorageNotFoundError('feedback item', id));
  if (rowIds.length === 0) return [];
  const res = await client.query<{ id: string }>(
    'SELECT id FROM feedback_items WHERE id = ANY($1::bigint[]) AND series_id = $2 ORDER BY id FOR KEY SHARE',
    [rowIds, seriesId],
  );
  if (res.rows.length !== rowIds.length) {
    const found = new Set(res.rows.map((r) => Number(r.id)));
    const missing = rowIds.find((id) => !found.has(id))!;
    throw new StorageNotFoundError('feedback item', String(missing));
  }
  return res.rows.map((r) => r.id);
}

async function countItems(client: PoolClient, linkKey: string): Promise<number> {
  return (await client.query<{ n: number }>('SELECT count(*)::integer AS n FROM link_items WHERE link_key = $1', [linkKey])).rows[0]!.n;
}

/** Evidence sets and links over a node-postgres pool (issue 5). */
export function postgresEvidence(pool: Pool): Omit<EvidenceStorage, 'setCoordinated' | 'listItemFacts' | 'itemFactsOfLinks'> {
  async function getSet(db: Pool | PoolClient, id: string, lock = false): Promise<RawSet | undefined> {
    return (await db.query<RawSet>(`SELECT * FROM evidence_sets WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])).rows[0];
  }
  async function getLink(id: string) {
    const row = (await pool.query<RawLink>(`${LINK_SELECT} WHERE l.id = $1`, [id])).rows[0];
    return row ? toLink(row) : null;
  }
  async function setItems(client: PoolClient, setKey: string, items: string[]): Promise<void> {
    await client.query('DELETE FROM evidence_set_items WHERE set_key = $1', [setKey]);
    await client.query('INSERT INTO evidence_set_items (set_key, item_id) SELECT $1, unnest($2::bigint[])', [setKey, items]);
  }

  /** Runs `change` on an editable link (its row locked); false when there is no such link. */
  async function editLink(id: string, change: (client: PoolClient, key: string) => Promise<unknown>): Promise<boolean> {
    return inTransaction(pool, async (client) => {
      const res = await client.query<{ key: string }>('SELECT key FROM evidence_links WHERE id = $1 FOR UPDATE', [id]);
      const row = res.rows[0];
      if (!row) return false;
      const status = await client.query<{ status: 'draft' }>(
        'SELECT r.status FROM evidence_links l JOIN revisions r ON r.id = l.revision_id WHERE l.id = $1',
        [id],
      );
      checkLinkEditable(status.rows[0]?.status ?? null, id);
      await change(client, row.key);
      return true;
    });
  }

  return {
    async createEvidenceSet(input: NewEvidenceSet) {
      const id = await inTransaction(pool, async (client) => {
        const series = await client.query('SELECT 1 FROM series WHERE id = $1', [input.seriesId]);
        if (series.rowCount === 0) throw new StorageNotFoundError('series', input.seriesId);
        const items = await resolveItems(client, input.seriesId, input.itemIds);
        checkSetSize(items.length);
        const id = randomUUID();
        const at = input.createdAt ?? nowIso();
        const res = await client.query<{ key: string }>(
          `INSERT INTO evidence_sets (id, series_id, name, filter, created_by, created_at, evaluated_at, matched)
           VALUES ($1, $2, $3, $4, $5, $6, $6, $7) RETURNING key`,
          [id, input.seriesId, input.name, JSON.stringify(input.filter), input.createdBy, at, items.length],
        );
        await setItems(client, res.rows[0]!.key, items);
        return id;
      });
      return toSet((await getSet(pool, id))!);
    },
    async getEvidenceSet(id) {
      const row = await getSet(pool, id);
      return row ? toSet(row) : null;
    },
    async listEvidenceSets(seriesId) {
      const res = await pool.query<RawSet>('SELECT * FROM evidence_sets WHERE series_id = $1 ORDER BY created_at DESC, key DESC', [seriesId]);
      return res.rows.map(toSet);
    },
    async reevaluateEvidenceSet(id, itemIds, evaluatedAt) {
      const found = await inTransaction(pool, async (client) => {
        const set = await getSet(client, id, true);
        if (!set) return false;
        const items = await resolveItems(client, set.series_id, itemIds);
        checkSetSize(items.length);
        await setItems(client, set.key, items);
        await client.query('UPDATE evidence_sets SET evaluated_at = $1, matched = $2 WHERE key = $3', [evaluatedAt, items.length, set.key]);
        // Links proposed with a revision past draft keep the items they were proposed with [EV11].
        const followers = await client.query<{ key: string }>(
          `SELECT l.key FROM evidence_links l LEFT JOIN revisions r ON r.id = l.revision_id
           WHERE l.set_key = $1 AND (l.revision_id IS NULL OR r.status = 'draft') ORDER BY l.key FOR UPDATE OF l`,
          [set.key],
        );
        for (const { key } of followers.rows) {
          await client.query('DELETE FROM link_items WHERE link_key = $1', [key]);
          await client.query(ADD_EXPLICIT, [key]);
          await client.query(ADD_SET, [key, set.key]);
          const n = await countItems(client, key);
          if (n > 0) checkLinkSize(n);
          await refreshSample(client, key);
        }
        return true;
      });
      return found ? toSet((await getSet(pool, id))!) : null;
    },
    async createLink(input: NewEvidenceLink) {
      const id = await inTransaction(pool, async (client) => {
        const episode = await client.query<{ series_id: string }>('SELECT series_id FROM episodes WHERE id = $1', [input.episodeId]);
        if (episode.rows[0]?.series_id !== input.seriesId) throw new StorageNotFoundError('episode', input.episodeId);
        let setKey: string | null = null;
        if (input.evidenceSetId !== null) {
          const set = await getSet(client, input.evidenceSetId);
          if (!set || set.series_id !== input.seriesId) throw new StorageNotFoundError('evidence set', input.evidenceSetId);
          setKey = set.key;
        }
        const explicit = await resolveItems(client, input.seriesId, input.itemIds);
        const id = randomUUID();
        const at = input.createdAt ?? nowIso();
        const res = await client.query<{ key: string }>(
          `INSERT INTO evidence_links (id, series_id, episode_id, scene_id, anchor, set_key, author_id, rationale, stance, weight,
             created_at, state, state_checked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $11) RETURNING key`,
          [id, input.seriesId, input.episodeId, input.anchor.sceneId, JSON.stringify(input.anchor), setKey, input.authorId, input.rationale, input.stance, input.weight, at, input.state],
        );
        const key = res.rows[0]!.key;
        await client.query(
          `INSERT INTO link_items (link_key, posted_at, item_id)
           SELECT $1, i.posted_at, i.id FROM feedback_items i WHERE i.id = ANY($2::bigint[])`,
          [key, explicit],
        );
        if (setKey !== null) {
          await client.query('INSERT INTO link_explicit_items (link_key, item_id) SELECT $1, unnest($2::bigint[])', [key, explicit]);
          await client.query(ADD_SET, [key, setKey]);
        }
        checkLinkSize(await countItems(client, key));
        await refreshSample(client, key);
        return id;
      });
      return (await getLink(id))!;
    },
    getLink,
    async listLinks(query) {
      const params: unknown[] = [query.seriesId];
      const where = ['l.series_id = $1'];
      const add = (sql: string, value: unknown) => {
        params.push(value);
        where.push(`${sql} $${params.length}`);
      };
      if (query.episodeId !== undefined) add('l.episode_id =', query.episodeId);
      if (query.sceneId !== undefined) add('l.scene_id =', query.sceneId);
      if (query.revisionId === null) where.push('l.revision_id IS NULL');
      else if (query.revisionId !== undefined) add('l.revision_id =', query.revisionId);
      if (query.state !== undefined) add('l.state =', query.state);
      const res = await pool.query<RawLink>(`${LINK_SELECT} WHERE ${where.join(' AND ')} ORDER BY l.created_at, l.key`, params);
      return res.rows.map(toLink);
    },
    async updateLink(id, patch) {
      const found = await editLink(id, (client, key) =>
        client.query(
          'UPDATE evidence_links SET rationale = coalesce($1, rationale), stance = coalesce($2, stance), weight = coalesce($3, weight) WHERE key = $4',
          [patch.rationale ?? null, patch.stance ?? null, patch.weight ?? null, key],
        ),
      );
      return found ? getLink(id) : null;
    },
    async deleteLink(id) {
      return editLink(id, (client, key) => client.query('DELETE FROM evidence_links WHERE key = $1', [key]));
    },
    async setLinkStates(states, checkedAt) {
      if (states.length === 0) return 0;
      // One statement: the rows as arrays, the old state read in the same snapshot as the update.
      const res = await pool.query<{ changed: boolean }>(
        `UPDATE evidence_links l SET state = u.state, state_checked_at = $3
         FROM (SELECT * FROM unnest($1::text[], $2::text[]) AS x(id, state)) u,
              LATERAL (SELECT state AS before FROM evidence_links WHERE id = u.id) b
         WHERE l.id = u.id RETURNING b.before <> u.state AS changed`,
        [states.map((s) => s.id), states.map((s) => s.state), checkedAt],
      );
      return res.rows.filter((r) => r.changed).length;
    },
    async listLinkItemIds(linkId, opts) {
      const offset = Math.max(0, Math.trunc(opts?.offset ?? 0)) || 0;
      const limit = clampLimit(opts?.limit, LINK_ITEM_PAGE);
      const res = await pool.query<{ item_id: string }>(
        `SELECT item_id FROM link_items WHERE link_key = (SELECT key FROM evidence_links WHERE id = $1)
         ORDER BY posted_at, item_id LIMIT $2 OFFSET $3`,
        [linkId, limit, offset],
      );
      return res.rows.map((r) => String(r.item_id));
    },
    async listLinksOfItem(itemId) {
      const rowId = feedbackRowId(itemId);
      if (rowId === null) return [];
      const res = await pool.query<RawLink>(
        `${LINK_SELECT} WHERE l.key IN (SELECT link_key FROM link_items WHERE item_id = $1) ORDER BY l.created_at, l.key`,
        [rowId],
      );
      return res.rows.map(toLink);
    },
    async sampleOfLinks(linkIds) {
      return toSample(await sampleOfLinks(pool, linkIds));
    },
  };
}
