import type { EvidenceAnchor } from '@loopline/shared';
import type { NewEvidenceLink, NewFeedbackItem, NewRevision, Storage } from '../../src/storage/types.js';
import { feedbackItem } from './contract-feedback.js';

/** A series with two episodes, two users (a writer and a showrunner) and helpers to add feedback and links. */
export interface EvidenceWorld {
  seriesId: string;
  e1: string;
  e2: string;
  writer: { id: string; name: string };
  showrunner: { id: string; name: string };
  /** Stores the items (`n` picks time and external id) and returns their ids by `n`. */
  items(list: (Partial<NewFeedbackItem> & { n: number })[]): Promise<Map<number, string>>;
  /** A link to scene `sceneId` of e1 (by default) made by the writer. */
  link(over: Partial<NewEvidenceLink> & { sceneId?: string }): ReturnType<Storage['createLink']>;
}

export function sceneAnchor(sceneId: string, heading = `INT. ${sceneId} - NIGHT`): EvidenceAnchor {
  return { kind: 'scene', sceneId, heading };
}

let users = 0;

export async function evidenceWorld(storage: Storage, title = '签收双胞胎'): Promise<EvidenceWorld> {
  const series = await storage.createSeries({ title, language: 'zh' });
  const e1 = await storage.createEpisode({ seriesId: series.id, title: '第1集' });
  const e2 = await storage.createEpisode({ seriesId: series.id, title: '第2集' });
  const n = users++;
  const writer = await storage.createUser({ email: `writer${n}-${series.id}@demo.test`, displayName: '林写手', passwordHash: 'x' });
  const showrunner = await storage.createUser({ email: `show${n}-${series.id}@demo.test`, displayName: 'Showrunner Sun', passwordHash: 'x' });
  const seriesId = series.id;
  return {
    seriesId,
    e1: e1.id,
    e2: e2.id,
    writer: { id: writer.id, name: writer.displayName },
    showrunner: { id: showrunner.id, name: showrunner.displayName },
    async items(list) {
      await storage.insertFeedbackBatch(list.map((over) => feedbackItem(seriesId, { externalId: `x${over.n}`, ...over })));
      const ids = new Map<number, string>();
      let cursor: string | null = null;
      do {
        const page = await storage.searchFeedback({ seriesId, limit: 500, cursor });
        for (const item of page.items) {
          const m = /^x(\d+)$/.exec(item.externalId ?? '');
          if (m) ids.set(Number(m[1]), item.id);
        }
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    },
    link(over) {
      const { sceneId = 'scene-1', ...rest } = over;
      return storage.createLink({
        seriesId,
        episodeId: e1.id,
        anchor: sceneAnchor(sceneId),
        evidenceSetId: null,
        itemIds: [],
        authorId: writer.id,
        rationale: '观众看不懂双胞胎的身份',
        stance: 'motivates',
        weight: 2,
        state: 'anchored',
        ...rest,
      });
    },
  };
}

/** Ids of the map's entries for these `n`s. */
export function pick(ids: Map<number, string>, ...ns: number[]): string[] {
  return ns.map((n) => {
    const id = ids.get(n);
    if (id === undefined) throw new Error(`no item ${n}`);
    return id;
  });
}

/** A new revision of e1 by the writer, with a small state and document. */
export const revisionInput = (w: { seriesId: string; e1: string; writer: { id: string } }, linkIds: string[] = []): NewRevision => ({
  seriesId: w.seriesId,
  episodeId: w.e1,
  colour: 'Blue',
  summary: 'Clarify the twins',
  authorIds: [],
  createdBy: w.writer.id,
  state: new Uint8Array([1, 2, 3]),
  doc: { type: 'doc', content: [] },
  sceneCount: 1,
  runtimeSeconds: 60,
  linkIds,
});
