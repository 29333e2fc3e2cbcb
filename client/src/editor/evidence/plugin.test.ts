import { SCRIPT_FRAGMENT } from '@loopline/shared';
import { blockTexts, createSceneAnchor, plainText, type SpanAnchor, scenesById, sceneTextElements } from '@loopline/shared/collab';
import { TextSelection } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { afterEach, describe, expect, it } from 'vitest';
import { prosemirrorToYXmlFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import { stateOf } from '../commands/testDoc.js';
import { createEditorState } from '../setup.js';
import { evidenceMarksOf, focusEvidenceLink, setEvidenceLinks } from './plugin.js';
import { anchorForSelection, selectionInScene } from './selection.js';
import { linkOf } from './testLinks.js';

const LINES = ['# s1 12-1 日 外 快递站', 'action: △林晚把快递递给顾承泽。', 'dialogue: 顾总，请签收。', '# s2 12-2 夜 内 客厅', 'action: Mia hides behind the door.'];

const views: EditorView[] = [];
afterEach(() => {
  for (const v of views.splice(0)) v.destroy();
});

function episode(): Y.Doc {
  const ydoc = new Y.Doc();
  ydoc.clientID = 1;
  prosemirrorToYXmlFragment(stateOf(LINES).doc, ydoc.getXmlFragment(SCRIPT_FRAGMENT));
  return ydoc;
}

/** The full editor (sync plugin included) on `ydoc`, as the workspace mounts it. */
function mount(ydoc: Y.Doc): EditorView {
  const state = createEditorState({
    ydoc,
    fragment: ydoc.getXmlFragment(SCRIPT_FRAGMENT),
    awareness: null,
    episodeNumber: 12,
    language: 'zh',
    readOnly: false,
    sources: () => ({ characters: [], locations: [] }),
    labels: () => (element) => element,
  });
  const view = new EditorView(document.createElement('div'), { state });
  views.push(view);
  return view;
}

/** The XmlText of line `line` (0 = heading) of scene `sceneId`. */
function lineText(ydoc: Y.Doc, sceneId: string, line: number): Y.XmlText {
  const scene = scenesById(ydoc).get(sceneId)!;
  return blockTexts(sceneTextElements(scene)[line]!)[0]!;
}

/** Document positions of the first occurrence of `text` in the editor. */
function find(view: EditorView, text: string): { from: number; to: number } {
  let found: { from: number; to: number } | null = null;
  view.state.doc.descendants((node, pos) => {
    if (found || !node.isText) return;
    const at = node.text!.indexOf(text);
    if (at >= 0) found = { from: pos + at, to: pos + at + text.length };
  });
  if (!found) throw new Error(`no ${text}`);
  return found;
}

/** Selects `text` and anchors a span on it, as "Link evidence to selection…" does. */
function anchorOn(view: EditorView, ydoc: Y.Doc, text: string): SpanAnchor {
  const { from, to } = find(view, text);
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, from, to)));
  const anchor = anchorForSelection(view.state, ydoc);
  if (!anchor) throw new Error(`cannot anchor ${text}`);
  return anchor;
}

/** The highlighted text per link id, read from the rendered editor. */
function highlighted(view: EditorView): Record<string, string> {
  const out: Record<string, string> = {};
  for (const el of view.dom.querySelectorAll<HTMLElement>('.ev-span')) {
    const id = el.dataset.evidenceLink!;
    out[id] = (out[id] ?? '') + el.textContent;
  }
  return out;
}

const badges = (view: EditorView) =>
  [...view.dom.querySelectorAll<HTMLElement>('[data-testid="evidence-scene-badge"]')].map((b) => `${b.dataset.sceneId}:${b.dataset.count}`);
