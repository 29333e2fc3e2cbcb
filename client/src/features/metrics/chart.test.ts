import { describe, expect, it } from 'vitest';
import { geometry, niceStep, retentionPath, timeStep } from './chart';

describe('retention chart geometry', () => {
  it('[UF10] ticks are nice numbers and readable time steps', () => {
    expect(niceStep(230, 4)).toBe(100);
    expect(niceStep(9, 4)).toBe(5);
    expect(niceStep(0)).toBe(1);
    expect(timeStep(90)).toBe(15);
    expect(timeStep(180)).toBe(30);
  });

  it('[UF10] retention and danmaku share one x axis in seconds, spanning the longer series', () => {
    const points = [1, 0.9, 0.8, 0.7];
    const g = geometry(points, [{ second: 6, count: 230 }], 720, 260);
    expect(g.maxSecond).toBe(6);
    expect(g.maxCount).toBe(300);
    expect(g.x(0)).toBe(g.left);
    expect(g.x(6)).toBe(720 - g.right);
    // The same second lands on the same x for both series.
    expect(g.x(3)).toBeCloseTo(g.left + (720 - g.left - g.right) / 2);
    expect(g.yShare(1)).toBe(g.top);
    expect(g.yShare(0)).toBe(260 - g.bottom);
    expect(g.yCount(300)).toBe(g.top);
  });

  it('[UF10] the line starts at second 0 and breaks where a point is missing', () => {
    const g = { x: (s: number) => s * 10, yShare: (v: number) => 100 - v * 100 };
    expect(retentionPath([1, 0.5], g)).toBe('M0.0,0.0L10.0,50.0');
    expect(retentionPath([1, Number.NaN, 0.5], g)).toBe('M0.0,0.0M20.0,50.0');
  });
});
