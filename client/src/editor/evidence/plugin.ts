import type { EvidenceLink, LinkState } from '@loopline/shared';
import { anchorIsKnown, evaluateLinks, resolveSpanRange } from '@loopline/shared/collab';
import type { Node } from 'prosemirror-model';
import { type Command, type EditorState, Plugin, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import type * as Y from 'yjs';
import { evidenceKey, ySyncPluginKey } from '../keys.js';
import './evidence.css';

/** A span's place in the editor's document now. */
export interface DocRange {
  from: number;
  to: number;
}

/** What the evidence plugin knows about the document now. */
export interface EvidenceMarksState {
  /** The episode's links as loaded by the side panel (set from outside). */
  links: readonly EvidenceLink[];
  /**
   * Per link id, its state on this client's document [UE6]: evaluated
   * locally, or the server's while the quoted text has not reached this
   * replica yet (`anchorIsKnown`).
   */
  states: ReadonlyMap<string, LinkState>;
  /** Per link id, where its span is now (anchored and drifted span links only). */
  spans: ReadonlyMap<string, DocRange>;
  /** Links per scene id, orphaned ones left out (their scene is gone). */
  counts: ReadonlyMap<string, number>;
  /** The link the side panel points at (drawn stronger). */
  focused: string | null;
  /** The document changed locally since the last evaluation: a refresh is due. */
  stale: boolean;
  badgeTitle: (count: number) => string;
  decorations: DecorationSet;
}

/** Transaction meta of the plugin. */
export type EvidenceMeta =
  | { type: 'links'; links: readonly EvidenceLink[]; badgeTitle?: (count: number) => string }
  | { type: 'focus'; linkId: string | null }
  | { type: 'refresh' };

const defaultTitle = (count: number) => `⚑ ${count}`;

/** Position of the first scene carrying each id (scene-id repair gives an id to the first in document order). */
function scenePositions(doc: Node): Map<string, { pos: number; node: Node }> {
  const out = new Map<string, { pos: number; node: Node }>();
  doc.forEach((node, pos) => {
    const id = node.attrs.sceneId as unknown;
    if (typeof id === 'string' && id !== '' && !out.has(id)) out.set(id, { pos, node });
  });
  return out;
}

function badge(sceneId: string, count: number, title: string): () => HTMLElement {
  return () => {
    const el = document.createElement('span');
    el.className = 'ev-scene-badge';
    el.contentEditable = 'false';
    el.dataset.testid = 'evidence-scene-badge';
    el.dataset.sceneId = sceneId;
    el.dataset.count = String(count);
    el.title = title;
    el.textContent = `⚑ ${count}`;
    return el;
  };
}

type Computed = Pick<EvidenceMarksState, 'states' | 'spans' | 'counts' | 'decorations'>;

/**
 * Evaluates every link against the Y.Doc and draws [UE6] [UE7]: an inline
 * decoration over each anchored or drifted span, exactly where
 * `resolveSpanRange` finds it now, and a count badge at the start of each
 * heading whose scene carries evidence. `doc` must be the document the
 * Y.Doc holds (see the plugin's apply for when that is true).
 */
export function computeEvidenceMarks(doc: Node, ydoc: Y.Doc, links: readonly EvidenceLink[], focused: string | null, badgeTitle: (count: number) => string): Computed {
  const local = evaluateLinks(ydoc, links.map((l) => l.anchor));
  const scenes = scenePositions(doc);
  const states = new Map<string, LinkState>();
  const spans = new Map<string, DocRange>();
  const counts = new Map<string, number>();
  const decorations: Decoration[] = [];
  links.forEach((link, i) => {
    const state = anchorIsKnown(ydoc, link.anchor) ? (local[i] ?? link.state) : link.state;
    states.set(link.id, state);
    if (state === 'orphaned') return;
    counts.set(link.sceneId, (counts.get(link.sceneId) ?? 0) + 1);
    const scene = scenes.get(link.sceneId);
    if (link.anchor.kind !== 'span' || !scene || (state !== 'anchored' && state !== 'drifted')) return;
    const range = resolveSpanRange(ydoc, link.anchor);
    if (!range) return;
    const from = scene.pos + 1 + range.from;
    const to = scene.pos + 1 + range.to;
    // A Y.Doc a step ahead of the editor (between a remote update and its replace) is skipped, not drawn off by some characters.
    if (from >= to || to > scene.pos + scene.node.nodeSize - 1) return;
    spans.set(link.id, { from, to });
    const classes = `ev-span ev-span-${state}${focused === link.id ? ' is-focused' : ''}`;
    decorations.push(Decoration.inline(from, to, { class: classes, 'data-evidence-link': link.id }, { evidenceLink: link.id }));
  });
  for (const [sceneId, count] of counts) {
    const scene = scenes.get(sceneId);
    if (!scene || scene.node.childCount === 0) continue;
    decorations.push(
      Decoration.widget(scene.pos + 2, badge(sceneId, count, badgeTitle(count)), {
        side: -1,
        ignoreSelection: true,
        key: `ev-badge-${sceneId}-${count}`,
        evidenceScene: sceneId,
      }),
    );
  }
  return { states, spans, counts, decorations: DecorationSet.create(doc, decorations) };
}

function fresh(state: EditorState, ydoc: Y.Doc, base: Omit<EvidenceMarksState, keyof Computed | 'stale'>): EvidenceMarksState {
  return { ...base, stale: false, ...computeEvidenceMarks(state.doc, ydoc, base.links, base.focused, base.badgeTitle) };
}

function mapSpans(spans: ReadonlyMap<string, DocRange>, tr: Transaction): Map<string, DocRange> {
  const out = new Map<string, DocRange>();
  for (const [id, r] of spans) {
    const from = tr.mapping.map(r.from, 1);
    const to = tr.mapping.map(r.to, -1);
    if (from < to) out.set(id, { from, to });
  }
  return out;
}

/** Whether y-prosemirror wrote this transaction from a Yjs change (remote edit, undo): the Y.Doc already holds it. */
const fromYjs = (tr: Transaction): boolean => (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true;

/**
 * Evidence marks in the editor [UE6] [UE7]: the linked spans highlighted and
 * a count badge on scenes that carry evidence, following edits live.
 *
 * Links are resolved on the client's own Y.Doc with shared's
 * `resolveSpanRange`/`evaluateLinks`, never mapped from stale positions:
 * y-prosemirror applies remote changes as whole-document replaces
 * (STACK.md). A transaction coming from Yjs (remote edit, undo) finds the
 * Y.Doc already up to date, so it is evaluated at once. A local edit reaches
 * the Y.Doc only in the sync plugin's view update, after this plugin's
 * apply: its decorations are mapped through the edit (exact for a local
 * change) and a refresh follows in a microtask, which also updates states
 * (typing inside a span drifts it).
 */
export function evidencePlugin(ydoc: Y.Doc): Plugin<EvidenceMarksState> {
  return new Plugin<EvidenceMarksState>({
    key: evidenceKey,
    state: {
      init: () => ({
        links: [],
        states: new Map(),
        spans: new Map(),
        counts: new Map(),
        focused: null,
        stale: false,
        badgeTitle: defaultTitle,
        decorations: DecorationSet.empty,
      }),
      apply(tr, old, _before, after) {
        const meta = tr.getMeta(evidenceKey) as EvidenceMeta | undefined;
        const base = { links: old.links, focused: old.focused, badgeTitle: old.badgeTitle };
        if (meta?.type === 'links') {
          base.links = meta.links;
          base.badgeTitle = meta.badgeTitle ?? old.badgeTitle;
        } else if (meta?.type === 'focus') base.focused = meta.linkId;
        if (base.links.length === 0) {
          return old.links.length === 0 && !meta ? old : fresh(after, ydoc, base);
        }
        if (tr.docChanged && !fromYjs(tr)) {
          return { ...old, ...base, stale: true, spans: mapSpans(old.spans, tr), decorations: old.decorations.map(tr.mapping, tr.doc) };
        }
        if (meta || tr.docChanged || old.stale) return fresh(after, ydoc, base);
        return old;
      },
    },
    props: {
      decorations: (state) => evidenceKey.getState(state)?.decorations,
    },
    view: () => {
      let scheduled = false;
      return {
        update(view: EditorView) {
          if (scheduled || !evidenceKey.getState(view.state)?.stale) return;
          scheduled = true;
          queueMicrotask(() => {
            scheduled = false;
            if (!view.isDestroyed && evidenceKey.getState(view.state)?.stale) view.dispatch(view.state.tr.setMeta(evidenceKey, { type: 'refresh' } satisfies EvidenceMeta));
          });
        },
      };
    },
  });
}

function metaCommand(meta: EvidenceMeta): Command {
  return (state, dispatch) => {
    if (!evidenceKey.getState(state)) return false;
    dispatch?.(state.tr.setMeta(evidenceKey, meta));
    return true;
  };
}

/** Gives the plugin the episode's links (and the badge's tooltip in the UI language). */
export const setEvidenceLinks = (links: readonly EvidenceLink[], badgeTitle?: (count: number) => string): Command =>
  metaCommand(badgeTitle ? { type: 'links', links, badgeTitle } : { type: 'links', links });
/** Draws one link's span stronger (the side panel's hovered row), or none. */
export const focusEvidenceLink = (linkId: string | null): Command => metaCommand({ type: 'focus', linkId });

/** The plugin's state, or null when the editor has no evidence plugin. */
export function evidenceMarksOf(state: EditorState | null): EvidenceMarksState | null {
  return state ? (evidenceKey.getState(state) ?? null) : null;
}
