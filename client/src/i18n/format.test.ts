import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber, formatRuntime } from './format';

describe('format helpers', () => {
  it('[UI3] runtime reads "m:ss" in English and "m分s秒" in Chinese', () => {
    expect(formatRuntime(105, 'en')).toBe('1:45');
    expect(formatRuntime(105, 'zh')).toBe('1分45秒');
    expect(formatRuntime(45, 'en')).toBe('0:45');
    expect(formatRuntime(45, 'zh')).toBe('45秒');
    expect(formatRuntime(120, 'en')).toBe('2:00');
    expect(formatRuntime(120, 'zh')).toBe('2分0秒');
    expect(formatRuntime(3725, 'en')).toBe('1:02:05');
    expect(formatRuntime(3725, 'zh')).toBe('1小时2分5秒');
  });

  it('[UI3] runtime rounds to seconds and treats missing values as zero', () => {
    expect(formatRuntime(89.6, 'en')).toBe('1:30');
    expect(formatRuntime(0, 'zh')).toBe('0秒');
    expect(formatRuntime(Number.NaN, 'en')).toBe('0:00');
    expect(formatRuntime(-5, 'en')).toBe('0:00');
  });

  it('[UI3] numbers use the locale grouping', () => {
    expect(formatNumber(480000, 'en')).toBe('480,000');
    expect(formatNumber(480000, 'zh')).toBe('480,000');
    expect(formatNumber(0.006, 'en', { style: 'percent', maximumFractionDigits: 1 })).toBe('0.6%');
  });

  it('[UI3] dates are localized and invalid ones render empty', () => {
    const iso = '2025-03-05T12:00:00Z';
    expect(formatDate(iso, 'en')).toMatch(/Mar 5, 2025/);
    expect(formatDate(iso, 'zh')).toMatch(/2025年3月5日/);
    expect(formatDate('not a date', 'en')).toBe('');
  });
});
