import { describe, expect, it } from 'vitest';
import { parseSceneHeading } from './heading.js';

describe('parseSceneHeading', () => {
  it('[SC5] reads a Chinese heading with episode-scene number, time, setting and location', () => {
    expect(parseSceneHeading('1-3 夜 内 客厅')).toEqual({ number: '1-3', setting: '内', location: '客厅', time: '夜' });
  });

  it('[SC5] accepts the Chinese tokens in any order', () => {
    const expected = { number: '1-3', setting: '内', location: '客厅', time: '日' };
    expect(parseSceneHeading('1-3 客厅 日 内')).toEqual(expected);
    expect(parseSceneHeading('1-3 内 客厅 日')).toEqual(expected);
    expect(parseSceneHeading('1-3 日 内 客厅')).toEqual(expected);
  });

  it('[SC5] reads headings without a number (numbers are automatic)', () => {
    expect(parseSceneHeading('夜 内 医院走廊')).toEqual({ number: null, setting: '内', location: '医院走廊', time: '夜' });
  });

  it('[SC5] knows the longer Chinese times of day', () => {
    for (const time of ['黄昏', '傍晚', '清晨', '晨', '昏', '凌晨', '深夜']) {
      expect(parseSceneHeading(`12-3 ${time} 外 顾家老宅`).time).toBe(time);
    }
  });

  it('[SC5] reads 内外 and glued tokens such as 夜内', () => {
    expect(parseSceneHeading('5-2 日 内外 车内').setting).toBe('内外');
    expect(parseSceneHeading('5-2 日 内/外 车内').setting).toBe('内外');
    expect(parseSceneHeading('夜内 客厅')).toEqual({ number: null, setting: '内', location: '客厅', time: '夜' });
    expect(parseSceneHeading('外·黄昏 天台')).toMatchObject({ setting: '外', time: '黄昏', location: '天台' });
  });

  it('[SC5] keeps a multi-word Chinese location and full-width separators', () => {
    expect(parseSceneHeading('12-3A　黄昏　外　顾家老宅 花园')).toEqual({
      number: '12-3A',
      setting: '外',
      location: '顾家老宅 花园',
      time: '黄昏',
    });
    expect(parseSceneHeading('2–1，日，内，顾氏集团总裁办公室')).toMatchObject({ number: '2-1', location: '顾氏集团总裁办公室' });
  });

  it('[SC5] reads a half-typed Chinese heading', () => {
    expect(parseSceneHeading('')).toEqual({ number: null, setting: null, location: '', time: null });
    expect(parseSceneHeading('夜')).toEqual({ number: null, setting: null, location: '', time: '夜' });
    expect(parseSceneHeading('医院走廊')).toEqual({ number: null, setting: null, location: '医院走廊', time: null });
  });

  it('[SC5] reads US sluglines', () => {
    expect(parseSceneHeading('INT. KITCHEN - NIGHT')).toEqual({
      number: null,
      setting: 'INT',
      location: 'KITCHEN',
      time: 'NIGHT',
    });
    expect(parseSceneHeading('EXT. CITY HOSPITAL - DAY')).toMatchObject({ setting: 'EXT', location: 'CITY HOSPITAL' });
  });

  it('[SC5] reads combined interior/exterior forms as INT/EXT', () => {
    for (const prefix of ['INT./EXT.', 'EXT./INT.', 'INT/EXT', 'I/E.', 'I/E']) {
      expect(parseSceneHeading(`${prefix} ETHAN'S CAR - MOVING - DAY`)).toEqual({
        number: null,
        setting: 'INT/EXT',
        location: "ETHAN'S CAR - MOVING",
        time: 'DAY',
      });
    }
  });

  it('[SC5] reads leading and Fountain scene numbers on sluglines', () => {
    expect(parseSceneHeading('12 INT. KITCHEN - NIGHT').number).toBe('12');
    expect(parseSceneHeading('6-3 INT. RECORDS ROOM - NIGHT')).toMatchObject({ number: '6-3', location: 'RECORDS ROOM' });
    expect(parseSceneHeading('INT. HOUSE - DAY #1A#')).toMatchObject({ number: '1A', time: 'DAY', location: 'HOUSE' });
  });

  it('[SC5] reads lowercase and unfinished sluglines', () => {
    expect(parseSceneHeading('int. kitchen')).toEqual({ number: null, setting: 'INT', location: 'kitchen', time: null });
    expect(parseSceneHeading('INT. KITCHEN -')).toMatchObject({ location: 'KITCHEN', time: null });
    expect(parseSceneHeading('INT.')).toMatchObject({ setting: 'INT', location: '' });
  });

  it('[SC5] does not mistake words starting with INT/EXT for a setting', () => {
    expect(parseSceneHeading('INTERIOR DESIGN STUDIO').setting).toBeNull();
    expect(parseSceneHeading('EXTRA ROOM').setting).toBeNull();
  });
});
