import type { EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { initialConnectionState } from './collab/connectionModel.js';
import { type CollabSession, createSession, type SessionOptions } from './collab/session.js';
import { createStore, type Store } from './collab/store.js';
import { SceneNavigator } from './navigator/SceneNavigator.js';
import { ConnectionBadge } from './workspace/ConnectionBadge.js';
import { type CommandRunner, commandRunner } from './workspace/commandRunner.js';
import { PresenceBar } from './workspace/PresenceBar.js';
import { ScriptEditor } from './workspace/ScriptEditor.js';
import { Toolbar } from './workspace/Toolbar.js';
import 'prosemirror-view/style/prosemirror.css';
import './editor.css';
import './evidence/side.css';

/** A bible entry as the editor needs it: a name and its aliases. */
export interface NamedEntry {
  name: string;
  aliases: string[];
}

/**
 * What a side panel may use of the workspace (issue 5: evidence, revisions):
 * the live editor state, the view, a command runner and the episode's Y.Doc.
 */
export interface WorkspaceHandle {
  /** The live editor state, published on every transaction (null while no editor is mounted). */
  editorState: Store<EditorState | null>;
  getView: () => EditorView | null;
  runner: CommandRunner;
  /** The session's Y.Doc (null until the session opens). */
  ydoc: Y.Doc | null;
}

/** Props of {@link EpisodeWorkspace}. */
export interface EpisodeWorkspaceProps {
  episodeId: string;
  episodeNumber: number;
  /** The script's language: layout, cue casing and punctuation follow it (the UI language is i18next's). */
  language: 'zh' | 'en';
  readOnly: boolean;
  user: { name: string; color: string };
  bible: { characters: NamedEntry[]; locations: NamedEntry[] };
  /** For tests: options passed to the collaboration session (endpoint, socket, storage). */
  sessionOptions?: Partial<SessionOptions>;
  /** A right-hand panel beside the script (evidence, revisions …), given the workspace's handle. */
  sidePanel?: (workspace: WorkspaceHandle) => ReactNode;
}

/**
 * The co-editing workspace of one episode: toolbar, presence and connection
 * badge on top, scene navigator on the left, the script in the centre. It
 * opens the episode's collaboration session on mount and closes it on
 * unmount (or when the episode changes).
 */
export function EpisodeWorkspace(props: EpisodeWorkspaceProps) {
  const { episodeId, episodeNumber, language, readOnly, user, bible, sessionOptions, sidePanel } = props;
  const { t } = useTranslation('editor');
  const [session, setSession] = useState<CollabSession | null>(null);
  const editorState = useMemo(() => createStore<EditorState | null>(null), []);
  // Shown before the session exists, so the badge is there from the first paint.
  const idleConnection = useMemo(() => createStore(initialConnectionState()), []);
  const viewRef = useRef<EditorView | null>(null);
  const runner = useMemo(() => commandRunner(() => viewRef.current), []);
  const onView = useCallback((view: EditorView | null) => {
    viewRef.current = view;
  }, []);
  const userRef = useRef(user);
  userRef.current = user;
  const optionsRef = useRef(sessionOptions);

  // One session per episode. Created in an effect (not during render) so
  // React's strict-mode double mount opens and closes it cleanly.
  useEffect(() => {
    const s = createSession({ episodeId, user: userRef.current, ...optionsRef.current });
    setSession(s);
    return () => {
      setSession(null);
      s.destroy();
    };
  }, [episodeId]);

  useEffect(() => {
    session?.setUser({ name: user.name, color: user.color });
  }, [session, user.name, user.color]);

  const handle = useMemo<WorkspaceHandle>(
    () => ({ editorState, getView: () => viewRef.current, runner, ydoc: session?.doc ?? null }),
    [editorState, runner, session],
  );

  const sources = useMemo(() => ({ characters: bible.characters, locations: bible.locations }), [bible]);

  return (
    <div className={`ed-workspace lang-${language}${sidePanel ? ' has-side' : ''}`} data-read-only={readOnly || undefined}>
      <header className="ed-topbar">
        <Toolbar editorState={editorState} runner={runner} readOnly={readOnly} />
        <div className="ed-topbar-end">
          {readOnly && <span className="ed-readonly">{t('workspace.readOnly')}</span>}
          {session && <PresenceBar presence={session.presence} />}
          <ConnectionBadge connection={session?.connection ?? idleConnection} />
        </div>
      </header>
      <SceneNavigator
        editorState={editorState}
        runner={runner}
        episodeNumber={episodeNumber}
        language={language}
        readOnly={readOnly}
      />
      <main className="ed-main">
        {session ? (
          <ScriptEditor
            session={session}
            episodeNumber={episodeNumber}
            language={language}
            readOnly={readOnly}
            sources={sources}
            editorState={editorState}
            onView={onView}
          />
        ) : (
          <p className="ed-status-note">{t('workspace.loading')}</p>
        )}
      </main>
      {sidePanel && (
        <aside className="ed-side" data-testid="workspace-side">
          {sidePanel(handle)}
        </aside>
      )}
    </div>
  );
}
