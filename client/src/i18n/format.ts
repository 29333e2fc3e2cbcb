import { localeOf, type UiLanguage } from './language';

/** Formats a date (ISO string or Date) as a short localized date, e.g. "Mar 5, 2025" / "2025年3月5日". */
export function formatDate(value: string | Date, language: UiLanguage, withTime = false): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(localeOf(language), {
    dateStyle: 'medium',
    ...(withTime ? { timeStyle: 'short' } : {}),
  }).format(date);
}

/** Formats a number with the locale's grouping, e.g. "12,000" in both en and zh-CN. */
export function formatNumber(value: number, language: UiLanguage, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(localeOf(language), options).format(value);
}

/**
 * Formats a runtime in seconds the way each room reads it: "1:45" in English
 * (like a timecode) and "1分45秒" in Chinese. Fractions round to the nearest
 * second; negatives and NaN count as 0 (a fresh episode has no runtime yet).
 */
export function formatRuntime(seconds: number, language: UiLanguage): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (language === 'zh') {
    if (h > 0) return `${h}小时${m}分${s}秒`;
    return m > 0 ? `${m}分${s}秒` : `${s}秒`;
  }
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
