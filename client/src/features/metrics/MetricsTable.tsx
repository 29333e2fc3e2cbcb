import type { Episode, EpisodeMetrics } from '@loopline/shared';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber, formatRuntime } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';

/** Columns of the table, in order: counts, rates (0..1) and a duration. */
const COLUMNS = [
  ['views', 'count'],
  ['uniqueViewers', 'count'],
  ['completionRate', 'rate'],
  ['fiveSecondCompletion', 'rate'],
  ['avgWatchSeconds', 'duration'],
  ['likes', 'count'],
  ['shares', 'count'],
  ['follows', 'count'],
  ['comments', 'count'],
  ['paywallUnlocks', 'count'],
  ['paywallConversion', 'rate'],
] as const satisfies readonly (readonly [keyof EpisodeMetrics, 'count' | 'rate' | 'duration'])[];

/** Metrics rows by episode number, then platform, then day. */
export function sortMetrics(rows: readonly EpisodeMetrics[], episodes: Map<string, Episode>): EpisodeMetrics[] {
  const num = (id: string) => episodes.get(id)?.number ?? Number.MAX_SAFE_INTEGER;
  return [...rows].sort((a, b) => num(a.episodeId) - num(b.episodeId) || a.platform.localeCompare(b.platform) || a.date.localeCompare(b.date));
}

/**
 * The per-episode metrics table [UF10]: one row per episode, platform and
 * day as the platforms report them (unique viewers of different days cannot
 * be added up, so nothing is summed here); numbers and percents in the
 * interface's locale; a missing figure shows as a dash, never as 0.
 */
export function MetricsTable({ rows, episodes }: { rows: readonly EpisodeMetrics[]; episodes: Map<string, Episode> }) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  const show = (value: number | string | null, kind: 'count' | 'rate' | 'duration') => {
    if (value === null || typeof value === 'string') return '—';
    if (kind === 'rate') return formatNumber(value, lang, { style: 'percent', maximumFractionDigits: 1 });
    if (kind === 'duration') return formatRuntime(value, lang);
    return formatNumber(value, lang);
  };
  return (
    <div className="table-scroll">
      <table className="data-table metrics-table" data-testid="metrics-table">
        <thead>
          <tr>
            <th>{t('metrics.episode')}</th>
            <th>{t('metrics.platform')}</th>
            <th>{t('metrics.date')}</th>
            {COLUMNS.map(([key]) => (
              <th key={key} className="num">
                {t(`metrics.columns.${key}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sortMetrics(rows, episodes).map((row) => {
            const episode = episodes.get(row.episodeId);
            return (
              <tr key={`${row.episodeId}|${row.platform}|${row.date}`} data-testid="metrics-row" data-episode-id={row.episodeId} data-platform={row.platform}>
                <td>{episode ? t('episodes.short', { number: episode.number }) : '—'}</td>
                <td>{t(`platforms.${row.platform}`, { defaultValue: row.platform })}</td>
                <td>{formatDate(row.date, lang)}</td>
                {COLUMNS.map(([key, kind]) => (
                  <td key={key} className="num" data-metric={key}>
                    {show(row[key], kind)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
