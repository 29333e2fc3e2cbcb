import { type EvidenceLink, type Revision, type Role, scriptSchema } from '@loopline/shared';
import { type EditorState, TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getRevisionDoc, listEpisodeLinks } from '../../api/revisions';
import type { Store } from '../../editor/collab/store';
import { clearRevisionMode, revisionModeOf, setRevisionBase, setRevisionEvidence } from '../../editor/revisionMode/plugin';
import { useStore } from '../../editor/workspace/useStore';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction, useResource } from '../../ui/useResource';
import { SafeText } from '../inbox/SafeText';
import { LinkLine } from '../trace/LinkLine';
import { RevisionsPanel } from './RevisionsPanel';
import { sceneLabels } from './SceneDiffList';
import './revisions.css';

/** Props of {@link RevisionModePanel}. */
export interface RevisionModePanelProps {
  episodeId: string;
  seriesId: string;
  role: Role | null;
  /** The live editor state (published by the workspace on every transaction). */
  editorState: Store<EditorState | null>;
  getView: () => EditorView | null;
}

/**
 * Links that explain changes since `base` [UR8]: links not yet in a
 * revision, and links of revisions taken after it (a revision's links
 * motivated the edits made before it was taken, so the base's own links
 * explain changes before it, not since).
 */
export function evidenceSince(links: readonly EvidenceLink[], base: Revision, revisions: readonly Revision[]): Map<string, EvidenceLink[]> {
  const later = new Set(revisions.filter((r) => r.number > base.number).map((r) => r.id));
  const out = new Map<string, EvidenceLink[]>();
  for (const link of links) {
    if (link.revisionId !== null && !later.has(link.revisionId)) continue;
    const list = out.get(link.sceneId);
    if (list) list.push(link);
    else out.set(link.sceneId, [link]);
  }
  return out;
}

const diffOf = (s: EditorState | null) => revisionModeOf(s)?.diff ?? null;
const sceneIdAtCursor = (s: EditorState | null) => (s && s.doc.childCount > 0 ? ((s.doc.child(s.selection.$head.index(0)).attrs.sceneId as string | null) ?? null) : null);

/** Moves the cursor to the end of a scene's heading and scrolls there. */
function goToScene(view: EditorView | null, sceneId: string): void {
  if (!view) return;
  let target: number | null = null;
  view.state.doc.forEach((scene, pos) => {
    if (target === null && scene.attrs.sceneId === sceneId) target = pos + 2 + (scene.firstChild?.content.size ?? 0);
  });
  if (target === null) return;
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, target)).scrollIntoView());
  view.focus();
}

/**
 * The Revisions side panel of the editor: revision mode — pick a revision
 * and every line changed since it gets a `*` in the margin [UR7], with the
 * changed scenes listed with their evidence [UR8] — a trace of the scene
 * under the cursor [UR11], then the episode's revisions and their workflow [UR1].
 */
