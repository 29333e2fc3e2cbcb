import { changedBlocks, changedSceneIds, diffEpisodes, type EpisodeDiff, sceneTextblocks } from '@loopline/shared';
import type { Node } from 'prosemirror-model';
import { type Command, type EditorState, Plugin, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import { revisionModeKey } from '../keys.js';
import './revisionMode.css';

/** The revision the editor compares against. */
export interface RevisionModeBase {
  revisionId: string;
  /** Its colour name, shown on the marks' tooltip ("changed since Blue"). */
  colour: string;
  /** The revision's script as taken (`GET /api/revisions/:id/doc`, parsed with the script schema). */
  doc: Node;
  /** Tooltip of a `*` mark, in the UI language. */
  markTitle?: string;
}

/** What revision mode knows about the document now. */
export interface RevisionModeState {
  base: RevisionModeBase | null;
  /** The diff of the last computation (null: mode off). */
  diff: EpisodeDiff | null;
  /** Scene ids changed since the base (added, moved, changed), in the diff's order. */
  changedScenes: readonly string[];
  /** Marked block indexes per scene id (`changedBlocks`). */
  marks: ReadonlyMap<string, readonly number[]>;
  /** Links per changed scene (counts drawn beside headings), set from outside. */
  evidenceCounts: Readonly<Record<string, number>>;
  /** The document changed since the last computation: a refresh is due. */
  stale: boolean;
  decorations: DecorationSet;
}

/** Transaction meta of the plugin. */
export type RevisionModeMeta =
  | { type: 'set'; base: RevisionModeBase }
  | { type: 'clear' }
  | { type: 'refresh' }
  | { type: 'evidence'; counts: Readonly<Record<string, number>> };

const OFF: Omit<RevisionModeState, 'decorations'> = { base: null, diff: null, changedScenes: [], marks: new Map(), evidenceCounts: {}, stale: false };

/** The `*` in the right margin of a changed line: a widget of its own, so the line's ::before/::after stay free. */
function markWidget(title: string | undefined): () => HTMLElement {
  return () => {
    const el = document.createElement('span');
    el.className = 'rv-mark';
    // The `*` is drawn by CSS: it is not text of the line (copying, reading or a line's textContent never include it).
    el.dataset.mark = '*';
    el.contentEditable = 'false';
    el.setAttribute('aria-hidden', 'true');
    if (title) el.title = title;
    return el;
  };
}

function evidenceWidget(count: number): () => HTMLElement {
  return () => {
    const el = document.createElement('span');
    el.className = `rv-evidence-count${count === 0 ? ' is-none' : ''}`;
    el.contentEditable = 'false';
    el.dataset.testid = 'rv-evidence-count';
    el.dataset.count = String(count);
    return el;
  };
}

/**
 * Diffs the base against `doc` and draws: a `*` widget and an `rv-changed`
 * node decoration on every block `changedBlocks` lists [UR7], and on each
 * changed scene's heading its status (`data-rv-scene`) and evidence count.
 */
export function computeRevisionMode(
  doc: Node,
  base: RevisionModeBase,
  evidenceCounts: Readonly<Record<string, number>>,
): Omit<RevisionModeState, 'base' | 'evidenceCounts' | 'stale'> {
  const diff = diffEpisodes(base.doc, doc);
  const changedScenes = changedSceneIds(diff);
  const changed = new Set(changedScenes);
  const status = new Map(diff.scenes.filter((s) => s.sceneId !== null && s.status !== 'removed').map((s) => [s.sceneId!, s]));
  const marks = new Map<string, number[]>();
  const decorations: Decoration[] = [];
  doc.forEach((scene, scenePos) => {
    const sceneId = scene.attrs.sceneId as string | null;
    if (!sceneId || !changed.has(sceneId)) return;
    const blocks = sceneTextblocks(scene);
    const indexes = changedBlocks(diff, sceneId);
    marks.set(sceneId, indexes);
    for (const index of indexes) {
      const block = blocks[index];
      if (!block) continue;
      const from = scenePos + 1 + block.offset;
      const spec = { revisionMark: true, sceneId, blockIndex: index };
      decorations.push(Decoration.node(from, from + block.node.nodeSize, { class: 'rv-changed' }, spec));
      decorations.push(Decoration.widget(from + 1, markWidget(base.markTitle), { ...spec, side: -1, ignoreSelection: true, key: `rv-mark-${base.markTitle ?? ''}` }));
    }
    const heading = blocks[0];
    const info = status.get(sceneId);
    if (heading && info) {
      const from = scenePos + 1 + heading.offset;
      const labels = [info.status !== 'unchanged' ? info.status : null, info.moved ? 'moved' : null].filter(Boolean).join(' ');
      decorations.push(Decoration.node(from, from + heading.node.nodeSize, { 'data-rv-scene': labels }, { revisionScene: true, sceneId }));
      const count = evidenceCounts[sceneId];
      if (count !== undefined) {
        decorations.push(
          Decoration.widget(from + heading.node.nodeSize - 1, evidenceWidget(count), { side: 1, ignoreSelection: true, key: `rv-ev-${count}`, revisionEvidence: true, sceneId }),
        );
      }
    }
  });
  return { diff, changedScenes, marks, decorations: DecorationSet.create(doc, decorations) };
}

function full(doc: Node, base: RevisionModeBase, evidenceCounts: Readonly<Record<string, number>>): RevisionModeState {
  return { base, evidenceCounts, stale: false, ...computeRevisionMode(doc, base, evidenceCounts) };
}

function sameCounts(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

function apply(tr: Transaction, old: RevisionModeState, state: EditorState): RevisionModeState {
  const meta = tr.getMeta(revisionModeKey) as RevisionModeMeta | undefined;
  if (meta?.type === 'set') return full(state.doc, meta.base, old.evidenceCounts);
  if (meta?.type === 'clear') return { ...OFF, decorations: DecorationSet.empty };
  if (!old.base) return meta?.type === 'evidence' ? { ...old, evidenceCounts: meta.counts } : old;
  if (meta?.type === 'refresh') return full(state.doc, old.base, old.evidenceCounts);
  if (meta?.type === 'evidence') return sameCounts(old.evidenceCounts, meta.counts) ? old : full(state.doc, old.base, meta.counts);
  // Between refreshes the marks ride along with the edit; remote changes arrive
  // as whole-document replaces (STACK.md), which drop them until the refresh.
  if (tr.docChanged) return { ...old, stale: true, decorations: old.decorations.map(tr.mapping, tr.doc) };
  return old;
}

/** Options of {@link revisionModePlugin}. */
export interface RevisionModeOptions {
  /** Quiet time after the last edit before the diff is recomputed (ms). */
  debounceMs?: number;
}

/**
 * Revision mode [UR7]: with a base revision set, every block changed since
 * it carries a `*` in the right margin, and each changed scene's heading its
 * status and evidence count. The diff (`diffEpisodes` of the base against
 * the live document) is recomputed `debounceMs` after typing stops, not on
 * every keystroke. Off (no decorations, no work) until a base is set.
 */
export function revisionModePlugin(options: RevisionModeOptions = {}): Plugin<RevisionModeState> {
  const debounceMs = options.debounceMs ?? 400;
  return new Plugin<RevisionModeState>({
    key: revisionModeKey,
    state: {
      init: () => ({ ...OFF, decorations: DecorationSet.empty }),
      apply,
    },
    props: {
      decorations: (state) => revisionModeKey.getState(state)?.decorations,
    },
    view: () => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      return {
        update(view: EditorView) {
          const current = revisionModeKey.getState(view.state);
          if (!current?.stale) return;
          clearTimeout(timer);
          timer = setTimeout(() => {
            if (!view.isDestroyed && revisionModeKey.getState(view.state)?.stale) refreshRevisionMode(view.state, view.dispatch);
          }, debounceMs);
        },
        destroy() {
          clearTimeout(timer);
        },
      };
    },
  });
}

function metaCommand(meta: RevisionModeMeta): Command {
  return (state, dispatch) => {
    if (!revisionModeKey.getState(state)) return false;
    dispatch?.(state.tr.setMeta(revisionModeKey, meta).setMeta('addToHistory', false));
    return true;
  };
}

/** Turns revision mode on against `base` (or switches to another revision). */
export const setRevisionBase = (base: RevisionModeBase): Command => metaCommand({ type: 'set', base });
/** Turns revision mode off. */
export const clearRevisionMode: Command = metaCommand({ type: 'clear' });
/** Recomputes the diff now (the plugin does it on its own after typing stops). */
export const refreshRevisionMode: Command = metaCommand({ type: 'refresh' });
/** Sets how many links each changed scene has (drawn beside its heading). */
export const setRevisionEvidence = (counts: Readonly<Record<string, number>>): Command => metaCommand({ type: 'evidence', counts });

/** The plugin's state, or null when the editor has no revision mode. */
export function revisionModeOf(state: EditorState | null): RevisionModeState | null {
  return state ? (revisionModeKey.getState(state) ?? null) : null;
}
