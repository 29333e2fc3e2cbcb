import { describe, expect, it } from 'vitest';
import type { CanonicalSnapshot } from '../../src/storage/types.js';
import { headingsOfDoc, SceneHeadings } from '../../src/trace/headings.js';

const scene = (id: string | null, heading: string) => ({
  type: 'scene',
  attrs: { sceneId: id },
  content: [
    { type: 'sceneHeading', content: heading ? [{ type: 'text', text: heading.slice(0, 2) }, { type: 'text', text: heading.slice(2), marks: [] }] : [] },
    { type: 'action', content: [{ type: 'text', text: '△' }] },
  ],
});
const doc = (...scenes: unknown[]) => ({ type: 'doc', content: scenes });

/** A storage double holding one canonical snapshot per episode, counting reads. */
class Canonicals {
  reads = 0;
  docs = new Map<string, unknown>();
  pending: (() => void) | null = null;
  gate = false;
  async getCanonical(episodeId: string): Promise<CanonicalSnapshot | null> {
    this.reads++;
    if (this.gate) await new Promise<void>((resolve) => (this.pending = resolve));
    const json = this.docs.get(episodeId);
    return json === undefined ? null : { episodeId, doc: json, runtimeSeconds: 0, sceneCount: 0, updatedAt: '' };
  }
}

describe('scene headings for traces', () => {
  it('[TR4] reads each scene id and its heading text, the first scene owning a duplicated id', () => {
    const map = headingsOfDoc(doc(scene('a', '1-1 日 内 客厅 '), scene('b', ''), scene('a', '1-3 copy'), scene(null, 'no id')));
    expect([...map]).toEqual([
      ['a', '1-1 日 内 客厅'],
      ['b', ''],
    ]);
    expect(headingsOfDoc(null).size).toBe(0);
    expect(headingsOfDoc({ content: 'nonsense' }).size).toBe(0);
  });

  it('[TR4] [TR5] a fresh entry costs no read; a stale one is served while one refresh runs; an old one is reloaded first', async () => {
    const storage = new Canonicals();
    storage.docs.set('ep', doc(scene('a', 'OLD HEADING')));
    let now = 0;
    const headings = new SceneHeadings(storage, { ttlMs: 1_000, maxStaleMs: 10_000, now: () => now });

    expect((await headings.of('ep')).get('a')).toBe('OLD HEADING');
    now = 999;
    await headings.of('ep');
    expect(storage.reads).toBe(1);

    // Stale: the old heading now, one background read however many ask, the new heading once it lands.
    storage.docs.set('ep', doc(scene('a', 'NEW HEADING')));
    storage.gate = true;
    now = 1_500;
    expect((await headings.of('ep')).get('a')).toBe('OLD HEADING');
    expect((await headings.of('ep')).get('a')).toBe('OLD HEADING');
    expect(storage.reads).toBe(2);
    const released = storage.pending!;
    storage.gate = false;
    released();
    await new Promise((resolve) => setImmediate(resolve));
    expect((await headings.of('ep')).get('a')).toBe('NEW HEADING');
    expect(storage.reads).toBe(2);

    // Too old to serve: reloaded before answering.
    storage.docs.set('ep', doc(scene('a', 'NEWEST')));
    now += 20_000;
    expect((await headings.of('ep')).get('a')).toBe('NEWEST');
    expect(storage.reads).toBe(3);

    // A miss may be a scene added a moment ago: `fresh` reads now, even within the TTL.
    storage.docs.set('ep', doc(scene('a', 'NEWEST'), scene('b', 'ADDED')));
    expect((await headings.of('ep')).has('b')).toBe(false);
    expect((await headings.of('ep', { fresh: true })).get('b')).toBe('ADDED');
    expect(storage.reads).toBe(4);
  });

  it('[TR4] ttlMs 0 reads on every call; an episode without a snapshot has no headings; the cache is bounded', async () => {
    const storage = new Canonicals();
    storage.docs.set('ep', doc(scene('a', 'A')));
    const always = new SceneHeadings(storage, { ttlMs: 0 });
    await always.of('ep');
    await always.of('ep');
    expect(storage.reads).toBe(2);
    expect((await always.of('none')).size).toBe(0);

    const small = new SceneHeadings(storage, { maxEpisodes: 2 });
    storage.reads = 0;
    for (const id of ['ep', 'e2', 'e3', 'ep']) await small.of(id);
    // 'ep' was the oldest of three and left; asking again reads it again.
    expect(storage.reads).toBe(4);
  });
});