export function RevisionModePanel({ episodeId, seriesId, role, editorState, getView }: RevisionModePanelProps) {
  const { t } = useTranslation('app');
  const id = useId();
  const [revisions, setRevisions] = useState<Revision[]>([]);
  const [baseId, setBaseId] = useState('');
  const action = useAction();
  const diff = useStore(editorState, diffOf);
  const cursorScene = useStore(editorState, sceneIdAtCursor);
  const base = revisions.find((r) => r.id === baseId) ?? null;

  const linksLoader = useCallback((signal: AbortSignal) => listEpisodeLinks(episodeId, {}, signal), [episodeId]);
  const links = useResource(linksLoader);
  const evidence = useMemo(() => (base && links.data ? evidenceSince(links.data, base, revisions) : new Map<string, EvidenceLink[]>()), [base, links.data, revisions]);
  const changed = useMemo(() => diff?.scenes.filter((s) => s.sceneId !== null && (s.status !== 'unchanged' || s.moved)) ?? [], [diff]);

  // Evidence counts beside the changed headings follow the diff and the links.
  useEffect(() => {
    const view = getView();
    if (!view || !diff) return;
    const counts: Record<string, number> = Object.fromEntries(changed.filter((s) => s.status !== 'removed').map((s) => [s.sceneId!, evidence.get(s.sceneId!)?.length ?? 0]));
    const now = revisionModeOf(view.state)?.evidenceCounts ?? {};
    // Setting counts redraws (a new diff object): only when they differ, or this effect would loop.
    if (Object.keys(now).length === Object.keys(counts).length && Object.keys(counts).every((k) => now[k] === counts[k])) return;
    setRevisionEvidence(counts)(view.state, view.dispatch);
  }, [changed, evidence, diff, getView]);

  // Leaving the panel turns the marks off (read through a ref: a new getView is not leaving).
  const getViewRef = useRef(getView);
  getViewRef.current = getView;
  useEffect(
    () => () => {
      const view = getViewRef.current();
      if (view && !view.isDestroyed) clearRevisionMode(view.state, view.dispatch);
    },
    [],
  );

  const pick = (revisionId: string) => {
    setBaseId(revisionId);
    const revision = revisions.find((r) => r.id === revisionId);
    if (!revision) {
      const view = getView();
      if (view) clearRevisionMode(view.state, view.dispatch);
      return;
    }
    action.fire(async () => {
      const { doc } = await getRevisionDoc(revision.id);
      const view = getView();
      if (!view) return;
      const node = scriptSchema.nodeFromJSON(doc);
      setRevisionBase({ revisionId: revision.id, colour: revision.colour, doc: node, markTitle: t('revisions.mode.markTitle', { colour: revision.colour }) })(view.state, view.dispatch);
      links.reload();
    });
  };

  return (
    <div className="rv-side" data-testid="revision-side-panel">
      <section className="rv-mode" data-testid="revision-mode">
        <label className="rv-field" htmlFor={`${id}-base`}>
          <span>{t('revisions.mode.label')}</span>
          <select id={`${id}-base`} className="select" value={baseId} onChange={(e) => pick(e.target.value)} data-testid="revision-mode-select">
            <option value="">{t('revisions.mode.off')}</option>
            {[...revisions]
              .sort((a, b) => b.number - a.number)
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.colour} #{r.number}
                </option>
              ))}
          </select>
        </label>
        {action.error ? <ErrorMessage error={action.error} onDismiss={action.clearError} /> : null}
        {base && diff && (
          <div data-testid="revision-mode-changes" data-count={changed.length}>
            <p className="muted">{changed.length === 0 ? t('revisions.mode.noChanges', { colour: base.colour }) : t('revisions.mode.changes', { colour: base.colour, count: changed.length })}</p>
            <ol className="rv-mode-scenes">
              {changed.map((scene) => {
                const sceneLinks = evidence.get(scene.sceneId!) ?? [];
                return (
                  <li key={scene.sceneId} className="rv-mode-scene" data-testid="revision-mode-scene" data-scene-id={scene.sceneId} data-status={sceneLabels(scene).join(' ')}>
                    <button type="button" className="rv-linklike" onClick={() => goToScene(getView(), scene.sceneId!)} disabled={scene.status === 'removed'}>
                      <SafeText text={scene.headingAfter ?? scene.headingBefore ?? ''} />
                    </button>{' '}
                    <span className="muted">{sceneLabels(scene).map((l) => t(`revisions.diff.${l}`)).join(' · ')}</span>
                    {sceneLinks.length === 0 ? (
                      <p className="rv-warn">{t('revisions.diff.noEvidence')}</p>
                    ) : (
                      <ul className="rv-link-list">
                        {sceneLinks.map((link) => (
                          <LinkLine key={link.id} link={link} />
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ol>
          </div>
        )}
      </section>
      {cursorScene && (
        <p className="rv-scene-trace">
          <Link to={`/trace/scene/${encodeURIComponent(episodeId)}/${encodeURIComponent(cursorScene)}`} data-testid="scene-trace-open">
            {t('trace.traceScene')}
          </Link>
        </p>
      )}
      <RevisionsPanel episodeId={episodeId} seriesId={seriesId} role={role} onRevisions={setRevisions} />
    </div>
  );
}
