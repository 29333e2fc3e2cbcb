import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../src/storage/postgres/index.js';
import { POSTGRES_MIGRATIONS } from '../../src/storage/postgres/migrations.js';
import { runStorageContract } from './contract.js';
import { evidenceWorld, pick, revisionInput } from './evidenceFixtures.js';

// The local test server (trust auth); LOOPLINE_TEST_PG_URL points elsewhere.
const explicitUrl = process.env.LOOPLINE_TEST_PG_URL || undefined;
const url = explicitUrl ?? 'postgresql://postgres@127.0.0.1:5432/test';

/**
 * A fresh machine with only Node (the README's promise) has no PostgreSQL:
 * then this file is skipped, loudly. When LOOPLINE_TEST_PG_URL is set, an
 * unreachable server fails the run instead, so CI cannot skip by accident.
 */
async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch (err) {
    if (explicitUrl) throw err;
    console.warn(`[storage] PostgreSQL contract skipped: no server at ${url} (${(err as Error).message})`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
const available = await reachable();

// One prefix per run, one schema per test: runs and tests never see each other's rows.
const prefix = `loopline_test_${randomBytes(4).toString('hex')}`;
let n = 0;

async function dropSchemas(): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [
      `${prefix}%`,
    ]);
    for (const { nspname } of res.rows) await client.query(`DROP SCHEMA ${nspname} CASCADE`);
  } finally {
    await client.end();
  }
}

if (available) {
  // File-level, not the contract's cleanup hook: the specific tests below make schemas too.
  afterAll(dropSchemas);
  runStorageContract('postgres', () => openPostgresStorage({ connectionString: url, schema: `${prefix}_${n++}` }));
}

describe.skipIf(!available)('PostgreSQL specifics', () => {
  it('[ST9] migrations are recorded in loopline_migrations and reopening applies none twice', async () => {
    const schema = `${prefix}_migrations`;
    const first = await openPostgresStorage({ connectionString: url, schema });
    const series = await first.createSeries({ title: 'kept', language: 'en' });
    await first.close();
    // Two servers starting at once on the same schema: the advisory lock serializes them.
    const [a, b] = await Promise.all([
      openPostgresStorage({ connectionString: url, schema }),
      openPostgresStorage({ connectionString: url, schema }),
    ]);
    expect(await b.getSeries(series.id)).toEqual(series);
    await Promise.all([a.close(), b.close()]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const rows = await client.query(`SELECT id FROM ${schema}.loopline_migrations ORDER BY id`);
    await client.end();
    expect(rows.rows.map((r) => r.id)).toEqual(POSTGRES_MIGRATIONS.map((_, i) => i + 1));
  });

  it('[ST17] concurrent appends of new episodes to one series get distinct, contiguous numbers', async () => {
    const storage = await openPostgresStorage({ connectionString: url, schema: `${prefix}_concurrent` });
    try {
      const series = await storage.createSeries({ title: 'rush', language: 'zh' });
      await Promise.all(Array.from({ length: 8 }, (_, i) => storage.createEpisode({ seriesId: series.id, title: `E${i}` })));
      const list = await storage.listEpisodes(series.id);
      expect(list.map((e) => e.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    } finally {
      await storage.close();
    }
  });

  it('[ST17] a schema name that is not a plain identifier is refused', async () => {
    await expect(openPostgresStorage({ connectionString: url, schema: 'x; DROP TABLE y' })).rejects.toThrow(RangeError);
  });

  it('[RV14] the database itself refuses to change a revision\'s content', async () => {
    const schema = `${prefix}_immutable`;
    const storage = await openPostgresStorage({ connectionString: url, schema });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const w = await evidenceWorld(storage);
      const revision = await storage.createRevision(revisionInput(w));
      await expect(client.query(`UPDATE ${schema}.revision_content SET state = '\\x09' WHERE revision_id = $1`, [revision.id])).rejects.toThrow(/immutable/);
      expect((await storage.getRevisionContent(revision.id))?.state).toEqual(new Uint8Array([1, 2, 3]));
    } finally {
      await client.end();
      await storage.close();
    }
  });

  it('[EV18] samples left stale by a crash between an erasure and its refresh are recomputed when the storage opens', async () => {
    const schema = `${prefix}_stale`;
    const storage = await openPostgresStorage({ connectionString: url, schema });
    const w = await evidenceWorld(storage);
    const ids = await w.items([{ n: 1, author: 'a' }, { n: 2, author: 'b' }]);
    const link = await w.link({ itemIds: pick(ids, 1, 2) });
    await storage.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DELETE FROM ${schema}.link_items WHERE item_id = $1`, [pick(ids, 1)[0]]);
    await client.query(`UPDATE ${schema}.evidence_links SET sample_stale = true`);
    await client.end();
    const reopened = await openPostgresStorage({ connectionString: url, schema });
    expect(await reopened.getLink(link.id)).toMatchObject({ itemCount: 1, sample: { mentions: 1, distinctViewers: 1 } });
    await reopened.close();
  });
});
