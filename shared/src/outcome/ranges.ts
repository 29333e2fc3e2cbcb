import { Node } from 'prosemirror-model';
import type { Language } from '../domain/types.js';
import { changedSceneIds } from '../revisions/query.js';
import type { EpisodeDiff } from '../revisions/types.js';
import { NodeName } from '../schema/nodes.js';
import { scriptSchema } from '../schema/schema.js';
import { estimateSceneRuntime } from '../script/runtime.js';

/** Seconds of an episode's video: from (inclusive) to (exclusive). */
export interface TimeRange {
  fromSecond: number;
  toSecond: number;
}

/** Where one scene falls in the episode's video, by the runtime estimate [OC2]. */
export interface SceneTimeRange extends TimeRange {
  /** The scene's id (null only in a document not yet repaired). */
  sceneId: string | null;
  /** 0-based position among the episode's scenes. */
  index: number;
}

const roundTenth = (seconds: number): number => Math.round(seconds * 10) / 10;

/**
 * Each scene's [fromSecond, toSecond) in the episode's video [OC2]: scenes
 * back to back from 0 in document order, each as long as its runtime
 * estimate (`estimateSceneRuntime`: 4.5 characters a second for Chinese,
 * 2.5 words for English), so the last scene ends at `estimateEpisodeRuntime`.
 * Takes a ProseMirror node or its JSON (as stored with a revision).
 */
export function sceneTimeRanges(doc: Node | unknown, language: Language): SceneTimeRange[] {
  const node = doc instanceof Node ? doc : scriptSchema.nodeFromJSON(doc);
  const out: SceneTimeRange[] = [];
  let at = 0;
  node.forEach((scene) => {
    if (scene.type.name !== NodeName.scene) return;
    const raw: unknown = scene.attrs.sceneId;
    const to = roundTenth(at + estimateSceneRuntime(scene, language));
    out.push({ sceneId: typeof raw === 'string' && raw !== '' ? raw : null, index: out.length, fromSecond: at, toSecond: to });
    at = to;
  });
  return out;
}

/**
 * The span of the video covering every scene the diff reports added, moved
 * or changed, timed in the diff's AFTER document (`ranges` of that document)
 * [OC2]. A removed scene has no time in the after document and adds nothing;
 * null when no changed scene has a range.
 */
export function changedRange(diff: EpisodeDiff, ranges: readonly SceneTimeRange[]): TimeRange | null {
  const byId = new Map<string, SceneTimeRange>();
  for (const r of ranges) if (r.sceneId !== null && !byId.has(r.sceneId)) byId.set(r.sceneId, r);
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const id of changedSceneIds(diff)) {
    const r = byId.get(id);
    if (!r) continue;
    from = Math.min(from, r.fromSecond);
    to = Math.max(to, r.toSecond);
  }
  return from === Number.POSITIVE_INFINITY ? null : { fromSecond: from, toSecond: to };
}
