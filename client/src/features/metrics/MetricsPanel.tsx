import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getRetention, listMetrics } from '../../api/metrics';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { EpisodeOptions } from '../../ui/Options';
import { Empty, Loading } from '../../ui/States';
import { useResource } from '../../ui/useResource';
import { useEpisodes } from '../inbox/useEpisodes';
import { MetricsTable } from './MetricsTable';
import { RetentionChart } from './RetentionChart';
import '../inbox/feedback.css';
import './metrics.css';

/** The retention chart of one episode, with a platform choice when several platforms sent a curve. */
function RetentionSection({ episodeId }: { episodeId: string }) {
  const { t } = useTranslation('app');
  const [platform, setPlatform] = useState('');
  const loader = useCallback((signal: AbortSignal) => getRetention(episodeId, platform || undefined, signal), [episodeId, platform]);
  const { data, error, loading, reload } = useResource(loader);
  // The unfiltered answer names every platform with a curve; a filtered one only its own.
  const [platforms, setPlatforms] = useState<string[]>([]);
  useEffect(() => {
    if (data && platform === '') setPlatforms(data.curves.map((c) => c.platform));
  }, [data, platform]);
  const curve = data?.curves.find((c) => c.platform === platform) ?? data?.curves[0];
  return (
    <div className="retention-section">
      {platforms.length > 1 ? (
        <label className="filter-field">
          <span>{t('metrics.platform')}</span>
          <select className="select" value={platform} onChange={(e) => setPlatform(e.target.value)} data-testid="retention-platform">
            <option value="">{t('metrics.firstPlatform')}</option>
            {platforms.map((p) => (
              <option key={p} value={p}>
                {t(`platforms.${p}`, { defaultValue: p })}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {error && !loading ? <ErrorMessage error={error} onRetry={reload} /> : null}
      {loading && !data ? <Loading /> : null}
      {data && !curve && data.danmakuDensity.length === 0 ? <Empty>{t('metrics.noRetention')}</Empty> : null}
      {curve ? (
        <span className="muted" data-testid="retention-curve-platform">
          {t('metrics.curveOf', { platform: t(`platforms.${curve.platform}`, { defaultValue: curve.platform }) })}
        </span>
      ) : null}
      {data && (curve || data.danmakuDensity.length > 0) ? <RetentionChart points={curve?.points ?? []} density={data.danmakuDensity} /> : null}
    </div>
  );
}

/**
 * The Metrics tab [UF10]: what the silent majority did — the per-episode
 * numbers from the platforms — and, for the chosen episode, the retention
 * curve with danmaku density on the same time axis.
 */
export function MetricsPanel({ seriesId }: { seriesId: string }) {
  const { t } = useTranslation('app');
  const { episodes, byId } = useEpisodes(seriesId);
  const [episodeId, setEpisodeId] = useState('');
  const loader = useCallback((signal: AbortSignal) => listMetrics(seriesId, episodeId || undefined, signal), [seriesId, episodeId]);
  const { data, error, loading, reload } = useResource(loader);
  const chartEpisode = episodeId || data?.[0]?.episodeId || episodes[0]?.id || '';

  return (
    <section className="panel metrics-panel" data-testid="metrics">
      <div className="panel-header">
        <h2 className="panel-title">{t('metrics.heading')}</h2>
        <select className="select" aria-label={t('metrics.episode')} value={episodeId} onChange={(e) => setEpisodeId(e.target.value)} data-testid="metrics-episode">
          <option value="">{t('metrics.allEpisodes')}</option>
          <EpisodeOptions episodes={episodes} />
        </select>
      </div>
      {error && !loading ? <ErrorMessage error={error} onRetry={reload} /> : null}
      {loading && !data ? <Loading /> : null}
      {data && data.length === 0 ? <Empty>{t('metrics.empty')}</Empty> : null}
      {data && data.length > 0 ? <MetricsTable rows={data} episodes={byId} /> : null}
      <h3 className="step-title">
        {t('metrics.retentionHeading')}
        {byId.get(chartEpisode) ? ` · ${t('episodes.short', { number: byId.get(chartEpisode)?.number })}` : ''}
      </h3>
      {chartEpisode ? <RetentionSection key={chartEpisode} episodeId={chartEpisode} /> : <Empty>{t('metrics.noRetention')}</Empty>}
    </section>
  );
}