const stateOfLink = (view: EditorView, id: string) => evidenceMarksOf(view.state)?.states.get(id);
const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('evidence marks in the editor', () => {
  it('[UE7] the linked span is highlighted exactly over the quoted text; scenes with evidence carry a count badge', () => {
    const ydoc = episode();
    const view = mount(ydoc);
    const span = anchorOn(view, ydoc, '请签收');
    expect(span).toMatchObject({ kind: 'span', sceneId: 's1', quote: '请签收', blockIndex: 2 });
    const whole = createSceneAnchor(ydoc, 's1')!;
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, 3)));
    setEvidenceLinks([linkOf('L1', span), linkOf('L2', whole)], (n) => `${n} links`)(view.state, view.dispatch);
    expect(highlighted(view)).toEqual({ L1: '请签收' });
    expect(badges(view)).toEqual(['s1:2']);
    expect(view.dom.querySelector<HTMLElement>('[data-testid="evidence-scene-badge"]')?.title).toBe('2 links');
    expect(stateOfLink(view, 'L1')).toBe('anchored');
  });

  it('[UE7] typing before the span moves the highlight with it, at once and after the refresh from Yjs', async () => {
    const ydoc = episode();
    const view = mount(ydoc);
    const span = anchorOn(view, ydoc, '请签收');
    setEvidenceLinks([linkOf('L1', span)])(view.state, view.dispatch);
    const at = find(view, '顾总').from;
    view.dispatch(view.state.tr.insertText('麻烦', at));
    // Mapped through the local edit before the sync plugin has written it to Yjs…
    expect(highlighted(view)).toEqual({ L1: '请签收' });
    await flush();
    // …and re-resolved on the Y.Doc afterwards.
    expect(evidenceMarksOf(view.state)?.stale).toBe(false);
    expect(plainText(lineText(ydoc, 's1', 2))).toBe('麻烦顾总，请签收。');
    expect(highlighted(view)).toEqual({ L1: '请签收' });
    expect(stateOfLink(view, 'L1')).toBe('anchored');
  });

  it('[UE7] a remote insertion before the span (a whole-document replace in the editor) keeps the highlight on the quote', () => {
    const ydoc = episode();
    const view = mount(ydoc);
    const span = anchorOn(view, ydoc, '请签收');
    setEvidenceLinks([linkOf('L1', span)])(view.state, view.dispatch);
    const remote = new Y.Doc();
    remote.clientID = 2;
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(ydoc));
    const text = lineText(remote, 's1', 2);
    text.insert(plainText(text).indexOf('请'), '快');
    lineText(remote, 's1', 1).insert(0, '清晨，');
    Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(ydoc)));
    expect(view.state.doc.textContent).toContain('顾总，快请签收。');
    expect(highlighted(view)).toEqual({ L1: '请签收' });
  });

  it('[UE6] [UE7] typing inside drifts the link; deleting the quote leaves it scene-only; deleting the scene orphans it', async () => {
    const ydoc = episode();
    const view = mount(ydoc);
    const span = anchorOn(view, ydoc, '请签收');
    setEvidenceLinks([linkOf('L1', span)])(view.state, view.dispatch);
    view.dispatch(view.state.tr.insertText('您', find(view, '签收').from));
    await flush();
    expect(stateOfLink(view, 'L1')).toBe('drifted');
    expect(highlighted(view)).toEqual({ L1: '请您签收' });
    expect(view.dom.querySelector('.ev-span-drifted')).not.toBeNull();

    const quote = find(view, '请您签收');
    view.dispatch(view.state.tr.delete(quote.from, quote.to));
    await flush();
    expect(stateOfLink(view, 'L1')).toBe('scene-only');
    expect(highlighted(view)).toEqual({});
    expect(badges(view)).toEqual(['s1:1']);

    const first = view.state.doc.child(0);
    view.dispatch(view.state.tr.delete(0, first.nodeSize));
    await flush();
    expect(stateOfLink(view, 'L1')).toBe('orphaned');
    expect(badges(view)).toEqual([]);
  });

  it('[UE7] the side panel can point at one link: its span is drawn focused', () => {
    const ydoc = episode();
    const view = mount(ydoc);
    const a = anchorOn(view, ydoc, '请签收');
    const b = anchorOn(view, ydoc, 'hides');
    setEvidenceLinks([linkOf('L1', a), linkOf('L2', b)])(view.state, view.dispatch);
    focusEvidenceLink('L2')(view.state, view.dispatch);
    expect([...view.dom.querySelectorAll<HTMLElement>('.ev-span.is-focused')].map((e) => e.textContent)).toEqual(['hides']);
  });

  it('[UE8] only a selection inside one line of one scene can be linked', () => {
    const ydoc = episode();
    const view = mount(ydoc);
    const inLine = find(view, 'hides behind');
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, inLine.from, inLine.to)));
    expect(selectionInScene(view.state)).toMatchObject({ sceneId: 's2' });
    expect(anchorForSelection(view.state, ydoc)?.quote).toBe('hides behind');
    // Empty selection, and one across two lines: nothing to link.
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, inLine.from)));
    expect(anchorForSelection(view.state, ydoc)).toBeNull();
    const across = TextSelection.create(view.state.doc, find(view, '顾承泽').from, find(view, '请签收').to);
    view.dispatch(view.state.tr.setSelection(across));
    expect(selectionInScene(view.state)).toBeNull();
  });
});
