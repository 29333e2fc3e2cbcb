import { SCRIPT_FRAGMENT } from '@loopline/shared';
import type { Node } from 'prosemirror-model';
import { TextSelection } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { afterEach, describe, expect, it } from 'vitest';
import { prosemirrorToYXmlFragment, undoCommand } from 'y-prosemirror';
import * as Y from 'yjs';
import { render, stateOf } from './commands/testDoc.js';
import { createEditorState, type EditorSetup } from './setup.js';

const flush = () => Promise.resolve();
const views: EditorView[] = [];
afterEach(() => {
  for (const v of views.splice(0)) v.destroy();
});

function ydocWith(lines: string[]): Y.Doc {
  const ydoc = new Y.Doc();
  prosemirrorToYXmlFragment(stateOf(lines).doc, ydoc.getXmlFragment(SCRIPT_FRAGMENT));
  return ydoc;
}

function mount(ydoc: Y.Doc, over: Partial<EditorSetup> = {}): EditorView {
  const setup: EditorSetup = {
    ydoc,
    fragment: ydoc.getXmlFragment(SCRIPT_FRAGMENT),
    awareness: null,
    episodeNumber: 3,
    language: 'zh',
    readOnly: false,
    sources: () => ({ characters: [], locations: [] }),
    labels: () => (element) => `<${element}>`,
    ...over,
  };
  const view = new EditorView(document.createElement('div'), { state: createEditorState(setup) });
  views.push(view);
  return view;
}

const sceneIdsOf = (doc: Node) => {
  const ids: unknown[] = [];
  doc.forEach((s) => {
    ids.push(s.attrs.sceneId);
  });
  return ids;
};

describe('editor bound to Yjs', () => {
  it('[ED16] scene numbers in the margin follow the episode number and the order', () => {
    const view = mount(ydocWith(['# a 夜 内 客厅', '# b 日 外 街道']));
    const numbers = [...view.dom.querySelectorAll('[data-scene-number]')].map((e) => e.getAttribute('data-scene-number'));
    expect(numbers).toEqual(['3-1', '3-2']);
  });

  it('[ED17] a pasted copy of a scene gets a new id in Yjs; the original keeps its id', async () => {
    const ydoc = ydocWith(['# a 夜 内 客厅', 'action: 灯亮。', '# b 日 外 街道']);
    const view = mount(ydoc);
    const first = view.state.doc.child(0);
    view.dispatch(view.state.tr.insert(view.state.doc.content.size, first));
    expect(sceneIdsOf(view.state.doc)).toEqual(['a', 'b', 'a']);
    await flush();
    const ids = sceneIdsOf(view.state.doc);
    expect(ids.slice(0, 2)).toEqual(['a', 'b']);
    expect(ids[2]).toMatch(/^y/);
    const yIds = ydoc.getXmlFragment(SCRIPT_FRAGMENT).toArray().map((e) => (e as Y.XmlElement).getAttribute('sceneId'));
    expect(yIds).toEqual(ids);
  });

  it('[ED27] undo reverts this writer’s own typing, not a collaborator’s', () => {
    const mine = ydocWith(['# a 夜 内 客厅', 'action: ', 'action: ']);
    const theirs = new Y.Doc();
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
    mine.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(theirs, u, 'remote'));
    theirs.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(mine, u, 'remote'));
    const view = mount(mine);
    const theirView = mount(theirs);

    // I type in the first action line, they type in the second.
    const firstAction = view.state.doc.child(0).child(0).nodeSize + 2;
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, firstAction)).insertText('我写的'));
    const secondAction = firstAction + view.state.doc.child(0).child(1).nodeSize;
    theirView.dispatch(theirView.state.tr.insertText('他写的', secondAction));
    expect(render(view.state.doc)).toEqual(['# a 夜 内 客厅', 'action: 我写的', 'action: 他写的']);

    expect(undoCommand(view.state, view.dispatch)).toBe(true);
    expect(render(view.state.doc)).toEqual(['# a 夜 内 客厅', 'action: ', 'action: 他写的']);
    expect(render(theirView.state.doc)).toEqual(['# a 夜 内 客厅', 'action: ', 'action: 他写的']);
  });

  it('[ED27] each new element starts a new undo step, even when typed fast', () => {
    const view = mount(ydocWith(['# a 夜 内 客厅', 'character: ']));
    const enter = () => view.someProp('handleKeyDown', (f) => f(view, new KeyboardEvent('keydown', { key: 'Enter' })));
    view.dispatch(view.state.tr.setSelection(TextSelection.atEnd(view.state.doc)).insertText('林晚'));
    enter();
    view.dispatch(view.state.tr.insertText('请签收。'));
    expect(render(view.state.doc)).toEqual(['# a 夜 内 客厅', 'character: 林晚', 'dialogue: 请签收。']);
    undoCommand(view.state, view.dispatch);
    expect(render(view.state.doc)).toEqual(['# a 夜 内 客厅', 'character: 林晚']);
    undoCommand(view.state, view.dispatch);
    expect(render(view.state.doc)).toEqual(['# a 夜 内 客厅', 'character: ']);
  });

  it('[ED26] a read-only editor is not editable and has no key bindings', () => {
    const view = mount(ydocWith(['# a 夜 内 客厅']), { readOnly: true });
    expect(view.editable).toBe(false);
    expect(view.dom.getAttribute('contenteditable')).toBe('false');
    const handled = view.someProp('handleKeyDown', (f) => f(view, new KeyboardEvent('keydown', { key: 'Enter' })));
    expect(handled).toBeFalsy();
  });

  it('[ED13] keys pressed in the view run the flow (Enter after a cue gives dialogue)', () => {
    const view = mount(ydocWith(['# a 夜 内 客厅', 'character: 林晚']));
    view.dispatch(view.state.tr.setSelection(TextSelection.atEnd(view.state.doc)));
    const handled = view.someProp('handleKeyDown', (f) => f(view, new KeyboardEvent('keydown', { key: 'Enter' })));
    expect(handled).toBe(true);
    expect(render(view.state)).toEqual(['# a 夜 内 客厅', 'character: 林晚', 'dialogue: |']);
    expect(view.dom.querySelector('.el-dialogue')?.getAttribute('data-placeholder')).toBe('<dialogue>');
  });
});
