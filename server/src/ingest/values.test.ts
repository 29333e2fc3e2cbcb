import { describe, expect, it } from 'vitest';
import { parseCount, parseDateTime, parseDay, parseEpisodeNumber, parseRate, parseTimecode } from './values.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const ok = <T>(value: T) => ({ ok: true, value });

describe('values', () => {
  it('[IN11] accepted date forms, zone-less ones at the given offset', () => {
    const at = (v: string | number, off = 480) => parseDateTime(v, off, NOW);
    expect(at('2025-03-05 20:03:00')).toEqual(ok('2025-03-05T12:03:00.000Z'));
    expect(at('2025-03-05 20:03')).toEqual(ok('2025-03-05T12:03:00.000Z'));
    expect(at('2025-03-05T20:03:00+08:00', 0)).toEqual(ok('2025-03-05T12:03:00.000Z'));
    expect(at('2025-03-05T12:03:00Z')).toEqual(ok('2025-03-05T12:03:00.000Z'));
    expect(at('2025-03-05T12:03:00.250Z')).toEqual(ok('2025-03-05T12:03:00.250Z'));
    expect(at('2025/3/5 20:03')).toEqual(ok('2025-03-05T12:03:00.000Z'));
    expect(at('2025年3月5日 20:03')).toEqual(ok('2025-03-05T12:03:00.000Z'));
    expect(at('2025-03-05')).toEqual(ok('2025-03-04T16:00:00.000Z'));
    expect(at('1741176180')).toEqual(ok('2025-03-05T12:03:00.000Z'));
    expect(at(1741176180000)).toEqual(ok('2025-03-05T12:03:00.000Z'));
    expect(at('2024-02-29 00:00:00', 0)).toEqual(ok('2024-02-29T00:00:00.000Z'));
  });

  it('[IN11] impossible, ambiguous, ancient and future dates are refused with the reason', () => {
    const reason = (v: string) => {
      const r = parseDateTime(v, 0, NOW);
      return r.ok ? 'accepted' : r.reason;
    };
    expect(reason('2025-02-30 10:00')).toContain('impossible date');
    expect(reason('2025-02-29 10:00:00')).toContain('impossible date');
    expect(reason('2025-03-05 24:00')).toContain('impossible date');
    expect(reason('05/03/2025')).toContain('not a date');
    expect(reason('yesterday')).toContain('not a date');
    expect(reason('1999-12-31 23:59:59')).toContain('before 2000');
    expect(reason('2025-06-03T00:00:00Z')).toContain('future');
    expect(reason('')).toContain('missing');
  });

  it('[IN11] a metrics day is the calendar date at the offset', () => {
    expect(parseDay('2025-03-05', 480, NOW)).toEqual(ok('2025-03-05'));
    expect(parseDay('20250305', 480, NOW)).toEqual(ok('2025-03-05'));
    expect(parseDay('2025-03-05T17:00:00Z', 480, NOW)).toEqual(ok('2025-03-06'));
  });

  it('[IN12] counts: integers, separators and the abbreviations exports use; negatives and words refused', () => {
    expect(parseCount('12')).toEqual(ok(12));
    expect(parseCount(12)).toEqual(ok(12));
    expect(parseCount('1,234')).toEqual(ok(1234));
    expect(parseCount('1.2万')).toEqual(ok(12000));
    expect(parseCount('10万+')).toEqual(ok(100000));
    expect(parseCount('3.4w')).toEqual(ok(34000));
    expect(parseCount('5k')).toEqual(ok(5000));
    expect(parseCount('')).toEqual(ok(null));
    expect(parseCount(null)).toEqual(ok(null));
    expect(parseCount('-5')).toMatchObject({ ok: false, reason: expect.stringContaining('negative') });
    expect(parseCount(-1)).toMatchObject({ ok: false, reason: expect.stringContaining('negative') });
    expect(parseCount('1.5')).toMatchObject({ ok: false, reason: expect.stringContaining('whole') });
    expect(parseCount('很多')).toMatchObject({ ok: false, reason: expect.stringContaining('not a number') });
  });

  it('[IN12] rates: 35%, 0.35 and 35 are the same; outside 0..100% refused', () => {
    expect(parseRate('35%')).toEqual(ok(0.35));
    expect(parseRate('0.35')).toEqual(ok(0.35));
    expect(parseRate(0.35)).toEqual(ok(0.35));
    expect(parseRate('35')).toEqual(ok(0.35));
    expect(parseRate('120%')).toMatchObject({ ok: false });
    expect(parseRate('-1%')).toMatchObject({ ok: false });
    expect(parseRate('high')).toMatchObject({ ok: false });
  });

  it('[IN12] time codes: seconds, milliseconds (by column name or size) and mm:ss', () => {
    expect(parseTimecode('52')).toEqual(ok(52_000));
    expect(parseTimecode(52.5)).toEqual(ok(52_500));
    expect(parseTimecode('0:52')).toEqual(ok(52_000));
    expect(parseTimecode('1:02:03')).toEqual(ok(3_723_000));
    expect(parseTimecode('52秒')).toEqual(ok(52_000));
    expect(parseTimecode('52000', 'time_ms')).toEqual(ok(52_000));
    expect(parseTimecode('52000', '弹幕时间(毫秒)')).toEqual(ok(52_000));
    expect(parseTimecode('52000')).toEqual(ok(52_000));
    expect(parseTimecode('0:75')).toMatchObject({ ok: false });
    expect(parseTimecode('-3')).toMatchObject({ ok: false, reason: expect.stringContaining('negative') });
  });

  it('[IN14] episode labels: numbers, 第N集, Chinese numerals, EP N', () => {
    expect(parseEpisodeNumber('12')).toBe(12);
    expect(parseEpisodeNumber('第12集')).toBe(12);
    expect(parseEpisodeNumber('第十二集')).toBe(12);
    expect(parseEpisodeNumber('第一百零五集')).toBe(105);
    expect(parseEpisodeNumber('EP12')).toBe(12);
    expect(parseEpisodeNumber('Ep. 12')).toBe(12);
    expect(parseEpisodeNumber('Episode 12')).toBe(12);
    expect(parseEpisodeNumber(12)).toBe(12);
    expect(parseEpisodeNumber('The Wedding')).toBeNull();
    expect(parseEpisodeNumber('0')).toBeNull();
  });
});
