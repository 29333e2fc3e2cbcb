import type { EpisodeMetrics } from '@loopline/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { episode } from '../../app/appTesting';
import { byTestId, mockFetch, type Rendered, render, waitFor } from '../../ui/testing';
import { MetricsPanel } from './MetricsPanel';

const row: EpisodeMetrics = {
  seriesId: 's1',
  episodeId: 'e1',
  platform: 'douyin',
  date: '2025-03-05',
  views: 480000,
  uniqueViewers: 312000,
  completionRate: 0.412,
  fiveSecondCompletion: 0.78,
  avgWatchSeconds: 65,
  likes: 21000,
  shares: 3400,
  follows: 900,
  comments: 38000,
  paywallUnlocks: null,
  paywallConversion: 0.031,
};

const api = {
  'GET /api/series/s1/episodes': { body: { episodes: [episode] } },
  'GET /api/series/s1/metrics': { body: { metrics: [row] } },
  'GET /api/episodes/e1/retention': {
    body: {
      curves: [{ seriesId: 's1', episodeId: 'e1', platform: 'douyin', points: [1, 0.9, 0.85, 0.6, 0.58], updatedAt: '2025-03-05T22:00:00Z' }],
      danmakuDensity: [
        { second: 1, count: 12 },
        { second: 3, count: 230 },
      ],
    },
  },
};

describe('MetricsPanel', () => {
  let view: Rendered | undefined;
  afterEach(() => {
    view?.unmount();
    vi.unstubAllGlobals();
  });
  const cell = (metric: string) => byTestId(view!.container, 'metrics-table').querySelector<HTMLElement>(`[data-metric="${metric}"]`)?.textContent;

  it('[UF10] the table shows every figure in the interface language; a missing one is a dash', async () => {
    mockFetch(api);
    view = await render(<MetricsPanel seriesId="s1" />);
    await waitFor(() => view!.container.querySelector('[data-testid="metrics-row"]'));
    expect(cell('views')).toBe('480,000');
    expect(cell('completionRate')).toBe('41.2%');
    expect(cell('fiveSecondCompletion')).toBe('78%');
    expect(cell('avgWatchSeconds')).toBe('1:05');
    expect(cell('paywallUnlocks')).toBe('—');
    expect(cell('paywallConversion')).toBe('3.1%');
    view.unmount();
    view = await render(<MetricsPanel seriesId="s1" />, { language: 'zh' });
    await waitFor(() => view!.container.querySelector('[data-testid="metrics-row"]'));
    expect(cell('avgWatchSeconds')).toBe('1分5秒');
    expect(byTestId(view.container, 'metrics-table').textContent).toContain('抖音');
  });

  it('[UF10] the retention line and the danmaku bars share the chart', async () => {
    mockFetch(api);
    view = await render(<MetricsPanel seriesId="s1" />);
    const chart = await waitFor(() => view!.container.querySelector<HTMLElement>('[data-testid="retention-chart"]'));
    expect(chart.dataset.points).toBe('5');
    expect(byTestId(chart, 'density-bars').querySelectorAll('rect')).toHaveLength(2);
    expect(byTestId(chart, 'retention-line').getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){4}$/);
    expect(byTestId(view.container, 'retention-curve-platform').textContent).toBe('Curve: Douyin');
  });
});
