import { can, type Role } from '@loopline/shared';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listEpisodes, updateEpisode } from '../../api/episodes';
import { formatNumber, formatRuntime } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Empty, Loading } from '../../ui/States';
import { useAction, useResource } from '../../ui/useResource';
import { CreateEpisodeForm } from './CreateEpisodeForm';
import { EpisodeRow } from './EpisodeRow';
import { moveTarget, totalRuntime } from './order';

/**
 * The Episodes tab: the ordered table of a series' episodes; create, edit,
 * reorder and archive only for roles with `episode.write` [UA10].
 */
export function EpisodeList({ seriesId, myRole }: { seriesId: string; myRole: Role | null }) {
  const canWrite = can(myRole, 'episode.write');
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  const [showArchived, setShowArchived] = useState(false);
  const loader = useCallback((signal: AbortSignal) => listEpisodes(seriesId, { includeArchived: showArchived }, signal), [seriesId, showArchived]);
  const { data, error, loading, reload } = useResource(loader);
  const action = useAction();
  const episodes = data ? [...data].sort((a, b) => a.number - b.number) : undefined;

  const mover = (episodeId: string, direction: 'up' | 'down') => {
    if (!canWrite) return undefined;
    const target = episodes ? moveTarget(episodes, episodeId, direction) : null;
    if (target === null) return undefined;
    return () => action.fire(() => updateEpisode(episodeId, { number: target }).then(reload));
  };

  return (
    <section className="panel episodes-panel">
      <div className="panel-header">
        <h2 className="panel-title">{t('episodes.heading')}</h2>
        {episodes && episodes.length > 0 && (
          <span className="muted">
            {t('episodes.total', { count: formatNumber(episodes.filter((e) => !e.archived).length, lang), runtime: formatRuntime(totalRuntime(episodes), lang) })}
          </span>
        )}
        <label className="toggle">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} data-testid="show-archived-episodes" />
          {t('common.showArchived')}
        </label>
      </div>
      {action.error ? <ErrorMessage error={action.error} onDismiss={action.clearError} /> : null}
      {error && !loading ? <ErrorMessage error={error} onRetry={reload} /> : null}
      {loading && !episodes ? <Loading /> : null}
      {episodes ? (
        <table className="episode-table" data-testid="episode-list" aria-busy={loading}>
          <thead>
            <tr>
              <th className="col-number">{t('episodes.number')}</th>
              <th className="col-title">{t('episodes.title')}</th>
              <th className="col-status">{t('episodes.status')}</th>
              <th className="col-assignee">{t('episodes.assignee')}</th>
              <th className="col-runtime num">{t('episodes.runtime')}</th>
              <th className="col-scenes num">{t('episodes.scenes')}</th>
              <th className="col-actions">
                <span className="visually-hidden">{t('episodes.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {episodes.map((episode) => (
              <EpisodeRow
                key={episode.id}
                episode={episode}
                action={action}
                canWrite={canWrite}
                onChanged={reload}
                onMoveUp={mover(episode.id, 'up')}
                onMoveDown={mover(episode.id, 'down')}
              />
            ))}
          </tbody>
        </table>
      ) : null}
      {episodes && episodes.length === 0 ? <Empty>{canWrite ? t('episodes.empty') : t('episodes.emptyReadOnly')}</Empty> : null}
      {canWrite && <CreateEpisodeForm seriesId={seriesId} run={action.run} pending={action.pending} onCreated={reload} />}
    </section>
  );
}
