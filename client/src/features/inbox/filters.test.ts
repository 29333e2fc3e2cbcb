import { describe, expect, it } from 'vitest';
import { feedbackQuery } from '../../api/feedback';
import { activeFilterCount, EMPTY_FILTERS, formatTimecode, parseSegments, parseTimecode, toFeedbackQuery } from './filters';

describe('inbox filters', () => {
  it('[UF8] an empty filter bar asks for everything, newest first', () => {
    expect(toFeedbackQuery(EMPTY_FILTERS)).toEqual({ sort: 'time', order: 'desc' });
    expect(feedbackQuery(toFeedbackQuery(EMPTY_FILTERS))).toBe('?sort=time&order=desc');
    expect(activeFilterCount(EMPTY_FILTERS)).toBe(0);
  });

  it('[UF8] timecodes read as m:ss, h:mm:ss or seconds; nonsense is ignored', () => {
    expect(parseTimecode('0:52')).toBe(52);
    expect(parseTimecode('1:05')).toBe(65);
    expect(parseTimecode('1:00:01')).toBe(3601);
    expect(parseTimecode('90')).toBe(90);
    expect(parseTimecode('')).toBeUndefined();
    expect(parseTimecode('abc')).toBeUndefined();
    expect(parseTimecode('-5')).toBeUndefined();
    expect(formatTimecode(52_000)).toBe('0:52');
    expect(formatTimecode(3_601_000)).toBe('1:00:01');
  });

  it('[UF8] custom segments are key=value pairs; incomplete pairs are skipped', () => {
    expect(parseSegments('city=成都; device = ios,\nbad, =x, y=')).toEqual({ city: '成都', device: 'ios' });
  });

  it('[UF8] every filter reaches the query, segments as segment.<name>, the named fields winning a clash', () => {
    const query = toFeedbackQuery({
      ...EMPTY_FILTERS,
      q: '  双胞胎 ',
      episodeId: 'e1',
      kind: 'danmaku',
      platform: 'douyin',
      from: '2025-03-05T20:00',
      minLikes: '10',
      timecodeFrom: '0:30',
      timecodeTo: '1:10',
      region: '四川',
      paying: 'yes',
      viewerType: 'returning',
      coordinated: 'exclude',
      custom: 'region=ignored; device=ios',
      sort: 'likes',
      order: 'asc',
    });
    expect(query).toMatchObject({
      q: '双胞胎',
      episodeId: 'e1',
      kind: 'danmaku',
      platform: 'douyin',
      from: new Date('2025-03-05T20:00').toISOString(),
      minLikes: 10,
      timecodeFrom: 30,
      timecodeTo: 70,
      segments: { region: '四川', paying: 'yes', viewerType: 'returning', device: 'ios' },
      coordinated: false,
      sort: 'likes',
      order: 'asc',
    });
    expect(query.to).toBeUndefined();
    const params = new URLSearchParams(feedbackQuery(query, 'c2', 200));
    expect(params.get('segment.region')).toBe('四川');
    expect(params.get('segment.device')).toBe('ios');
    expect(params.get('cursor')).toBe('c2');
    expect(params.get('limit')).toBe('200');
    expect(params.get('minLikes')).toBe('10');
    expect(params.get('coordinated')).toBe('false');
    expect(params.get('segment.paying')).toBe('yes');
    expect(params.has('to')).toBe(false);
  });

  it('[UF8] a likes field that is not a whole number is left out', () => {
    expect(toFeedbackQuery({ ...EMPTY_FILTERS, minLikes: '1e3' }).minLikes).toBeUndefined();
  });
});
