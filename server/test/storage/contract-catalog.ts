import { describe, expect, it } from 'vitest';
import { StorageNotFoundError } from '../../src/storage/common.js';
import type { StorageRef } from './contract.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** Contract tests for series, episodes and the bible. */
export function catalogContract(storage: StorageRef): void {
  /** A series with episodes titled by the given names, created in order. */
  async function seriesWith(titles: string[], language: 'zh' | 'en' = 'zh') {
    const series = await storage().createSeries({ title: '逆袭千金', language });
    for (const title of titles) await storage().createEpisode({ seriesId: series.id, title });
    return series;
  }
  /** The series' episode titles in list order, with their numbers. */
  async function order(seriesId: string, includeArchived = true) {
    const list = await storage().listEpisodes(seriesId, { includeArchived });
    return list.map((e) => `${e.number}:${e.title}`);
  }

  describe('series', () => {
    it('[ST1] createSeries returns a series with a UUID, ISO timestamps and not archived', async () => {
      const series = await storage().createSeries({ title: '霸总的契约新娘', language: 'zh' });
      expect(series).toMatchObject({ title: '霸总的契约新娘', language: 'zh', archived: false });
      expect(series.id).toMatch(UUID);
      expect(new Date(series.createdAt).toISOString()).toBe(series.createdAt);
      expect(series.updatedAt).toBe(series.createdAt);
      expect(await storage().getSeries(series.id)).toEqual(series);
    });

    it('[ST1] updateSeries changes only the given fields and moves updatedAt forward', async () => {
      const series = await storage().createSeries({ title: 'Old', language: 'en' });
      const renamed = await storage().updateSeries(series.id, { title: 'New' });
      expect(renamed).toMatchObject({ id: series.id, title: 'New', language: 'en', archived: false });
      expect(renamed!.createdAt).toBe(series.createdAt);
      expect(renamed!.updatedAt >= series.updatedAt).toBe(true);
      const switched = await storage().updateSeries(series.id, { language: 'zh' });
      expect(switched).toMatchObject({ title: 'New', language: 'zh' });
      expect(await storage().getSeries(series.id)).toEqual(switched);
    });

    it('[ST1] listSeries returns series in creation order', async () => {
      const titles = ['一', '二', '三', '四'];
      for (const title of titles) await storage().createSeries({ title, language: 'zh' });
      expect((await storage().listSeries()).map((s) => s.title)).toEqual(titles);
    });

    it('[ST2] archived series are left out of listSeries unless includeArchived, and can be restored', async () => {
      const kept = await storage().createSeries({ title: 'kept', language: 'en' });
      const gone = await storage().createSeries({ title: 'gone', language: 'en' });
      expect((await storage().updateSeries(gone.id, { archived: true }))?.archived).toBe(true);
      expect((await storage().listSeries()).map((s) => s.id)).toEqual([kept.id]);
      expect((await storage().listSeries({ includeArchived: true })).map((s) => s.id)).toEqual([kept.id, gone.id]);
      expect((await storage().getSeries(gone.id))?.archived).toBe(true);
      await storage().updateSeries(gone.id, { archived: false });
      expect((await storage().listSeries()).map((s) => s.id)).toEqual([kept.id, gone.id]);
    });

    it('[ST3] get and update of an unknown series return null', async () => {
      expect(await storage().getSeries(UNKNOWN)).toBeNull();
      expect(await storage().updateSeries(UNKNOWN, { title: 'x' })).toBeNull();
      expect(await storage().listSeries({ includeArchived: true })).toEqual([]);
    });
  });

  describe('episodes', () => {
    it('[ST4] createEpisode appends as number max+1 with draft status and the series language', async () => {
      const series = await storage().createSeries({ title: 'S', language: 'zh' });
      const first = await storage().createEpisode({ seriesId: series.id, title: '第一集' });
      expect(first).toMatchObject({
        seriesId: series.id,
        number: 1,
        title: '第一集',
        language: 'zh',
        status: 'draft',
        assignee: null,
        archived: false,
        runtimeSeconds: 0,
        sceneCount: 0,
      });
      expect(first.id).toMatch(UUID);
      expect(new Date(first.createdAt).toISOString()).toBe(first.createdAt);
      const second = await storage().createEpisode({ seriesId: series.id, title: 'Pilot EN', language: 'en', assignee: 'lin' });
      expect(second).toMatchObject({ number: 2, language: 'en', assignee: 'lin' });
      expect(await storage().getEpisode(second.id)).toEqual(second);
    });

    it('[ST4] createEpisode with a number inserts there and shifts the later episodes down', async () => {
      const series = await seriesWith(['A', 'B', 'C']);
      const x = await storage().createEpisode({ seriesId: series.id, title: 'X', number: 2 });
      expect(x.number).toBe(2);
      expect(await order(series.id)).toEqual(['1:A', '2:X', '3:B', '4:C']);
      await storage().createEpisode({ seriesId: series.id, title: 'Z', number: 99 });
      await storage().createEpisode({ seriesId: series.id, title: 'F', number: 1 });
      expect(await order(series.id)).toEqual(['1:F', '2:A', '3:X', '4:B', '5:C', '6:Z']);
    });

    it('[ST5] moving an episode later shifts the ones between up, keeping numbers 1..n', async () => {
      const series = await seriesWith(['A', 'B', 'C', 'D', 'E']);
      const [a] = await storage().listEpisodes(series.id);
      const moved = await storage().updateEpisode(a!.id, { number: 4 });
      expect(moved?.number).toBe(4);
      expect(await order(series.id)).toEqual(['1:B', '2:C', '3:D', '4:A', '5:E']);
    });

    it('[ST5] moving an episode earlier shifts the ones between down, keeping numbers 1..n', async () => {
      const series = await seriesWith(['A', 'B', 'C', 'D', 'E']);
      const e = (await storage().listEpisodes(series.id))[4]!;
      await storage().updateEpisode(e.id, { number: 2 });
      expect(await order(series.id)).toEqual(['1:A', '2:E', '3:B', '4:C', '5:D']);
      // Out-of-range positions clamp to the ends; the same position is a no-op.
      await storage().updateEpisode(e.id, { number: 0 });
      expect(await order(series.id)).toEqual(['1:E', '2:A', '3:B', '4:C', '5:D']);
      await storage().updateEpisode(e.id, { number: 50 });
      expect(await order(series.id)).toEqual(['1:A', '2:B', '3:C', '4:D', '5:E']);
      await storage().updateEpisode(e.id, { number: 5 });
      expect(await order(series.id)).toEqual(['1:A', '2:B', '3:C', '4:D', '5:E']);
    });

    it('[ST5] a non-integer episode number is rejected and changes nothing', async () => {
      const series = await seriesWith(['A', 'B']);
      const b = (await storage().listEpisodes(series.id))[1]!;
      await expect(storage().updateEpisode(b.id, { number: 1.5, title: 'changed' })).rejects.toThrow(RangeError);
      await expect(storage().createEpisode({ seriesId: series.id, title: 'C', number: Number.NaN })).rejects.toThrow(RangeError);
      expect(await order(series.id)).toEqual(['1:A', '2:B']);
    });

    it('[ST5] a seeded run of random moves keeps numbers unique and contiguous and matches a model', async () => {
      const seed = 20240611;
      let state = seed;
      const rand = (n: number) => {
        // mulberry32: deterministic, so a failure can be replayed from the seed.
        state = (state + 0x6d2b79f5) | 0;
        let t = Math.imul(state ^ (state >>> 15), 1 | state);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) % n;
      };
      const titles = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
      const series = await seriesWith(titles);
      const model = [...titles];
      for (let step = 0; step < 25; step++) {
        const list = await storage().listEpisodes(series.id, { includeArchived: true });
        const from = rand(list.length);
        const to = rand(list.length) + 1;
        await storage().updateEpisode(list[from]!.id, { number: to });
        const [title] = model.splice(from, 1);
        model.splice(to - 1, 0, title!);
        expect(await order(series.id), `seed ${seed} step ${step}`).toEqual(model.map((t, i) => `${i + 1}:${t}`));
      }
    });

    it('[ST5] updateEpisode changes status, title and assignee (null clears it) and moves updatedAt', async () => {
      const series = await seriesWith([]);
      const ep = await storage().createEpisode({ seriesId: series.id, title: 'T', assignee: 'wang' });
      const patched = await storage().updateEpisode(ep.id, { status: 'in_review', title: 'T2' });
      expect(patched).toMatchObject({ status: 'in_review', title: 'T2', assignee: 'wang', number: 1 });
      expect(patched!.updatedAt >= ep.updatedAt).toBe(true);
      expect((await storage().updateEpisode(ep.id, { assignee: null }))?.assignee).toBeNull();
      expect((await storage().updateEpisode(ep.id, { status: 'locked' }))?.status).toBe('locked');
      expect(await storage().getEpisode(ep.id)).toMatchObject({ status: 'locked', title: 'T2', assignee: null });
    });

    it('[ST2] archived episodes are left out of listEpisodes unless includeArchived and keep their number', async () => {
      const series = await seriesWith(['A', 'B', 'C']);
      const b = (await storage().listEpisodes(series.id))[1]!;
      expect((await storage().updateEpisode(b.id, { archived: true }))?.archived).toBe(true);
      expect(await order(series.id, false)).toEqual(['1:A', '3:C']);
      expect(await order(series.id, true)).toEqual(['1:A', '2:B', '3:C']);
      await storage().updateEpisode(b.id, { archived: false });
      expect(await order(series.id, false)).toEqual(['1:A', '2:B', '3:C']);
    });

    it('[ST6] listEpisodes returns only the given series, ordered by number', async () => {
      const one = await seriesWith(['A1', 'A2']);
      const two = await seriesWith(['B1']);
      expect(await order(one.id)).toEqual(['1:A1', '2:A2']);
      expect(await order(two.id)).toEqual(['1:B1']);
      expect(await storage().listEpisodes(UNKNOWN)).toEqual([]);
    });

    it('[ST3] get and update of an unknown episode return null', async () => {
      expect(await storage().getEpisode(UNKNOWN)).toBeNull();
      expect(await storage().updateEpisode(UNKNOWN, { title: 'x', number: 1 })).toBeNull();
    });

    it('[ST7] creating an episode in an unknown series rejects with StorageNotFoundError', async () => {
      const err = await storage()
        .createEpisode({ seriesId: UNKNOWN, title: 'x' })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StorageNotFoundError);
      expect(err).toMatchObject({ code: 'ST_NOT_FOUND', entity: 'series', id: UNKNOWN });
    });
  });

  describe('bible', () => {
    it('[ST8] characters and locations round-trip with Chinese and English aliases, in creation order', async () => {
      const series = await seriesWith([]);
      const other = await seriesWith([]);
      const lin = await storage().createCharacter({
        seriesId: series.id,
        name: '林晚晴',
        aliases: ['晚晴', 'Wanqing', 'Lin'],
        description: '女主，隐藏的豪门千金',
      });
      expect(lin.id).toMatch(UUID);
      const gu = await storage().createCharacter({ seriesId: series.id, name: '顾霆深', aliases: [], description: '' });
      const office = await storage().createLocation({
        seriesId: series.id,
        name: '顾氏集团总裁办公室',
        aliases: ['办公室', 'Office'],
        description: '落地窗，俯瞰全城',
      });
      await storage().createCharacter({ seriesId: other.id, name: 'Elsewhere', aliases: [], description: '' });
      expect(await storage().getBible(series.id)).toEqual({ characters: [lin, gu], locations: [office] });
      expect(await storage().getBible(UNKNOWN)).toEqual({ characters: [], locations: [] });
    });

    it('[ST8] updateCharacter and updateLocation change only the given fields', async () => {
      const series = await seriesWith([]);
      const c = await storage().createCharacter({ seriesId: series.id, name: 'A', aliases: ['a'], description: 'd' });
      expect(await storage().updateCharacter(c.id, { aliases: ['阿', 'Ah'] })).toEqual({ ...c, aliases: ['阿', 'Ah'] });
      expect(await storage().updateCharacter(c.id, { name: 'B', description: '' })).toEqual({
        ...c,
        name: 'B',
        aliases: ['阿', 'Ah'],
        description: '',
      });
      const l = await storage().createLocation({ seriesId: series.id, name: 'L', aliases: [], description: '' });
      expect(await storage().updateLocation(l.id, { name: '天台', aliases: ['Rooftop'] })).toEqual({
        ...l,
        name: '天台',
        aliases: ['Rooftop'],
      });
      expect((await storage().getBible(series.id)).locations).toEqual([{ ...l, name: '天台', aliases: ['Rooftop'] }]);
    });

    it('[ST8] delete removes the entry and reports whether it existed', async () => {
      const series = await seriesWith([]);
      const c = await storage().createCharacter({ seriesId: series.id, name: 'A', aliases: [], description: '' });
      const l = await storage().createLocation({ seriesId: series.id, name: 'L', aliases: [], description: '' });
      expect(await storage().deleteCharacter(c.id)).toBe(true);
      expect(await storage().deleteCharacter(c.id)).toBe(false);
      expect(await storage().deleteLocation(l.id)).toBe(true);
      expect(await storage().deleteLocation(l.id)).toBe(false);
      expect(await storage().getBible(series.id)).toEqual({ characters: [], locations: [] });
    });

    it('[ST3] update of an unknown bible entry returns null', async () => {
      expect(await storage().updateCharacter(UNKNOWN, { name: 'x' })).toBeNull();
      expect(await storage().updateLocation(UNKNOWN, { name: 'x' })).toBeNull();
    });

    it('[ST7] a bible entry of an unknown series rejects with StorageNotFoundError', async () => {
      const entry = { seriesId: UNKNOWN, name: 'x', aliases: [], description: '' };
      await expect(storage().createCharacter(entry)).rejects.toBeInstanceOf(StorageNotFoundError);
      await expect(storage().createLocation(entry)).rejects.toBeInstanceOf(StorageNotFoundError);
    });
  });

  it('[ST9] migrate is idempotent and keeps the data', async () => {
    const series = await seriesWith(['A']);
    await storage().migrate();
    await storage().migrate();
    expect(await order(series.id)).toEqual(['1:A']);
  });
}
