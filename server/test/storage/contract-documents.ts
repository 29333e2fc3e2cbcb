import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { StorageNotFoundError } from '../../src/storage/common.js';
import type { StoredDocument } from '../../src/storage/types.js';
import type { StorageRef } from './contract.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** Rebuilds the text a user would see from what storage returned. */
function textOf(stored: StoredDocument): string {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u.data);
  const text = doc.getText('t').toString();
  doc.destroy();
  return text;
}

/** Bytes 0..255 repeated up to `length`, so zero bytes and every value appear. */
function patterned(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 7 + (i >> 8)) & 0xff;
  return out;
}

/** Contract tests for the Yjs document log, quarantine and canonical snapshots. */
export function documentContract(storage: StorageRef): void {
  async function episode(title = '第1集') {
    const series = await storage().createSeries({ title: 'S', language: 'zh' });
    return storage().createEpisode({ seriesId: series.id, title });
  }

  /** Appends `count` Yjs updates, each typing one character, and returns the doc that produced them. */
  async function typeInto(episodeId: string, chars: string): Promise<{ doc: Y.Doc; seqs: number[] }> {
    const doc = new Y.Doc();
    const pending: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => pending.push(u));
    const seqs: number[] = [];
    for (const ch of chars) {
      doc.getText('t').insert(doc.getText('t').length, ch);
      seqs.push(await storage().appendUpdate(episodeId, pending.shift()!));
    }
    return { doc, seqs };
  }

  describe('document log', () => {
    it('[ST10] a new episode has no snapshot and no updates', async () => {
      const ep = await episode();
      expect(await storage().loadDocument(ep.id)).toEqual({ snapshot: null, updates: [] });
      expect(await storage().loadDocument(UNKNOWN)).toEqual({ snapshot: null, updates: [] });
    });

    it('[ST10] appended updates load back in append order with increasing seqs, per episode', async () => {
      const a = await episode('A');
      const b = await episode('B');
      const seqs: number[] = [];
      for (let i = 0; i < 5; i++) {
        seqs.push(await storage().appendUpdate(a.id, Uint8Array.of(1, i)));
        await storage().appendUpdate(b.id, Uint8Array.of(2, i));
      }
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
      expect(new Set(seqs).size).toBe(5);
      const loaded = await storage().loadDocument(a.id);
      expect(loaded.snapshot).toBeNull();
      expect(loaded.updates.map((u) => u.seq)).toEqual(seqs);
      expect(loaded.updates.map((u) => [...u.data])).toEqual([0, 1, 2, 3, 4].map((i) => [1, i]));
      expect((await storage().loadDocument(b.id)).updates.map((u) => u.data[0])).toEqual([2, 2, 2, 2, 2]);
    });

    it('[ST10] concurrent appends all land, each with its own seq', async () => {
      const ep = await episode();
      const seqs = await Promise.all(Array.from({ length: 20 }, (_, i) => storage().appendUpdate(ep.id, Uint8Array.of(i))));
      expect(new Set(seqs).size).toBe(20);
      const loaded = await storage().loadDocument(ep.id);
      expect(loaded.updates.map((u) => u.seq)).toEqual([...seqs].sort((x, y) => x - y));
      expect(loaded.updates.map((u) => u.data[0]).sort((x, y) => x! - y!)).toEqual(seqs.map((_, i) => i));
    });

    it('[ST10] sequence numbers are never reused, even after compaction removed every update', async () => {
      const ep = await episode();
      const first = await storage().appendUpdate(ep.id, Uint8Array.of(1));
      await storage().compactDocument(ep.id, Uint8Array.of(9), first);
      const next = await storage().appendUpdate(ep.id, Uint8Array.of(2));
      expect(next).toBeGreaterThan(first);
    });

    it('[ST11] binary data round-trips as a plain Uint8Array, zero bytes included', async () => {
      const ep = await episode();
      const bytes = Uint8Array.of(0, 0, 255, 0, 1, 0);
      await storage().appendUpdate(ep.id, bytes);
      // A view into a larger buffer: only the viewed bytes must be stored.
      const big = Uint8Array.of(7, 7, 0, 42, 0, 7);
      await storage().appendUpdate(ep.id, big.subarray(2, 5));
      const loaded = await storage().loadDocument(ep.id);
      expect(loaded.updates.map((u) => [...u.data])).toEqual([
        [0, 0, 255, 0, 1, 0],
        [0, 42, 0],
      ]);
      for (const u of loaded.updates) {
        expect(u.data).toBeInstanceOf(Uint8Array);
        expect(u.data.byteOffset).toBe(0);
        expect(u.data.buffer.byteLength).toBe(u.data.byteLength);
      }
    });

    it('[ST11] a 1.6 MB snapshot and update round-trip byte for byte', async () => {
      const ep = await episode();
      const blob = patterned(1_600_000);
      const seq = await storage().appendUpdate(ep.id, blob);
      // Buffer.compare, not toEqual: a deep equality over 1.6 M elements takes seconds.
      const update = (await storage().loadDocument(ep.id)).updates[0]!.data;
      expect(update.byteLength).toBe(1_600_000);
      expect(Buffer.compare(Buffer.from(update), Buffer.from(blob))).toBe(0);
      await storage().compactDocument(ep.id, blob, seq);
      const loaded = await storage().loadDocument(ep.id);
      expect(loaded.updates).toEqual([]);
      expect(loaded.snapshot).toBeInstanceOf(Uint8Array);
      expect(loaded.snapshot!.byteLength).toBe(1_600_000);
      expect(Buffer.compare(Buffer.from(loaded.snapshot!), Buffer.from(blob))).toBe(0);
    });

    it('[ST7] appending to an unknown episode rejects with StorageNotFoundError', async () => {
      await expect(storage().appendUpdate(UNKNOWN, Uint8Array.of(1))).rejects.toBeInstanceOf(StorageNotFoundError);
      await expect(storage().compactDocument(UNKNOWN, Uint8Array.of(1), 1)).rejects.toBeInstanceOf(StorageNotFoundError);
    });
  });

  describe('compaction', () => {
    it('[ST12] compaction replaces the snapshot and drops exactly the updates up to upToSeq', async () => {
      const ep = await episode();
      const { doc, seqs } = await typeInto(ep.id, '场景一：天台');
      const cut = seqs[2]!;
      // The snapshot a room would write: the state covering updates 0..2.
      const partial = new Y.Doc();
      for (const u of (await storage().loadDocument(ep.id)).updates.slice(0, 3)) Y.applyUpdate(partial, u.data);
      await storage().compactDocument(ep.id, Y.encodeStateAsUpdate(partial), cut);
      const loaded = await storage().loadDocument(ep.id);
      expect(loaded.snapshot).not.toBeNull();
      expect(loaded.updates.map((u) => u.seq)).toEqual(seqs.slice(3));
      expect(textOf(loaded)).toBe('场景一：天台');
      // A second compaction replaces the first snapshot.
      await storage().compactDocument(ep.id, Y.encodeStateAsUpdate(doc), seqs.at(-1)!);
      const again = await storage().loadDocument(ep.id);
      expect(again.updates).toEqual([]);
      expect(textOf(again)).toBe('场景一：天台');
    });

    it('[ST12] updates appended after the compaction point survive it', async () => {
      const ep = await episode();
      const { doc, seqs } = await typeInto(ep.id, 'ab');
      const snapshot = Y.encodeStateAsUpdate(doc);
      const pending: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => pending.push(u));
      doc.getText('t').insert(2, 'c');
      const late = await storage().appendUpdate(ep.id, pending[0]!);
      await storage().compactDocument(ep.id, snapshot, seqs[1]!);
      const loaded = await storage().loadDocument(ep.id);
      expect(loaded.updates.map((u) => u.seq)).toEqual([late]);
      expect(textOf(loaded)).toBe('abc');
    });

    it('[ST12] loads running during a compaction see the old or the new state, never a gap', async () => {
      const ep = await episode();
      const text = '他推开门，雨夜，霓虹灯闪烁。';
      const { doc, seqs } = await typeInto(ep.id, text);
      const snapshot = Y.encodeStateAsUpdate(doc);
      const loads = Array.from({ length: 10 }, () => storage().loadDocument(ep.id));
      const compaction = storage().compactDocument(ep.id, snapshot, seqs.at(-1)!);
      loads.push(...Array.from({ length: 10 }, () => storage().loadDocument(ep.id)));
      await compaction;
      for (const loaded of await Promise.all(loads)) expect(textOf(loaded)).toBe(text);
      expect(await storage().loadDocument(ep.id)).toMatchObject({ updates: [] });
    });

    it('[ST12] a compaction that fails leaves the previous snapshot and log untouched', async () => {
      const ep = await episode();
      const { seqs } = await typeInto(ep.id, 'xyz');
      const before = await storage().loadDocument(ep.id);
      // Not bytes: the backend must fail without having dropped any update.
      const notBytes = 'oops' as unknown as Uint8Array;
      await expect(storage().compactDocument(ep.id, notBytes, seqs.at(-1)!)).rejects.toThrow();
      expect(await storage().loadDocument(ep.id)).toEqual(before);
    });
  });

  describe('quarantine', () => {
    it('[ST13] a quarantined update leaves the log but keeps its bytes, seq and reason', async () => {
      const ep = await episode();
      const good = await storage().appendUpdate(ep.id, Uint8Array.of(1));
      const bad = await storage().appendUpdate(ep.id, Uint8Array.of(0, 0xde, 0xad, 0));
      const after = await storage().appendUpdate(ep.id, Uint8Array.of(3));
      await storage().quarantineUpdate(ep.id, bad, 'Unexpected end of array');
      expect((await storage().loadDocument(ep.id)).updates.map((u) => u.seq)).toEqual([good, after]);
      const [q, ...rest] = await storage().listQuarantined(ep.id);
      expect(rest).toEqual([]);
      expect(q).toMatchObject({ episodeId: ep.id, seq: bad, reason: 'Unexpected end of array' });
      expect(new Date(q!.quarantinedAt).toISOString()).toBe(q!.quarantinedAt);
      expect(q!.data).toEqual(Uint8Array.of(0, 0xde, 0xad, 0));
    });

    it('[ST13] quarantining an unknown seq is a no-op, and other episodes are unaffected', async () => {
      const ep = await episode();
      const other = await episode('other');
      const seq = await storage().appendUpdate(ep.id, Uint8Array.of(1));
      await storage().quarantineUpdate(other.id, seq, 'wrong episode');
      await storage().quarantineUpdate(ep.id, seq + 1000, 'missing');
      expect((await storage().loadDocument(ep.id)).updates.map((u) => u.seq)).toEqual([seq]);
      expect(await storage().listQuarantined(ep.id)).toEqual([]);
      expect(await storage().listQuarantined(other.id)).toEqual([]);
    });
  });

  describe('canonical snapshot', () => {
    const doc = {
      type: 'doc',
      content: [{ type: 'scene', attrs: { sceneId: 's1' }, content: [{ type: 'sceneHeading', content: [{ type: 'text', text: '1-1 内 天台 夜' }] }] }],
    };

    it('[ST14] saveCanonical stores the JSON and updates the episode runtime and scene count', async () => {
      const ep = await episode();
      expect(await storage().getCanonical(ep.id)).toBeNull();
      const snap = { episodeId: ep.id, doc, runtimeSeconds: 83.5, sceneCount: 6, updatedAt: new Date().toISOString() };
      await storage().saveCanonical(snap);
      expect(await storage().getCanonical(ep.id)).toEqual(snap);
      expect(await storage().getEpisode(ep.id)).toMatchObject({ runtimeSeconds: 83.5, sceneCount: 6 });
      const series = (await storage().getEpisode(ep.id))!.seriesId;
      expect((await storage().listEpisodes(series))[0]).toMatchObject({ runtimeSeconds: 83.5, sceneCount: 6 });
    });

    it('[ST14] a later saveCanonical replaces the earlier one', async () => {
      const ep = await episode();
      await storage().saveCanonical({ episodeId: ep.id, doc, runtimeSeconds: 10, sceneCount: 1, updatedAt: '2024-01-01T00:00:00.000Z' });
      const newer = { episodeId: ep.id, doc: { type: 'doc', content: [] }, runtimeSeconds: 0, sceneCount: 0, updatedAt: '2024-01-02T00:00:00.000Z' };
      await storage().saveCanonical(newer);
      expect(await storage().getCanonical(ep.id)).toEqual(newer);
      expect(await storage().getEpisode(ep.id)).toMatchObject({ runtimeSeconds: 0, sceneCount: 0 });
    });

    it('[ST7] saveCanonical for an unknown episode rejects with StorageNotFoundError', async () => {
      const snap = { episodeId: UNKNOWN, doc, runtimeSeconds: 1, sceneCount: 1, updatedAt: new Date().toISOString() };
      await expect(storage().saveCanonical(snap)).rejects.toBeInstanceOf(StorageNotFoundError);
      expect(await storage().getCanonical(UNKNOWN)).toBeNull();
    });
  });
}
