import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { indexText } from '../../src/storage/sqlite/ftsTokens.js';
import { openSqliteStorage } from '../../src/storage/sqlite/index.js';
import { SQLITE_MIGRATIONS } from '../../src/storage/sqlite/migrations.js';

describe('SQLite feedback migrations', () => {
  it('[FB3] migration 4 (series keys) keeps every item, its id, its search entry and the id high-water mark', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loopline-fb-migrate-'));
    const file = join(dir, 'db.sqlite');
    try {
      const db = new Database(file);
      db.pragma('foreign_keys = ON');
      for (const [i, sql] of SQLITE_MIGRATIONS.slice(0, 3).entries()) {
        db.exec(sql);
        db.pragma(`user_version = ${i + 1}`);
      }
      const now = new Date().toISOString();
      db.prepare('INSERT INTO series (id, title, language, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run('s1', 'A', 'zh', now, now);
      const insert = db.prepare(
        `INSERT INTO feedback_items (series_id, kind, platform, external_id, posted_at, text, author) VALUES ('s1', 'comment', 'douyin', ?, ?, ?, 'v-a')`,
      );
      for (let i = 1; i <= 3; i++) {
        const { lastInsertRowid } = insert.run(`c${i}`, Date.parse('2026-03-01T00:00:00Z') + i, `text ${i}`);
        db.prepare('INSERT INTO feedback_fts (rowid, tokens) VALUES (?, ?)').run(
          lastInsertRowid,
          indexText({ seriesId: 's1', episodeId: null, kind: 'comment', platform: 'douyin', segments: {}, likes: null, searchText: `word${i}` }),
        );
      }
      db.prepare("INSERT INTO feedback_counts VALUES ('s1', '', 'comment', 'douyin', 2)").run();
      // The newest item was deleted before the upgrade: its id must never come back.
      db.prepare('DELETE FROM feedback_items WHERE id = 3').run();
      db.prepare('DELETE FROM feedback_fts WHERE rowid = 3').run();
      db.close();

      const storage = openSqliteStorage({ file });
      expect(storage.pragma('user_version')).toBe(SQLITE_MIGRATIONS.length);
      const page = await storage.searchFeedback({ seriesId: 's1', order: 'asc' });
      expect(page.items.map((i) => [i.id, i.seriesId, i.text])).toEqual([
        ['1', 's1', 'text 1'],
        ['2', 's1', 'text 2'],
      ]);
      expect((await storage.searchFeedback({ seriesId: 's1', terms: ['word2'] })).items.map((i) => i.id)).toEqual(['2']);
      const fresh = (await storage.searchFeedback({ seriesId: 's1' })).items[0]!;
      await storage.insertFeedbackBatch([
        { ...fresh, externalId: 'c4', id: undefined, contentHash: 'h', searchText: 'word4' } as never,
      ]);
      expect((await storage.searchFeedback({ seriesId: 's1', terms: ['word4'] })).items.map((i) => i.id)).toEqual(['4']);
      await storage.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
