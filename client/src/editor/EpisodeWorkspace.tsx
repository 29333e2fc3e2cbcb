import type { EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { initialConnectionState } from './collab/connectionModel.js';
import { type CollabSession, createSession, type SessionOptions } from './collab/session.js';
import { createStore } from './collab/store.js';
import { SceneNavigator } from './navigator/SceneNavigator.js';
import { ConnectionBadge } from './workspace/ConnectionBadge.js';
import { commandRunner } from './workspace/commandRunner.js';
import { PresenceBar } from './workspace/PresenceBar.js';
import { ScriptEditor } from './workspace/ScriptEditor.js';
import { Toolbar } from './workspace/Toolbar.js';
import 'prosemirror-view/style/prosemirror.css';
import './editor.css';

/** A bible entry as the editor needs it: a name and its aliases. */
export interface NamedEntry {
  name: string;
  aliases: string[];
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
}

/**
 * The co-editing workspace of one episode: toolbar, presence and connection
 * badge on top, scene navigator on the left, the script in the centre. It
 * opens the episode's collaboration session on mount and closes it on
 * unmount (or when the episode changes).
 */
export function EpisodeWorkspace(props: EpisodeWorkspaceProps) {
  const { episodeId, episodeNumber, language, readOnly, user, bible, sessionOptions } = props;
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

  const sources = useMemo(() => ({ characters: bible.characters, locations: bible.locations }), [bible]);

  return (
    <div className={`ed-workspace lang-${language}`} data-read-only={readOnly || undefined}>
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
    </div>
  );
}
