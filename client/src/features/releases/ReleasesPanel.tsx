import { KNOWN_PLATFORMS } from '@loopline/shared';
import { type FormEvent, useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listReleases, markReleased } from '../../api/releases';
import { formatDate } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import { Button } from '../../ui/Button';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { EpisodeOptions, PlatformOptions } from '../../ui/Options';
import { Empty, Loading } from '../../ui/States';
import { useAction, useResource } from '../../ui/useResource';
import { useEpisodes } from '../inbox/useEpisodes';
import '../inbox/feedback.css';

/** `datetime-local` value of a moment, in the user's time zone (the input has no zone). */
export function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The "mark aired" form: episode, platform and when (default: now) [UF11]. */
function MarkAiredForm({ seriesId, onMarked }: { seriesId: string; onMarked: () => void }) {
  const { t } = useTranslation('app');
  const id = useId();
  const { episodes } = useEpisodes(seriesId);
  const [episodeId, setEpisodeId] = useState('');
  const [platform, setPlatform] = useState<string>(KNOWN_PLATFORMS[0]);
  const [airedAt, setAiredAt] = useState(() => localInputValue(new Date()));
  const action = useAction();
  const when = new Date(airedAt);
  const valid = episodeId !== '' && platform !== '' && !Number.isNaN(when.getTime());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    action.fire(() => markReleased(seriesId, { episodeId, platform, airedAt: when.toISOString() }).then(onMarked));
  };

  return (
    <form className="field-row release-form" onSubmit={submit} data-testid="release-form">
      <label className="filter-field" htmlFor={`${id}-ep`}>
        <span>{t('releases.episode')}</span>
        <select id={`${id}-ep`} className="select" value={episodeId} onChange={(e) => setEpisodeId(e.target.value)} data-testid="release-episode">
          <option value="">{t('releases.chooseEpisode')}</option>
          <EpisodeOptions episodes={episodes} />
        </select>
      </label>
      <label className="filter-field" htmlFor={`${id}-pf`}>
        <span>{t('releases.platform')}</span>
        <select id={`${id}-pf`} className="select" value={platform} onChange={(e) => setPlatform(e.target.value)} data-testid="release-platform">
          <PlatformOptions />
        </select>
      </label>
      <label className="filter-field" htmlFor={`${id}-at`}>
        <span>{t('releases.airedAt')}</span>
        <input id={`${id}-at`} className="input" type="datetime-local" value={airedAt} onChange={(e) => setAiredAt(e.target.value)} data-testid="release-aired-at" />
      </label>
      <Button type="submit" variant="primary" disabled={!valid || action.pending} data-testid="release-submit">
        {t('releases.markAired')}
      </Button>
      {action.error ? <ErrorMessage error={action.error} onDismiss={action.clearError} /> : null}
    </form>
  );
}

/**
 * The Releases tab [UF11]: when each episode aired on which platform
 * (newest first), and, with `release.mark`, the form that records one.
 */
export function ReleasesPanel({ seriesId, canMark }: { seriesId: string; canMark: boolean }) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  const { byId } = useEpisodes(seriesId);
  const loader = useCallback((signal: AbortSignal) => listReleases(seriesId, signal), [seriesId]);
  const { data, error, loading, reload } = useResource(loader);
  const releases = data ? [...data].sort((a, b) => b.airedAt.localeCompare(a.airedAt)) : undefined;

  return (
    <section className="panel releases-panel" data-testid="releases">
      <div className="panel-header">
        <h2 className="panel-title">{t('releases.heading')}</h2>
      </div>
      {canMark && <MarkAiredForm seriesId={seriesId} onMarked={reload} />}
      {error && !loading ? <ErrorMessage error={error} onRetry={reload} /> : null}
      {loading && !releases ? <Loading /> : null}
      {releases && releases.length === 0 ? <Empty>{t('releases.empty')}</Empty> : null}
      {releases && releases.length > 0 ? (
        <table className="data-table" data-testid="release-list">
          <thead>
            <tr>
              <th>{t('releases.airedAt')}</th>
              <th>{t('releases.episode')}</th>
              <th>{t('releases.platform')}</th>
              <th>{t('releases.revision')}</th>
            </tr>
          </thead>
          <tbody>
            {releases.map((r) => {
              const ep = byId.get(r.episodeId);
              return (
                <tr key={r.id} data-testid="release-row" data-episode-id={r.episodeId} data-platform={r.platform}>
                  <td>{formatDate(r.airedAt, lang, true)}</td>
                  <td>{ep ? `${t('episodes.short', { number: ep.number })} ${ep.title}` : '—'}</td>
                  <td>{t(`platforms.${r.platform}`, { defaultValue: r.platform })}</td>
                  <td className="muted">{r.revisionId ?? t('releases.noRevision')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
