import { can, type Language, type Role, sceneOutline } from '@loopline/shared';
import type { EditorState } from 'prosemirror-state';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspaceHandle } from '../../editor/EpisodeWorkspace';
import { evidenceMarksOf, setEvidenceLinks } from '../../editor/evidence/plugin';
import { useStore } from '../../editor/workspace/useStore';
import { LinkDialog } from './LinkDialog';
import type { EpisodeEvidence } from './useEpisodeEvidence';

/** Props of {@link EvidenceBridge}. */
export interface EvidenceBridgeProps {
  seriesId: string;
  episodeNumber: number;
  language: Language;
  role: Role | null;
  evidence: EpisodeEvidence;
  workspace: WorkspaceHandle;
}

const docOf = (s: EditorState | null) => s?.doc ?? null;
const marksLinksOf = (s: EditorState | null) => evidenceMarksOf(s)?.links ?? null;

/**
 * Always mounted beside the side panel's tabs: hands the episode's links to
 * the editor's evidence plugin (marks and badges show whichever tab is open)
 * [UE6] [UE7], and opens the link dialog for feedback dropped on a scene of
 * the navigator, with that scene chosen [UE5].
 */
export function EvidenceBridge({ seriesId, episodeNumber, language, role, evidence, workspace }: EvidenceBridgeProps) {
  const { t, i18n } = useTranslation('app');
  const given = useRef<{ links: unknown; language: string } | null>(null);
  const inPlugin = useStore(workspace.editorState, marksLinksOf);
  const doc = useStore(workspace.editorState, docOf);
  const { links, drop, clearDrop, reload, episodeId } = evidence;

  // A new editor (the view mounts once the script has arrived) starts with no links: give them again;
  // a language switch redraws the badges' tooltips.
  useEffect(() => {
    const view = workspace.getView();
    if (!view || inPlugin === null) return;
    if (inPlugin === links && given.current?.links === links && given.current.language === i18n.language) return;
    given.current = { links, language: i18n.language };
    setEvidenceLinks(links, (count) => t('evidence.marks.badge', { count }))(view.state, view.dispatch);
  }, [workspace, inPlugin, links, t, i18n.language]);

  // Only while a drop waits for its dialog: the outline is not worth computing on every keystroke otherwise.
  const outlineDoc = drop ? doc : null;
  const liveOutline = useMemo(
    () => (outlineDoc ? { episodeId, scenes: sceneOutline(outlineDoc, { episodeNumber, language }) } : undefined),
    [outlineDoc, episodeId, episodeNumber, language],
  );

  if (!drop || !can(role, 'evidence.link') || drop.payload.seriesId !== seriesId) return null;
  const items = drop.payload.items ?? drop.payload.itemIds.map((id) => ({ id, author: '', coordinated: false }));
  return (
    <LinkDialog
      seriesId={seriesId}
      items={items}
      target={{ episodeId, sceneId: drop.sceneId }}
      liveOutline={liveOutline}
      onClose={clearDrop}
      onLinked={reload}
    />
  );
}
