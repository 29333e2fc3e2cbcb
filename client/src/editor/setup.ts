import { type Language, scriptSchema } from '@loopline/shared';
import { dropCursor } from 'prosemirror-dropcursor';
import { EditorState, Plugin } from 'prosemirror-state';
import { initProseMirrorDoc, yCursorPlugin, ySyncPlugin, yUndoPlugin } from 'y-prosemirror';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { evidencePlugin } from './evidence/plugin.js';
import { buildKeymap } from './keymap.js';
import { type AutocompleteSources, autocompletePlugin } from './plugins/autocomplete/plugin.js';
import { blockLabelsPlugin } from './plugins/blockLabels.js';
import { cueCasePlugin } from './plugins/cueCase.js';
import type { LabelFor } from './plugins/labels.js';
import { placeholderPlugin } from './plugins/placeholder.js';
import { punctuationPlugin } from './plugins/punctuation.js';
import { sceneIdsPlugin } from './plugins/sceneIds.js';
import { sceneNumbersPlugin } from './plugins/sceneNumbers.js';
import { revisionModePlugin } from './revisionMode/plugin.js';

/** What the editor is bound to and how it behaves. */
export interface EditorSetup {
  ydoc: Y.Doc;
  fragment: Y.XmlFragment;
  /** Remote cursors need awareness; tests may leave it out. */
  awareness: Awareness | null;
  episodeNumber: number;
  language: Language;
  readOnly: boolean;
  /** Read on every query, so a bible loaded later is used at once. */
  sources: () => AutocompleteSources;
  /** Element labels in the UI language. */
  labels: () => LabelFor;
}

/** y-prosemirror's map from Yjs types to ProseMirror nodes (its own type is not exported). */
type YMapping = ReturnType<typeof initProseMirrorDoc>['mapping'];

/** A remote caret with the writer's name in their colour (y-prosemirror's markup plus a test id). */
export function cursorBuilder(user: { name?: string; color?: string }): HTMLElement {
  const color = user.color ?? '#888';
  const cursor = document.createElement('span');
  cursor.className = 'ProseMirror-yjs-cursor';
  cursor.dataset.testid = 'remote-cursor';
  cursor.style.borderColor = color;
  const label = document.createElement('div');
  label.style.backgroundColor = color;
  label.textContent = user.name ?? '';
  // Word joiners keep the caret from breaking a line on its own.
  cursor.append('\u2060', label, '\u2060');
  return cursor;
}

/**
 * The editor's plugins in order. Order matters: autocomplete before the
 * keymap (it takes Enter/Tab while open); the sync plugin before the
 * scene-id repair (which reads what sync wrote to Yjs). Read-only editors
 * get no keymap, input rules or autocomplete, and are not editable [ED26].
 */
export function editorPlugins(setup: EditorSetup, mapping?: YMapping): Plugin[] {
  const { readOnly } = setup;
  const plugins: Plugin[] = [
    // The mapping from initProseMirrorDoc lets the first render skip a rebuild.
    ySyncPlugin(setup.fragment, mapping ? { mapping } : {}),
    yUndoPlugin(),
  ];
  if (setup.awareness) plugins.push(yCursorPlugin(setup.awareness, { cursorBuilder }));
  if (!readOnly) {
    plugins.push(autocompletePlugin(setup.sources), ...buildKeymap());
    plugins.push(setup.language === 'en' ? cueCasePlugin() : punctuationPlugin());
  }
  plugins.push(
    sceneIdsPlugin(setup.ydoc),
    sceneNumbersPlugin(setup.episodeNumber),
    placeholderPlugin(setup.labels),
    blockLabelsPlugin(setup.labels),
    revisionModePlugin(),
    // After the sync plugin: its view update writes local edits to Yjs before this one refreshes from it.
    evidencePlugin(setup.ydoc),
    dropCursor({ color: 'var(--ed-accent, #3b82f6)' }),
    new Plugin({ props: { editable: () => !readOnly } }),
  );
  return plugins;
}

/** The initial editor state, built from what the Y.Doc holds now. */
export function createEditorState(setup: EditorSetup): EditorState {
  const { doc, mapping } = initProseMirrorDoc(setup.fragment, scriptSchema);
  return EditorState.create({ schema: scriptSchema, doc, plugins: editorPlugins(setup, mapping) });
}
