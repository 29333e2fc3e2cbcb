import { type MouseEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DensityPoint } from '../../api/metrics';
import { formatNumber } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import { formatTimecode } from '../inbox/filters';
import { geometry, niceStep, retentionPath, timeStep } from './chart';

const WIDTH = 720;
const HEIGHT = 260;

/**
 * Retention (line, left axis, share still watching) and danmaku density
 * (bars, right axis, count per second) over the same seconds of the
 * episode [UF10], so a dip in the line lines up with what viewers were
 * typing at that moment. Drawn as SVG: two series need no chart library.
 * Hovering reads out the values at a second.
 */
export function RetentionChart({ points, density }: { points: readonly number[]; density: readonly DensityPoint[] }) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  const g = useMemo(() => geometry(points, density, WIDTH, HEIGHT), [points, density]);
  const countBySecond = useMemo(() => new Map(density.map((d) => [d.second, d.count])), [density]);
  const [hover, setHover] = useState<number | null>(null);
  const plotBottom = HEIGHT - g.bottom;
  const barWidth = Math.max(1, (WIDTH - g.left - g.right) / (g.maxSecond + 1) - 1);
  const xStep = timeStep(g.maxSecond);
  const xTicks = Array.from({ length: Math.floor(g.maxSecond / xStep) + 1 }, (_, i) => i * xStep);
  const countStep = niceStep(g.maxCount, 4);
  const countTicks = Array.from({ length: Math.round(g.maxCount / countStep) + 1 }, (_, i) => i * countStep);
  const pct = (share: number) => formatNumber(share, lang, { style: 'percent', maximumFractionDigits: 1 });

  const onMove = (event: MouseEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width === 0) return;
    const px = ((event.clientX - box.left) / box.width) * WIDTH;
    const second = Math.round(((px - g.left) / (WIDTH - g.left - g.right)) * g.maxSecond);
    setHover(second >= 0 && second <= g.maxSecond ? second : null);
  };
  const hoverShare = hover === null ? undefined : points[hover];

  return (
    <figure className="retention-chart" data-testid="retention-chart" data-points={points.length} data-bars={density.length}>
      <figcaption className="chart-readout" aria-live="polite">
        {hover === null
          ? t('metrics.chartHint')
          : t('metrics.readout', {
              time: formatTimecode(hover * 1000),
              share: hoverShare === undefined ? '—' : pct(hoverShare),
              count: formatNumber(countBySecond.get(hover) ?? 0, lang),
            })}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('metrics.chartLabel')} onMouseMove={onMove} onMouseLeave={() => setHover(null)}>
        {[0, 0.25, 0.5, 0.75, 1].map((share) => (
          <g key={share}>
            <line className="grid" x1={g.left} x2={WIDTH - g.right} y1={g.yShare(share)} y2={g.yShare(share)} />
            <text className="axis axis-left" x={g.left - 6} y={g.yShare(share) + 4} textAnchor="end">
              {pct(share)}
            </text>
          </g>
        ))}
        {countTicks.map((count) => (
          <text key={count} className="axis axis-right" x={WIDTH - g.right + 6} y={g.yCount(count) + 4}>
            {formatNumber(count, lang, { notation: 'compact' })}
          </text>
        ))}
        {xTicks.map((second) => (
          <text key={second} className="axis" x={g.x(second)} y={HEIGHT - 8} textAnchor="middle">
            {formatTimecode(second * 1000)}
          </text>
        ))}
        <g className="density-bars" data-testid="density-bars">
          {density.map((d) => (
            <rect key={d.second} className="bar" x={g.x(d.second) - barWidth / 2} y={g.yCount(d.count)} width={barWidth} height={Math.max(0, plotBottom - g.yCount(d.count))} />
          ))}
        </g>
        <path className="retention-line" d={retentionPath(points, g)} data-testid="retention-line" />
        {hover !== null && <line className="cursor" x1={g.x(hover)} x2={g.x(hover)} y1={g.top} y2={plotBottom} />}
      </svg>
      <div className="chart-legend">
        <span className="legend-line">{t('metrics.legendRetention')}</span>
        <span className="legend-bar">{t('metrics.legendDanmaku')}</span>
      </div>
    </figure>
  );
}
