import type { Episode, OutcomeRow, RevisionOutcome } from '@loopline/shared';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import type { UiLanguage } from '../../i18n/language';
import { formatTimecode } from '../inbox/filters';
import { OutcomeChart } from './OutcomeChart';

/** Rows that are shares (0..1) and print as percents; the rest are counts. */
const RATES: ReadonlySet<OutcomeRow['metric']> = new Set(['completionRate', 'fiveSecondCompletion', 'retentionOverChangedScenes']);

/** A cell of the table: a percent or a count; a number the data cannot give is a dash, never 0 [UR13]. */
export function formatOutcome(metric: OutcomeRow['metric'], value: number | null, lang: UiLanguage): string {
  if (value === null) return '—';
  return RATES.has(metric) ? formatNumber(value, lang, { style: 'percent', maximumFractionDigits: 1 }) : formatNumber(value, lang, { maximumFractionDigits: 0 });
}

/** After minus before: percentage points for rates, a signed count otherwise. */
function formatChange(row: OutcomeRow, lang: UiLanguage): string {
  if (row.before === null || row.after === null) return '—';
  const delta = row.after - row.before;
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const magnitude = RATES.has(row.metric)
    ? `${formatNumber(Math.abs(delta) * 100, lang, { maximumFractionDigits: 1 })} pp`
    : formatNumber(Math.abs(delta), lang, { maximumFractionDigits: 0 });
  return `${sign}${magnitude}`;
}

/**
 * The outcome of an aired revision [UR13]: completion rate, 5-second
 * completion, retention over the changed scenes' range, unlocks and
 * comments on the linked evidence, before / after / the series baseline,
 * with where "before" comes from, then the retention chart.
 */
export function OutcomeView({ outcome, episodes }: { outcome: RevisionOutcome; episodes?: ReadonlyMap<string, Episode> }) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  if (!outcome.release) {
    return (
      <p className="muted" data-testid="outcome-not-aired">
        {t('outcome.notAired')}
      </p>
    );
  }
  const beforeEpisode = outcome.before ? episodes?.get(outcome.before.episodeId) : undefined;
  const beforeLabel = !outcome.before
    ? t('outcome.noBefore')
    : outcome.before.label === 'same-episode'
      ? t('outcome.beforeSame')
      : t('outcome.beforePrevious', { episode: beforeEpisode ? t('episodes.short', { number: beforeEpisode.number }) : outcome.before.episodeId });
  return (
    <div className="oc-view" data-testid="outcome" data-revision-id={outcome.revisionId}>
      <p className="muted">
        {t('outcome.aired', {
          platform: t(`platforms.${outcome.release.platform}`, { defaultValue: outcome.release.platform }),
          time: formatDate(outcome.release.airedAt, lang, true),
        })}{' '}
        · <span data-testid="outcome-before-label">{beforeLabel}</span>
        {outcome.changedRange && (
          <>
            {' · '}
            {t('outcome.changedRange', { from: formatTimecode(outcome.changedRange.fromSecond * 1000), to: formatTimecode(outcome.changedRange.toSecond * 1000) })}
          </>
        )}
      </p>
      <div className="table-scroll">
        <table className="data-table oc-table" data-testid="outcome-table">
          <thead>
            <tr>
              <th>{t('outcome.metric')}</th>
              <th className="num">{t('outcome.before')}</th>
              <th className="num">{t('outcome.after')}</th>
              <th className="num">{t('outcome.change')}</th>
              <th className="num">{t('outcome.baseline')}</th>
            </tr>
          </thead>
          <tbody>
            {outcome.rows.map((row) => (
              <tr key={row.metric} data-testid="outcome-row" data-metric={row.metric}>
                <td className="oc-metric">{t(`outcome.metrics.${row.metric}`)}</td>
                <td className="num" data-testid="outcome-before">
                  {formatOutcome(row.metric, row.before, lang)}
                </td>
                <td className="num" data-testid="outcome-after">
                  {formatOutcome(row.metric, row.after, lang)}
                </td>
                <td className="num" data-testid="outcome-change">
                  {formatChange(row, lang)}
                </td>
                <td className="num" data-testid="outcome-baseline">
                  {formatOutcome(row.metric, row.baseline, lang)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <OutcomeChart before={outcome.retentionBefore} after={outcome.retentionAfter} range={outcome.changedRange} />
    </div>
  );
}
