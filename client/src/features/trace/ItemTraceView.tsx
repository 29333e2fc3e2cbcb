import type { Episode, TraceLink } from '@loopline/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getItemTrace } from '../../api/revisions';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Empty, Loading } from '../../ui/States';
import { useResource } from '../../ui/useResource';
import { SafeText } from '../inbox/SafeText';
import { LinkLine } from './LinkLine';
import { OutcomeView } from './OutcomeTable';
import { TraceRevisionLabel } from './TraceRevisionLabel';
import './trace.css';

/** One link of the trace: the scene it points at (with its trace), the revision it went into, and the link itself. */
function TraceLinkRow({ entry }: { entry: TraceLink }) {
  const { t } = useTranslation('app');
  const { link } = entry;
  return (
    <li className="tr-step" data-testid="trace-link" data-link-id={link.id} data-revision-id={entry.revision?.id ?? ''}>
      <div className="tr-path">
        <span className="tr-episode">
          {t('episodes.short', { number: entry.episodeNumber })} <SafeText text={entry.episodeTitle} />
        </span>
        <span aria-hidden="true">→</span>
        <Link to={`/trace/scene/${encodeURIComponent(link.episodeId)}/${encodeURIComponent(link.sceneId)}`} data-testid="trace-scene-link">
          <SafeText text={entry.heading} />
        </Link>
        <span aria-hidden="true">→</span>
        <TraceRevisionLabel revision={entry.revision} />
      </div>
      <ul className="rv-link-list">
        <LinkLine link={link} heading={entry.heading} />
      </ul>
    </li>
  );
}

/**
 * Trace from one feedback item [UR11]: every link holding it, each with the
 * scene it points at, the revision it went into with its status and
 * release, and, for aired revisions, the outcome.
 */
export function ItemTraceView({ itemId, episodes }: { itemId: string; episodes?: ReadonlyMap<string, Episode> }) {
  const { t } = useTranslation('app');
  const loader = useCallback((signal: AbortSignal) => getItemTrace(itemId, { outcomes: true }, signal), [itemId]);
  const { data, error, loading, reload } = useResource(loader);
  if (error && !loading) return <ErrorMessage error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  const aired = [...new Map(data.links.filter((l) => l.revision?.status === 'aired').map((l) => [l.revision!.id, l.revision!])).values()];
  return (
    <div className="tr-view" data-testid="item-trace-view" data-item-id={data.itemId}>
      {data.links.length === 0 ? (
        <Empty>{t('trace.noLinks')}</Empty>
      ) : (
        <ol className="tr-steps">
          {data.links.map((entry) => (
            <TraceLinkRow key={entry.link.id} entry={entry} />
          ))}
        </ol>
      )}
      {aired.map((revision) => {
        const outcome = data.outcomes[revision.id];
        return (
          <section key={revision.id} className="tr-outcome" data-testid="trace-outcome" data-revision-id={revision.id}>
            <h3 className="au-group-title">
              {t('outcome.headingFor', { colour: revision.colour, episode: t('episodes.short', { number: revision.episodeNumber }) })}
            </h3>
            {outcome ? <OutcomeView outcome={outcome} episodes={episodes} /> : <p className="muted">{t('outcome.unavailable')}</p>}
          </section>
        );
      })}
    </div>
  );
}
