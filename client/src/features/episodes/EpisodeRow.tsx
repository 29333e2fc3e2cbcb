import type { Episode } from '@loopline/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type EpisodePatchInput, updateEpisode } from '../../api/episodes';
import { formatNumber, formatRuntime } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { InlineEdit } from '../../ui/InlineEdit';
import type { Action } from '../../ui/useResource';
import type { MoveDirection } from './order';
import { StatusSelect } from './StatusSelect';
import './readonly.css';

/** Props of {@link EpisodeRow}. */
export interface EpisodeRowProps {
  episode: Episode;
  action: Action;
  /** The role may change episodes (`episode.write`); otherwise the row only shows them. */
  canWrite: boolean;
  onChanged: () => void;
  /** Moves one step; undefined when the episode is already at that end. */
  onMoveUp?: (() => void) | undefined;
  onMoveDown?: (() => void) | undefined;
}

/** One table row: number, title, status, assignee, runtime, scenes, and the row's actions (edit controls only with `canWrite`). */
export function EpisodeRow({ episode, action, canWrite, onChanged, onMoveUp, onMoveDown }: EpisodeRowProps) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  const patch = (changes: EpisodePatchInput) => updateEpisode(episode.id, changes).then(onChanged);
  const move = (dir: MoveDirection, fn?: () => void) => (
    <Button
      size="sm"
      variant="ghost"
      className="icon-btn"
      disabled={!fn || action.pending}
      onClick={fn}
      title={dir === 'up' ? t('common.moveUp') : t('common.moveDown')}
      aria-label={dir === 'up' ? t('common.moveUp') : t('common.moveDown')}
      data-testid={dir === 'up' ? 'move-episode-up' : 'move-episode-down'}
    >
      {dir === 'up' ? '↑' : '↓'}
    </Button>
  );

  return (
    <tr className={`episode-item ${episode.archived ? 'is-archived' : ''}`} data-testid="episode-item" data-episode-id={episode.id}>
      <td className="col-number">{formatNumber(episode.number, lang)}</td>
      <td className="col-title">
        {canWrite ? (
          <InlineEdit value={episode.title} label={t('fields.title')} onSave={(title) => action.run(() => patch({ title }))} testId="rename-episode" />
        ) : (
          <span className="episode-title-text">{episode.title}</span>
        )}
        {episode.archived && <Badge tone="muted">{t('common.archived')}</Badge>}
      </td>
      <td className="col-status">
        {canWrite ? (
          <StatusSelect value={episode.status} disabled={action.pending} onChange={(status) => action.fire(() => patch({ status }))} />
        ) : (
          <span className={`status-select status-${episode.status} is-static`} data-testid="episode-status-text">
            {t(`status.${episode.status}`)}
          </span>
        )}
      </td>
      <td className="col-assignee">
        {canWrite ? (
          <InlineEdit
            value={episode.assignee ?? ''}
            label={t('fields.assignee')}
            emptyText={t('episodes.unassigned')}
            placeholder={t('episodes.assigneePlaceholder')}
            allowEmpty
            onSave={(name) => action.run(() => patch({ assignee: name === '' ? null : name }))}
            testId="episode-assignee"
          />
        ) : (
          <span className={episode.assignee ? undefined : 'muted'}>{episode.assignee ?? t('episodes.unassigned')}</span>
        )}
      </td>
      <td className="col-runtime num">{formatRuntime(episode.runtimeSeconds, lang)}</td>
      <td className="col-scenes num">{formatNumber(episode.sceneCount, lang)}</td>
      <td className="col-actions">
        <div className="row-actions">
          {canWrite && (
            <>
              {move('up', onMoveUp)}
              {move('down', onMoveDown)}
              <Button
                size="sm"
                variant="ghost"
                disabled={action.pending}
                onClick={() => action.fire(() => patch({ archived: !episode.archived }))}
                data-testid="archive-episode"
              >
                {episode.archived ? t('common.unarchive') : t('common.archive')}
              </Button>
            </>
          )}
          <Link className="btn btn-sm btn-primary" to={`/episodes/${episode.id}`} data-testid="open-episode">
            {canWrite ? t('episodes.open') : t('episodes.read')}
          </Link>
        </div>
      </td>
    </tr>
  );
}
