import type { Episode, Revision, RevisionTrace, Series } from '@loopline/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { listEpisodes } from '../../api/episodes';
import { getRevisionTrace, listRevisions } from '../../api/revisions';
import { getSeries, myRoleOf } from '../../api/series';
import { useLocalCopy } from '../../features/revisions/useLocalCopy';
import { RevisionTraceView } from '../../features/trace/RevisionTraceView';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/States';
import { useResource } from '../../ui/useResource';
import { useBreadcrumbs } from '../breadcrumbs';

interface RevisionContext {
  trace: RevisionTrace;
  series: Series;
  episodes: Episode[];
  revisions: Revision[];
}

/** The revision's trace, then its series (role, trail), the series' episodes and the episode's revisions in parallel. */
async function loadRevision(revisionId: string, signal: AbortSignal): Promise<RevisionContext> {
  const trace = await getRevisionTrace(revisionId, {}, signal);
  const { seriesId, episodeId } = trace.revision;
  const [series, episodes, revisions] = await Promise.all([getSeries(seriesId, signal), listEpisodes(seriesId, {}, signal), listRevisions(episodeId, signal)]);
  return { trace, series, episodes, revisions };
}

/**
 * Route `/revisions/:revisionId`: one revision with its workflow, evidence,
 * outcome and report downloads [UR11] [UR12] [UR13].
 */
export function RevisionPage() {
  const { revisionId = '' } = useParams();
  const { t } = useTranslation('app');
  const loader = useCallback((signal: AbortSignal) => loadRevision(revisionId, signal), [revisionId]);
  const { data, error, loading, reload } = useResource(loader);
  // A workflow step answers with the revision: shown at once; the outcome follows on reload.
  const [trace, setTrace] = useLocalCopy(data?.trace);
  const episode = data?.episodes.find((e) => e.id === data.trace.revision.episodeId);

  useBreadcrumbs(
    data
      ? [
          { label: data.series.title, to: `/series/${data.series.id}` },
          ...(episode ? [{ label: `${t('episodes.short', { number: episode.number })} ${episode.title}`, to: `/episodes/${episode.id}` }] : []),
          { label: t('revisions.pageTitle', { colour: data.trace.revision.colour }) },
        ]
      : [],
  );

  if (error && !loading) return <div className="page"><ErrorMessage error={error} onRetry={reload} /></div>;
  if (!data || !trace) return <div className="page"><Loading /></div>;
  const { revision } = trace;
  const previous = [...data.revisions].filter((r) => r.number < revision.number).sort((a, b) => b.number - a.number)[0] ?? null;
  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title">{t('revisions.pageTitle', { colour: revision.colour })}</h1>
      </div>
      <RevisionTraceView
        trace={trace}
        role={myRoleOf(data.series)}
        previous={previous}
        episodes={new Map(data.episodes.map((e) => [e.id, e]))}
        onChanged={(next) => {
          setTrace((old) => (old ? { ...old, revision: next } : old));
          if (next.status === 'aired') reload();
        }}
      />
    </div>
  );
}
