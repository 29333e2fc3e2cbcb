import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { getSceneTrace } from '../../api/revisions';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Empty, Loading } from '../../ui/States';
import { useResource } from '../../ui/useResource';
import { LinkLine } from './LinkLine';
import { TraceRevisionLabel } from './TraceRevisionLabel';
import './trace.css';

/**
 * Trace from a scene [UR11]: every link ever made to it, grouped by the
 * revision it went into (links in no revision yet last), each with its
 * sample, state and quote.
 */
export function SceneTraceView({ episodeId, sceneId }: { episodeId: string; sceneId: string }) {
  const { t } = useTranslation('app');
  const loader = useCallback((signal: AbortSignal) => getSceneTrace(episodeId, sceneId, signal), [episodeId, sceneId]);
  const { data, error, loading, reload } = useResource(loader);
  if (error && !loading) return <ErrorMessage error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  const total = data.groups.reduce((n, g) => n + g.links.length, 0);
  if (total === 0) return <Empty>{t('trace.sceneNoLinks')}</Empty>;
  return (
    <div className="tr-view" data-testid="scene-trace" data-scene-id={data.sceneId}>
      {data.groups.map((group) => (
        <section key={group.revision?.id ?? 'none'} className="tr-group" data-testid="scene-trace-group" data-revision-id={group.revision?.id ?? 'none'}>
          <h3 className="tr-group-head">
            <TraceRevisionLabel revision={group.revision} />
          </h3>
          <ul className="rv-link-list">
            {group.links.map((link) => (
              <LinkLine key={link.id} link={link} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
