import { describe, expect, it } from 'vitest';
import { castLineNames, cueName, isCueText, uppercaseCue } from './cues.js';

describe('cue names', () => {
  it('[SC8] strips extensions and the Chinese colon from cue text', () => {
    expect(cueName('林晚（OS）')).toBe('林晚');
    expect(cueName('顾承泽（画外音）：')).toBe('顾承泽');
    expect(cueName('EVELYN (V.O.)')).toBe('EVELYN');
    expect(cueName("ETHAN (O.S.) (CONT'D)")).toBe('ETHAN');
    expect(cueName('  MIA ^')).toBe('MIA');
    expect(cueName('林小满')).toBe('林小满');
  });

  it('[SC8] reads cast lines with or without brackets and label', () => {
    expect(castLineNames('【人物：林晚、顾承泽、周屿】')).toEqual(['林晚', '顾承泽', '周屿']);
    expect(castLineNames('林小满、林小睿')).toEqual(['林小满', '林小睿']);
    expect(castLineNames('人物: 林晚，苏曼琳（六年前）')).toEqual(['林晚', '苏曼琳']);
    expect(castLineNames('Cast: EVELYN, ETHAN')).toEqual(['EVELYN', 'ETHAN']);
    expect(castLineNames('【人物：】')).toEqual([]);
  });
});

describe('English cues', () => {
  it('[SC8] recognizes uppercase cues, with or without extension', () => {
    expect(isCueText('EVELYN')).toBe(true);
    expect(isCueText('EVELYN (V.O.)')).toBe(true);
    expect(isCueText("DR. O'BRIEN (cont'd)")).toBe(true);
    expect(isCueText('NURSE #2')).toBe(true);
  });

  it('[SC8] rejects action, transitions and Chinese names', () => {
    expect(isCueText('Evelyn runs.')).toBe(false);
    expect(isCueText('CUT TO:')).toBe(false);
    expect(isCueText('林晚')).toBe(false);
    expect(isCueText('')).toBe(false);
    expect(isCueText('THE CAMERA SLOWLY PUSHES IN ON THE BIRTH RECORD AND HOLDS THERE')).toBe(false);
  });

  it('[SC8] uppercases a cue in place without changing its length', () => {
    expect(uppercaseCue('evelyn (v.o.)')).toBe('EVELYN (V.O.)');
    expect(uppercaseCue("dr. o'brien")).toBe("DR. O'BRIEN");
    expect(uppercaseCue('林晚')).toBe('林晚');
    const german = 'straße';
    expect(uppercaseCue(german)).toHaveLength(german.length);
  });
});
