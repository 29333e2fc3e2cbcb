import { can, type Language, type Role, sceneOutline } from '@loopline/shared';
import type { EditorState } from 'prosemirror-state';
import { useEffect, useMemo } from 'react';
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
  const { t } = useTranslation('app');
  const inPlugin = useStore(workspace.editorState, marksLinksOf);
  const doc = useStore(workspace.editorState, docOf);
  const { links, drop, clearDrop, reload, episodeId } = evidence;

  // A new editor (the view mounts once the script has arrived) starts with no links: give them again.
  useEffect(() => {
    const view = workspace.getView();
    if (!view || inPlugin === null || inPlugin === links) return;
    setEvidenceLinks(links, (count) => t('evidence.marks.badge', { count }))(view.state, view.dispatch);
  }, [workspace, inPlugin, links, t]);

  const liveOutline = useMemo(() => (doc ? { episodeId, scenes: sceneOutline(doc, { episodeNumber, language }) } : undefined), [doc, episodeId, episodeNumber, language]);

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
