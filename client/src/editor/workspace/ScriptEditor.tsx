import type { Language } from '@loopline/shared';
import type { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CollabSession } from '../collab/session.js';
import type { Store } from '../collab/store.js';
import type { AutocompleteSources } from '../plugins/autocomplete/plugin.js';
import { LABELS_CHANGED } from '../plugins/labels.js';
import { createEditorState } from '../setup.js';
import { useStore } from './useStore.js';

/** Props of {@link ScriptEditor}. */
export interface ScriptEditorProps {
  session: CollabSession;
  episodeNumber: number;
  language: Language;
  readOnly: boolean;
  sources: AutocompleteSources;
  /** Receives the live editor state on every transaction (null while unmounted). */
  editorState: Store<EditorState | null>;
  /** Receives the view when it is created and null when it is destroyed. */
  onView: (view: EditorView | null) => void;
}

/**
 * The ProseMirror editor bound to the session's Y.Doc. It mounts only once
 * the document has content (from IndexedDB or the server): the initial
 * script is written on the server, never seeded by an editor, so mounting on
 * an empty fragment would only show an invalid empty document [ED1].
 */
export function ScriptEditor(props: ScriptEditorProps) {
  const { session, episodeNumber, language, readOnly, editorState, onView } = props;
  const { t, i18n } = useTranslation('editor');
  const mountRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const ready = useStore(session.ready);
  const synced = useStore(session.connection, (c) => c.everSynced);
  // Plugins read these through refs, so new props apply without a new view.
  const sourcesRef = useRef(props.sources);
  sourcesRef.current = props.sources;
  const tRef = useRef(t);
  tRef.current = t;

  useEffect(() => {
    const mount = mountRef.current;
    if (!ready || !mount) return;
    const state = createEditorState({
      ydoc: session.doc,
      fragment: session.fragment,
      awareness: session.awareness,
      episodeNumber,
      language,
      readOnly,
      sources: () => sourcesRef.current,
      labels: () => (element) => tRef.current(`element.${element}`, { defaultValue: element }),
    });
    const view: EditorView = new EditorView(mount, {
      state,
      // The contenteditable root carries the test id, so e2e tests find it only once the script is there.
      attributes: {
        class: `script lang-${language}`,
        'data-testid': 'editor',
        'data-language': language,
        spellcheck: 'false',
        lang: language === 'zh' ? 'zh-CN' : 'en',
      },
      dispatchTransaction(tr) {
        // y-prosemirror's cursor plugin dispatches from a timer and can fire
        // after the view was destroyed (its own destroyed check reads a field
        // the binding never sets).
        if (view.isDestroyed) return;
        const next = view.state.apply(tr);
        view.updateState(next);
        editorState.set(next);
      },
    });
    viewRef.current = view;
    editorState.set(view.state);
    onView(view);
    return () => {
      onView(null);
      editorState.set(null);
      viewRef.current = null;
      view.destroy();
    };
  }, [ready, session, episodeNumber, language, readOnly, editorState, onView]);

  // Placeholders and marker labels are drawn in the UI language: redraw on a switch.
  useEffect(() => {
    const view = viewRef.current;
    if (view && i18n.language) view.dispatch(view.state.tr.setMeta(LABELS_CHANGED, true));
  }, [i18n.language]);

  return (
    <div className="ed-page-scroll">
      {!ready && <p className="ed-status-note">{synced ? t('workspace.empty') : t('workspace.loading')}</p>}
      <div ref={mountRef} className={`ed-page lang-${language}`} />
    </div>
  );
}
