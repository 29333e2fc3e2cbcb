import { NodeName } from '@loopline/shared';
import type { Storage } from '../storage/types.js';

/**
 * Scene headings "now" for traces [TR4]: read from the episode's canonical
 * snapshot (the debounced ProseMirror JSON the outline reads), kept per
 * episode in memory so a trace never parses a whole script on its hot path.
 *
 * An entry younger than `ttlMs` is served as is; an older one is served while
 * one background refresh runs (the canonical itself trails the live script by
 * its save debounce, so a heading a second or two old is no new staleness);
 * an entry older than `maxStaleMs` — nobody asked for a while — is reloaded
 * before answering. `ttlMs: 0` reloads on every call (tests that rename).
 */

/** Scene id → heading text, in document order. */
export type HeadingMap = ReadonlyMap<string, string>;

export interface SceneHeadingsOptions {
  /** Serve without refreshing while younger than this (default 2,000 ms). */
  ttlMs?: number;
  /** Reload before answering when older than this (default 30,000 ms). */
  maxStaleMs?: number;
  /** Episodes kept (the least recently loaded leave first; default 5,000). */
  maxEpisodes?: number;
  now?: () => number;
  /** A background refresh failed (the old entry stays). */
  onError?: (err: unknown, episodeId: string) => void;
}

interface Entry {
  headings: HeadingMap;
  loadedAt: number;
  refreshing: Promise<HeadingMap> | null;
}

interface JsonNode {
  type?: unknown;
  attrs?: { sceneId?: unknown } | null;
  text?: unknown;
  content?: unknown;
}

function textOf(node: JsonNode): string {
  if (typeof node.text === 'string') return node.text;
  if (!Array.isArray(node.content)) return '';
  let out = '';
  for (const child of node.content as JsonNode[]) out += textOf(child);
  return out;
}

/**
 * The headings of a ProseMirror JSON episode: each scene's id and the text of
 * its heading block, trimmed. The first scene carrying an id owns it [SC1].
 */
export function headingsOfDoc(doc: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const content = (doc as JsonNode | null)?.content;
  if (!Array.isArray(content)) return out;
  for (const scene of content as JsonNode[]) {
    if (scene?.type !== NodeName.scene) continue;
    const id = scene.attrs?.sceneId;
    if (typeof id !== 'string' || out.has(id)) continue;
    const first = Array.isArray(scene.content) ? (scene.content[0] as JsonNode | undefined) : undefined;
    out.set(id, first?.type === NodeName.sceneHeading ? textOf(first).trim() : '');
  }
  return out;
}

/** The per-episode heading cache over canonical snapshots. */
export class SceneHeadings {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxStaleMs: number;
  private readonly maxEpisodes: number;
  private readonly now: () => number;

  constructor(
    private readonly storage: Pick<Storage, 'getCanonical'>,
    private readonly opts: SceneHeadingsOptions = {},
  ) {
    this.ttlMs = opts.ttlMs ?? 2_000;
    this.maxStaleMs = Math.max(this.ttlMs, opts.maxStaleMs ?? 30_000);
    this.maxEpisodes = opts.maxEpisodes ?? 5_000;
    this.now = opts.now ?? Date.now;
  }

  /**
   * The episode's scene headings (empty when it has no canonical snapshot
   * yet). `fresh` reads the snapshot now (for a miss that may be a scene
   * added a moment ago; concurrent reads share one).
   */
  async of(episodeId: string, opts: { fresh?: boolean } = {}): Promise<HeadingMap> {
    const entry = this.entries.get(episodeId);
    if (!entry) return this.load(episodeId, null);
    if (opts.fresh) return this.load(episodeId, entry);
    const age = this.now() - entry.loadedAt;
    if (age < this.ttlMs) return entry.headings;
    if (age >= this.maxStaleMs || this.ttlMs === 0) return this.load(episodeId, entry);
    if (!entry.refreshing) {
      void this.load(episodeId, entry).catch((err: unknown) => this.opts.onError?.(err, episodeId));
    }
    return entry.headings;
  }

  /** Forgets an episode (its script was replaced wholesale, e.g. by a test or an import). */
  forget(episodeId: string): void {
    this.entries.delete(episodeId);
  }

  private load(episodeId: string, entry: Entry | null): Promise<HeadingMap> {
    if (entry?.refreshing) return entry.refreshing;
    const loading = this.storage.getCanonical(episodeId).then(
      (canonical) => {
        const headings = headingsOfDoc(canonical?.doc);
        this.entries.delete(episodeId);
        this.entries.set(episodeId, { headings, loadedAt: this.now(), refreshing: null });
        this.evict();
        return headings;
      },
      (err: unknown) => {
        if (entry) entry.refreshing = null;
        throw err;
      },
    );
    if (entry) entry.refreshing = loading;
    return loading;
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEpisodes) return;
      this.entries.delete(key);
    }
  }
}
