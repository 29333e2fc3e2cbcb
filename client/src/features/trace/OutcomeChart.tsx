import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import { formatTimecode } from '../inbox/filters';
import { geometry, retentionPath, timeStep } from '../metrics/chart';
import '../metrics/metrics.css';
import './trace.css';

const WIDTH = 720;
const HEIGHT = 240;

/**
 * Retention before vs after the release on one time axis [UR13], with the
 * seconds the changed scenes cover shaded, so a change in the curve can be
 * read against where the script changed. SVG, laid out by the Metrics tab's
 * chart geometry (one series length drives the x axis: the longer curve).
 */
export function OutcomeChart({ before, after, range }: { before: readonly number[]; after: readonly number[]; range: { fromSecond: number; toSecond: number } | null }) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  const longer = before.length >= after.length ? before : after;
  const g = useMemo(() => geometry(longer, [], WIDTH, HEIGHT), [longer]);
  if (before.length === 0 && after.length === 0) {
    return (
      <p className="muted" data-testid="outcome-chart-empty">
        {t('outcome.noCurves')}
      </p>
    );
  }
  const pct = (share: number) => formatNumber(share, lang, { style: 'percent', maximumFractionDigits: 0 });
  const step = timeStep(g.maxSecond);
  const ticks = Array.from({ length: Math.floor(g.maxSecond / step) + 1 }, (_, i) => i * step);
  const clamp = (s: number) => Math.min(g.maxSecond, Math.max(0, s));
  return (
    <figure className="retention-chart oc-chart" data-testid="outcome-chart" data-before={before.length} data-after={after.length}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('outcome.chartLabel')}>
        {range && (
          <rect
            className="oc-range"
            data-testid="outcome-chart-range"
            x={g.x(clamp(range.fromSecond))}
            y={g.top}
            width={Math.max(1, g.x(clamp(range.toSecond)) - g.x(clamp(range.fromSecond)))}
            height={HEIGHT - g.top - g.bottom}
          />
        )}
        {[0, 0.25, 0.5, 0.75, 1].map((share) => (
          <g key={share}>
            <line className="grid" x1={g.left} x2={WIDTH - g.right} y1={g.yShare(share)} y2={g.yShare(share)} />
            <text className="axis axis-left" x={g.left - 6} y={g.yShare(share) + 4} textAnchor="end">
              {pct(share)}
            </text>
          </g>
        ))}
        {ticks.map((second) => (
          <text key={second} className="axis" x={g.x(second)} y={HEIGHT - 8} textAnchor="middle">
            {formatTimecode(second * 1000)}
          </text>
        ))}
        <path className="oc-before" d={retentionPath(before, g)} data-testid="outcome-line-before" />
        <path className="oc-after" d={retentionPath(after, g)} data-testid="outcome-line-after" />
      </svg>
      <div className="chart-legend">
        <span className="oc-legend-before">{t('outcome.legendBefore')}</span>
        <span className="oc-legend-after">{t('outcome.legendAfter')}</span>
        {range && <span className="oc-legend-range">{t('outcome.legendRange')}</span>}
      </div>
    </figure>
  );
}
