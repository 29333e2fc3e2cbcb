import { type Language, sceneOutline } from '@loopline/shared';
import type { EditorState } from 'prosemirror-state';
import { type DragEvent, useContext, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Store } from '../collab/store.js';
import { moveScene, selectScene } from '../commands/index.js';
import { EvidenceDropContext, isEvidenceDrag, readEvidenceDrag } from '../evidence/drag.js';
import { evidenceMarksOf } from '../evidence/plugin.js';
import type { CommandRunner } from '../workspace/commandRunner.js';
import { useStore } from '../workspace/useStore.js';
import { formatRuntime } from './runtime.js';

/** Props of {@link SceneNavigator}. */
export interface SceneNavigatorProps {
  editorState: Store<EditorState | null>;
  runner: CommandRunner;
  episodeNumber: number;
  language: Language;
  readOnly: boolean;
}

const DRAG_TYPE = 'application/x-loopline-scene';
const docOf = (s: EditorState | null) => s?.doc ?? null;
const sceneIndexOf = (s: EditorState | null) => (s ? s.selection.$head.index(0) : -1);
const NO_COUNTS: ReadonlyMap<string, number> = new Map();
const evidenceCountsOf = (s: EditorState | null) => evidenceMarksOf(s)?.counts ?? NO_COUNTS;

/**
 * The scene list beside the script [ED9]: number, heading and runtime
 * estimate of every scene (sceneOutline of the live document) and the
 * episode total. Clicking a scene puts the cursor in its heading and scrolls
 * to it; dragging a scene onto another moves it there (moveScene).
 * Feedback dragged from the inbox onto a scene opens the link dialog for
 * that scene (when the page provides an EvidenceDropContext) [UE5]; scenes
 * carrying evidence show their link count [UE6].
 */
export function SceneNavigator({ editorState, runner, episodeNumber, language, readOnly }: SceneNavigatorProps) {
  const { t } = useTranslation('editor');
  const doc = useStore(editorState, docOf);
  const current = useStore(editorState, sceneIndexOf);
  const outline = useMemo(() => (doc ? sceneOutline(doc, { episodeNumber, language }) : []), [doc, episodeNumber, language]);
  const total = outline.reduce((sum, scene) => sum + scene.runtimeSeconds, 0);
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const onEvidence = useContext(EvidenceDropContext);
  const evidenceCounts = useStore(editorState, evidenceCountsOf);
  const [evidenceAt, setEvidenceAt] = useState<number | null>(null);

  const onDrop = (e: DragEvent, index: number, sceneId: string | null) => {
    e.preventDefault();
    setEvidenceAt(null);
    const evidence = readEvidenceDrag(e.dataTransfer);
    if (evidence) {
      if (onEvidence && sceneId) onEvidence(sceneId, evidence);
      return;
    }
    const raw = e.dataTransfer.getData(DRAG_TYPE);
    const from = raw !== '' ? Number(raw) : dragFrom;
    setDragFrom(null);
    setDropAt(null);
    if (from !== null && Number.isInteger(from) && from !== index) runner.run(moveScene(from, index));
  };

  return (
    <nav className="ed-navigator" data-testid="scene-navigator" aria-label={t('navigator.title')}>
      <h2 className="ed-navigator-title">{t('navigator.title')}</h2>
      <ol className="ed-navigator-list">
        {outline.map((scene) => (
          <li
            key={scene.sceneId ?? `index-${scene.index}`}
            className="ed-nav-item"
            data-testid="scene-nav-item"
            data-scene-id={scene.sceneId ?? undefined}
            data-current={scene.index === current || undefined}
            data-drop-target={scene.index === dropAt || undefined}
            data-evidence-target={scene.index === evidenceAt || undefined}
            draggable={!readOnly}
            title={readOnly ? undefined : t('navigator.reorderHint')}
            onDragStart={(e) => {
              e.dataTransfer.setData(DRAG_TYPE, String(scene.index));
              e.dataTransfer.effectAllowed = 'move';
              setDragFrom(scene.index);
            }}
            onDragOver={(e) => {
              if (dragFrom === null && onEvidence && scene.sceneId && isEvidenceDrag(e.dataTransfer)) {
                e.preventDefault();
                e.dataTransfer.dropEffect = 'copy';
                setEvidenceAt(scene.index);
                return;
              }
              if (dragFrom === null) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
              setDropAt(scene.index);
            }}
            onDragLeave={() => {
              setDropAt((at) => (at === scene.index ? null : at));
              setEvidenceAt((at) => (at === scene.index ? null : at));
            }}
            onDragEnd={() => {
              setDragFrom(null);
              setDropAt(null);
            }}
            onDrop={(e) => onDrop(e, scene.index, scene.sceneId)}
          >
            <button type="button" className="ed-nav-button" onClick={() => runner.run(selectScene(scene.index), { navigation: true })}>
              <span className="ed-nav-number">{scene.number}</span>
              <span className="ed-nav-heading">{scene.heading || t('navigator.untitled')}</span>
              <span className="ed-nav-runtime">
                {scene.sceneId && evidenceCounts.get(scene.sceneId) ? (
                  <span className="ed-nav-evidence" data-testid="scene-nav-evidence">
                    ⚑{evidenceCounts.get(scene.sceneId)}
                  </span>
                ) : null}
                {formatRuntime(scene.runtimeSeconds)}
              </span>
            </button>
          </li>
        ))}
      </ol>
      <p className="ed-navigator-total" data-testid="episode-runtime" data-seconds={Math.round(total)}>
        {t('navigator.total', { runtime: formatRuntime(total) })}
      </p>
    </nav>
  );
}
