import { can, type EvidenceLink, type Language, type LinkState, type Role, type SpanAnchor, sceneOutline } from '@loopline/shared';
import type { EditorState } from 'prosemirror-state';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspaceHandle } from '../../editor/EpisodeWorkspace';
import { evidenceMarksOf, focusEvidenceLink } from '../../editor/evidence/plugin';
import { anchorForSelection, selectionInScene } from '../../editor/evidence/selection';
import { useStore } from '../../editor/workspace/useStore';
import { Button } from '../../ui/Button';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Empty, Loading } from '../../ui/States';
import { InboxPanel } from '../inbox/InboxPanel';
import { EvidenceLinkRow } from './EvidenceLinkRow';
import { LinkDialog } from './LinkDialog';
import type { EpisodeEvidence } from './useEpisodeEvidence';
import { useEvidenceSelection } from './useSelection';
import './evidence.css';

/** Props of {@link EvidencePanel}. */
export interface EvidencePanelProps {
  seriesId: string;
  episodeNumber: number;
  language: Language;
  role: Role | null;
  evidence: EpisodeEvidence;
  workspace: WorkspaceHandle;
}

const docOf = (s: EditorState | null) => s?.doc ?? null;
const sceneIdAtCursor = (s: EditorState | null) => (s && s.doc.childCount > 0 ? ((s.doc.child(s.selection.$head.index(0)).attrs.sceneId as string | null) ?? null) : null);
const statesOf = (s: EditorState | null) => evidenceMarksOf(s)?.states ?? null;

/** Why the selection cannot be linked, as a message key, or null when it can. */
function selectionProblem(state: EditorState | null): string | null {
  if (!state || state.selection.empty) return 'evidence.panel.selectFirst';
  return selectionInScene(state) ? null : 'evidence.panel.oneLine';
}

type Dialog = { kind: 'span'; span: SpanAnchor } | { kind: 'scene'; sceneId: string };

/**
 * The Evidence tab of the editor's side panel [UE9]: the links of the scene
 * under the cursor with their live state, and every orphaned link of the
 * episode with its quote and old heading; "Link evidence to selection…" and
 * "…to this scene" [UE8]; and a Feedback drawer, the series inbox, whose
 * rows can be dragged onto the scene navigator [UE5].
 */
export function EvidencePanel({ seriesId, episodeNumber, language, role, evidence, workspace }: EvidencePanelProps) {
  const { t } = useTranslation('app');
  const canLink = can(role, 'evidence.link');
  const [view, setView] = useState<'scene' | 'feedback'>('scene');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const selection = useEvidenceSelection(seriesId);
  const doc = useStore(workspace.editorState, docOf);
  const cursorScene = useStore(workspace.editorState, sceneIdAtCursor);
  const localStates = useStore(workspace.editorState, statesOf);
  const outline = useMemo(() => (doc ? sceneOutline(doc, { episodeNumber, language }) : []), [doc, episodeNumber, language]);
  const scene = outline.find((s) => s.sceneId === cursorScene) ?? null;
  const { links } = evidence;

  const stateOf = (link: EvidenceLink): LinkState => localStates?.get(link.id) ?? link.state;
  const sceneLinks = links.filter((l) => l.sceneId === cursorScene && stateOf(l) !== 'orphaned');
  const orphaned = links.filter((l) => stateOf(l) === 'orphaned');

  const focus = (linkId: string | null) => {
    const v = workspace.getView();
    if (v) focusEvidenceLink(linkId)(v.state, v.dispatch);
  };

  const linkSelection = () => {
    const v = workspace.getView();
    const reason = selectionProblem(v?.state ?? null);
    const span = v && workspace.ydoc && !reason ? anchorForSelection(v.state, workspace.ydoc) : null;
    setProblem(reason ?? (span ? null : 'evidence.panel.notReady'));
    if (span) setDialog({ kind: 'span', span });
  };

  const row = (link: EvidenceLink) => <EvidenceLinkRow key={link.id} link={link} state={stateOf(link)} seriesId={seriesId} onFocus={focus} />;

  return (
    <section className="ev-panel" data-testid="evidence-panel" aria-label={t('evidence.panel.title')}>
      <div className="tabs ev-subtabs" role="tablist" aria-label={t('evidence.panel.title')}>
        {(['scene', 'feedback'] as const).map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={view === id}
            className={`tab ${view === id ? 'is-active' : ''}`}
            onClick={() => setView(id)}
            data-testid={id === 'scene' ? 'evidence-panel-tab' : 'evidence-inbox-drawer-tab'}
          >
            {id === 'scene' ? t('evidence.panel.sceneTab') : t('evidence.panel.feedbackTab', { count: selection.size })}
          </button>
        ))}
      </div>

      {view === 'feedback' ? (
        <div className="ev-drawer" data-testid="evidence-inbox-drawer">
          <p className="muted">{canLink ? t('evidence.panel.dragHint') : t('evidence.panel.readHint')}</p>
          <InboxPanel seriesId={seriesId} myRole={role} selection={selection} />
        </div>
      ) : (
        <>
          <header className="ev-panel-head">
            <h3 className="ev-panel-scene" data-testid="evidence-panel-scene" data-scene-id={cursorScene ?? ''}>
              {scene ? `${scene.number} ${scene.heading || t('evidence.dialog.untitled')}` : t('evidence.panel.noScene')}
            </h3>
            <Button size="sm" variant="ghost" onClick={evidence.reload} title={t('evidence.panel.refresh')} data-testid="evidence-refresh">
              ↻
            </Button>
          </header>
          {canLink && (
            <div className="ev-row ev-actions">
              <Button size="sm" onMouseDown={(e) => e.preventDefault()} onClick={linkSelection} data-testid="evidence-link-to-selection">
                {t('evidence.panel.linkSelection')}
              </Button>
              <Button size="sm" variant="ghost" disabled={!cursorScene} onClick={() => cursorScene && setDialog({ kind: 'scene', sceneId: cursorScene })} data-testid="evidence-link-to-scene">
                {t('evidence.panel.linkScene')}
              </Button>
            </div>
          )}
          {problem && (
            <p className="ev-problem" role="status" data-testid="evidence-selection-problem">
              {t(problem)}
            </p>
          )}
          {evidence.error ? <ErrorMessage error={evidence.error} onRetry={evidence.reload} /> : null}
          {!evidence.loaded && evidence.loading ? (
            <Loading />
          ) : sceneLinks.length > 0 ? (
            <ul className="ev-links">{sceneLinks.map(row)}</ul>
          ) : (
            <Empty>{cursorScene ? t('evidence.panel.none') : t('evidence.panel.noScene')}</Empty>
          )}
          {orphaned.length > 0 && (
            <section className="ev-orphaned" data-testid="evidence-orphaned">
              <h4>{t('evidence.panel.orphaned', { count: orphaned.length })}</h4>
              <p className="muted">{t('evidence.panel.orphanedHint')}</p>
              <ul className="ev-links">{orphaned.map(row)}</ul>
            </section>
          )}
        </>
      )}

      {dialog && (
        <LinkDialog
          seriesId={seriesId}
          items={[...selection.selected.values()]}
          offerSets
          initialSource={selection.size > 0 ? 'items' : 'set'}
          target={{ episodeId: evidence.episodeId, sceneId: dialog.kind === 'span' ? dialog.span.sceneId : dialog.sceneId }}
          liveOutline={{ episodeId: evidence.episodeId, scenes: outline }}
          span={dialog.kind === 'span' ? dialog.span : undefined}
          onClose={() => setDialog(null)}
          onLinked={evidence.reload}
        />
      )}
    </section>
  );
}
