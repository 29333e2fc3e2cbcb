import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../src/storage/sqlite/index.js';

const dir = mkdtempSync(join(tmpdir(), 'loopline-sqlite-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite connection settings and durability', () => {
  it('[ST15] opens in WAL mode with synchronous NORMAL, foreign keys and a busy timeout', async () => {
    const file = join(dir, 'settings.sqlite');
    const storage = openSqliteStorage({ file });
    expect(storage.pragma('journal_mode')).toBe('wal');
    expect(storage.pragma('synchronous')).toBe(1); // 1 = NORMAL
    expect(storage.pragma('foreign_keys')).toBe(1);
    expect(storage.pragma('busy_timeout')).toBe(5000);
    await storage.close();
    // WAL is a property of the file: a plain connection sees it too.
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('[ST15] synchronous FULL can be chosen', async () => {
    const storage = openSqliteStorage({ file: join(dir, 'full.sqlite'), synchronous: 'FULL' });
    expect(storage.pragma('synchronous')).toBe(2); // 2 = FULL
    await storage.close();
  });

  it('[ST9] migrations are recorded in user_version and rerun on reopen without effect', async () => {
    const file = join(dir, 'version.sqlite');
    const first = openSqliteStorage({ file });
    const version = first.pragma('user_version');
    expect(version).toBeGreaterThanOrEqual(1);
    await first.close();
    const second = openSqliteStorage({ file });
    expect(second.pragma('user_version')).toBe(version);
    await second.close();
  });

  it('[ST16] everything written survives closing and reopening the file', async () => {
    const file = join(dir, 'nested', 'folder', 'reopen.sqlite');
    const a = openSqliteStorage({ file });
    const series = await a.createSeries({ title: '重生之我在短剧当编剧', language: 'zh' });
    const ep = await a.createEpisode({ seriesId: series.id, title: '第1集' });
    const seq = await a.appendUpdate(ep.id, Uint8Array.of(0, 1, 0));
    await a.compactDocument(ep.id, Uint8Array.of(9, 0, 9), seq);
    const late = await a.appendUpdate(ep.id, Uint8Array.of(4, 0));
    await a.createCharacter({ seriesId: series.id, name: '林晚晴', aliases: ['Lin'], description: '' });
    await a.saveCanonical({ episodeId: ep.id, doc: { type: 'doc' }, runtimeSeconds: 90, sceneCount: 5, updatedAt: ep.createdAt });
    await a.close();

    const b = openSqliteStorage({ file });
    expect(await b.getSeries(series.id)).toEqual(series);
    expect(await b.getEpisode(ep.id)).toMatchObject({ title: '第1集', runtimeSeconds: 90, sceneCount: 5 });
    const doc = await b.loadDocument(ep.id);
    expect(doc.snapshot).toEqual(Uint8Array.of(9, 0, 9));
    expect(doc.updates).toEqual([{ seq: late, data: Uint8Array.of(4, 0) }]);
    expect((await b.getBible(series.id)).characters.map((c) => c.aliases)).toEqual([['Lin']]);
    await b.close();
  });

  it('[ST16] every update whose append resolved survives SIGKILL of the process (synchronous NORMAL)', async () => {
    const file = join(dir, 'killed.sqlite');
    const script = fileURLToPath(new URL('./fixtures/append-forever.ts', import.meta.url));
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script, file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const acknowledged: number[] = [];
    let episodeId = '';
    for await (const line of createInterface({ input: child.stdout })) {
      const [id, seq] = line.split(' ');
      episodeId = id!;
      acknowledged.push(Number(seq));
      // Kill mid-stream, right after an acknowledgement, with no chance to flush or close.
      if (acknowledged.length === 200) child.kill('SIGKILL');
    }
    expect(await exited).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(200);

    const storage = openSqliteStorage({ file });
    const stored = new Set((await storage.loadDocument(episodeId)).updates.map((u) => u.seq));
    expect(acknowledged.filter((seq) => !stored.has(seq))).toEqual([]);
    await storage.close();
  });
});
