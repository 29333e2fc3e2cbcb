/**
 * Test helpers for the evidence UI: a real editor (sync plugin, evidence
 * plugin) on a Y.Doc with the workspace handle the side panel gets, select
 * changes the way React notices, and drag events with a data transfer.
 */
import { SCRIPT_FRAGMENT } from '@loopline/shared';
import type { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { act } from 'react';
import { prosemirrorToYXmlFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import { createStore } from '../../editor/collab/store';
import { stateOf } from '../../editor/commands/testDoc';
import type { WorkspaceHandle } from '../../editor/EpisodeWorkspace';
import { createEditorState } from '../../editor/setup';
import { commandRunner } from '../../editor/workspace/commandRunner';

/** A mounted editor and the handle a side panel gets from the workspace. */
export interface TestEditor {
  ydoc: Y.Doc;
  view: EditorView;
  handle: WorkspaceHandle;
  destroy: () => void;
}

/** An editor on a Y.Doc holding `lines` (see commands/testDoc), publishing its state like ScriptEditor does. */
export function mountEditor(lines: string[], episodeNumber = 12): TestEditor {
  const ydoc = new Y.Doc();
  ydoc.clientID = 1;
  const fragment = ydoc.getXmlFragment(SCRIPT_FRAGMENT);
  prosemirrorToYXmlFragment(stateOf(lines).doc, fragment);
  const editorState = createStore<EditorState | null>(null);
  const state = createEditorState({
    ydoc,
    fragment,
    awareness: null,
    episodeNumber,
    language: 'zh',
    readOnly: false,
    sources: () => ({ characters: [], locations: [] }),
    labels: () => (element) => element,
  });
  const view: EditorView = new EditorView(document.createElement('div'), {
    state,
    dispatchTransaction(tr) {
      if (view.isDestroyed) return;
      const next = view.state.apply(tr);
      view.updateState(next);
      editorState.set(next);
    },
  });
  editorState.set(view.state);
  const handle: WorkspaceHandle = { editorState, getView: () => view, runner: commandRunner(() => view), ydoc };
  return { ydoc, view, handle, destroy: () => view.destroy() };
}

/** Runs `fn` on the editor inside act() (React re-renders what the store changes). */
export async function inEditor(fn: () => void): Promise<void> {
  await act(async () => {
    fn();
    // The evidence plugin refreshes from Yjs in a microtask after a local edit.
    await Promise.resolve();
  });
}

/** Chooses a value in a controlled select the way React notices. */
export async function choose(el: HTMLSelectElement, value: string): Promise<void> {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set?.call(el, value);
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** A click with the shift key down (range selection). */
export async function shiftClick(el: HTMLElement): Promise<void> {
  await act(async () => {
    el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, shiftKey: true }));
  });
}

/** A minimal DataTransfer: what the page puts on a drag and reads back on drop. */
export function dataTransfer(initial: Record<string, string> = {}): DataTransfer {
  const data = new Map(Object.entries(initial));
  const transfer = {
    get types() {
      return [...data.keys()];
    },
    getData: (type: string) => data.get(type) ?? '',
    setData: (type: string, value: string) => void data.set(type, value),
    dropEffect: 'none',
    effectAllowed: 'all',
  };
  return transfer as unknown as DataTransfer;
}

/** Fires a drag event (`dragstart`, `dragover`, `drop` …) carrying `data` on `el`. */
export async function drag(el: HTMLElement, type: string, data: DataTransfer): Promise<void> {
  await act(async () => {
    const event = new Event(type, { bubbles: true, cancelable: true });
    Object.defineProperty(event, 'dataTransfer', { value: data });
    el.dispatchEvent(event);
  });
}
