import { type Bible, can, type Episode, isReadOnlyRole, type Series } from '@loopline/shared';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { getBible } from '../../api/bible';
import { getEpisode } from '../../api/episodes';
import { getSeries, myRoleOf } from '../../api/series';
import { EpisodeWorkspace } from '../../editor';
import { EvidenceDropContext } from '../../editor/evidence/drag';
import { EvidenceBridge } from '../../features/evidence/EvidenceBridge';
import { EvidencePanel } from '../../features/evidence/EvidencePanel';
import { useEpisodeEvidence } from '../../features/evidence/useEpisodeEvidence';
import { RevisionModePanel } from '../../features/revisions/RevisionModePanel';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/States';
import { useResource } from '../../ui/useResource';
import { useBreadcrumbs } from '../breadcrumbs';
import { useCurrentUser } from '../session';
import { colorForUser } from '../userColor';
import { EpisodeSidePanel, type SideTab } from './EpisodeSidePanel';

interface EpisodeContext {
  episode: Episode;
  series: Series;
  bible: Bible;
}

/** Loads what the workspace needs: the episode, then its series (for the trail) and bible in parallel. */
async function loadEpisodeContext(episodeId: string, signal: AbortSignal): Promise<EpisodeContext> {
  const episode = await getEpisode(episodeId, signal);
  const [series, bible] = await Promise.all([getSeries(episode.seriesId, signal), getBible(episode.seriesId, signal)]);
  return { episode, series, bible };
}

/**
 * Route `/episodes/:episodeId`: the live co-editing workspace as the signed-in
 * user, read-only for roles that may not edit scripts [UA8].
 */
export function EpisodePage() {
  const { episodeId = '' } = useParams();
  const { t } = useTranslation('app');
  const account = useCurrentUser();
  // A stable object: the workspace publishes it as its awareness state.
  const user = useMemo(() => ({ name: account.displayName, color: colorForUser(account.id) }), [account.displayName, account.id]);
  const loader = useCallback((signal: AbortSignal) => loadEpisodeContext(episodeId, signal), [episodeId]);
  const { data, error, loading, reload } = useResource(loader);
  // Issue 5: the episode's evidence links, shared by the side panel, the script's marks and drops on the navigator.
  const evidence = useEpisodeEvidence(episodeId);

  useBreadcrumbs(
    data
      ? [
          { label: data.series.title, to: `/series/${data.series.id}` },
          { label: `${t('episodes.short', { number: data.episode.number })} ${data.episode.title}` },
        ]
      : [],
  );

  if (error && !loading) return <div className="page"><ErrorMessage error={error} onRetry={reload} /></div>;
  if (!data) return <div className="page"><Loading /></div>;

  const role = myRoleOf(data.series);
  // No known role reads as read-only: the server refuses the edits anyway [AC3].
  const readOnly = role === null || isReadOnlyRole(role);
  const evidenceProps = { seriesId: data.series.id, episodeNumber: data.episode.number, language: data.episode.language, role, evidence };
  return (
    <div className="episode-page">
      <EvidenceDropContext.Provider value={can(role, 'evidence.link') ? evidence.onDrop : null}>
        <EpisodeWorkspace
          // A new episode id is a new room: remount instead of re-pointing a live provider.
          key={data.episode.id}
          episodeId={data.episode.id}
          episodeNumber={data.episode.number}
          language={data.episode.language}
          readOnly={readOnly}
          user={user}
          bible={data.bible}
          sidePanel={(workspace) => {
            // One entry per side tab (issue 5); the evidence bridge stays mounted whichever tab is open.
            const tabs: SideTab[] = [
              { id: 'evidence', label: t('evidence.panel.tab'), render: () => <EvidencePanel {...evidenceProps} workspace={workspace} /> },
              {
                id: 'revisions',
                label: t('revisions.heading'),
                render: () => (
                  <RevisionModePanel episodeId={data.episode.id} seriesId={data.series.id} role={role} editorState={workspace.editorState} getView={workspace.getView} />
                ),
              },
            ];
            return (
              <>
                <EpisodeSidePanel tabs={tabs} label={t('revisions.sidePanel')} />
                <EvidenceBridge {...evidenceProps} workspace={workspace} />
              </>
            );
          }}
        />
      </EvidenceDropContext.Provider>
    </div>
  );
}
