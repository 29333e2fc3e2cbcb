import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../src/storage/sqlite/index.js';
import { SQLITE_MIGRATIONS } from '../../src/storage/sqlite/migrations.js';
import { evidenceWorld, pick, revisionInput } from './evidenceFixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'loopline-sqlite-evidence-'));
let n = 0;
const file = () => join(dir, `db-${n++}.sqlite`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite evidence specifics', () => {
  it('[RV14] the database itself refuses to change a revision\'s content', async () => {
    const path = file();
    const storage = openSqliteStorage({ file: path });
    const w = await evidenceWorld(storage);
    const revision = await storage.createRevision(revisionInput(w));
    await storage.close();
    const db = new Database(path);
    try {
      expect(() => db.prepare('UPDATE revision_content SET state = ? WHERE revision_id = ?').run(Buffer.from([9]), revision.id)).toThrow(/immutable/);
      expect(() => db.prepare("UPDATE revision_content SET doc = '{}'").run()).toThrow(/immutable/);
    } finally {
      db.close();
    }
    const reopened = openSqliteStorage({ file: path });
    expect((await reopened.getRevisionContent(revision.id))?.state).toEqual(new Uint8Array([1, 2, 3]));
    await reopened.close();
  });

  it('[ST9][CO11] feedback stored before the evidence migrations reads as not coordinated and can be flagged', async () => {
    const path = file();
    const db = new Database(path);
    for (let v = 0; v < 5; v++) db.exec(SQLITE_MIGRATIONS[v]!);
    db.pragma('user_version = 5');
    const now = new Date().toISOString();
    db.prepare("INSERT INTO series (id, title, language, created_at, updated_at) VALUES ('s1', 'old', 'zh', ?, ?)").run(now, now);
    db.prepare("INSERT INTO feedback_series (series_id) VALUES ('s1')").run();
    db.prepare(
      `INSERT INTO feedback_items (series_key, kind, platform, posted_at, text, author, fts_key) VALUES (1, 'comment', 'douyin', ?, 'old comment', 'p1', 1)`,
    ).run(Date.parse('2026-01-01T00:00:00Z'));
    db.prepare("INSERT INTO feedback_counts (series_id, episode_id, kind, platform, n) VALUES ('s1', '', 'comment', 'douyin', 1)").run();
    db.close();
    const storage = openSqliteStorage({ file: path });
    try {
      expect(storage.pragma('user_version')).toBe(SQLITE_MIGRATIONS.length);
      const page = await storage.searchFeedback({ seriesId: 's1', coordinated: false });
      expect(page.items.map((i) => [i.text, i.coordinated])).toEqual([['old comment', false]]);
      expect(await storage.setCoordinated('s1', [page.items[0]!.id], true)).toBe(1);
      expect((await storage.searchFeedback({ seriesId: 's1', coordinated: false })).total).toBe(0);
    } finally {
      await storage.close();
    }
  });

  it('[EV18] samples left stale by a crash between an erasure and its refresh are recomputed when the storage opens', async () => {
    const path = file();
    const storage = openSqliteStorage({ file: path });
    const w = await evidenceWorld(storage);
    const ids = await w.items([{ n: 1, author: 'a' }, { n: 2, author: 'b' }]);
    const link = await w.link({ itemIds: pick(ids, 1, 2) });
    await storage.close();
    const db = new Database(path);
    // What a crash leaves: the items gone from the link, the sample not yet recomputed.
    db.prepare('DELETE FROM link_items WHERE item_id = ?').run(Number(pick(ids, 1)[0]));
    db.prepare('UPDATE evidence_links SET sample_stale = 1').run();
    db.close();
    const reopened = openSqliteStorage({ file: path });
    expect(await reopened.getLink(link.id)).toMatchObject({ itemCount: 1, sample: { mentions: 1, distinctViewers: 1 } });
    await reopened.close();
  });
});
