import type { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { scriptSchema } from '../schema/schema.js';
import { sceneNumbers } from './numbering.js';
import { charactersInScript, locationsInScript, sceneOutline } from './outline.js';

type Json = { type: string; attrs?: Record<string, unknown>; content?: Json[]; text?: string };
const block = (type: string, text: string, attrs?: Record<string, unknown>): Json => ({
  type,
  ...(attrs ? { attrs } : {}),
  ...(text ? { content: [{ type: 'text', text }] } : {}),
});
const scene = (sceneId: string | null, heading: string, body: Json[] = [], number: string | null = null): Json => ({
  type: 'scene',
  attrs: { sceneId },
  content: [block('sceneHeading', heading, { number }), ...body],
});
const docOf = (...scenes: Json[]): Node => scriptSchema.nodeFromJSON({ type: 'doc', content: scenes });

const episode = docOf(
  scene('a', '日 外 顾氏集团大楼门口', [
    block('castLine', '林晚'),
    block('action', '暴雨。林晚摘下头盔。', { kind: 'environment' }),
    block('character', '林晚', { extension: 'OS' }),
    block('dialogue', '六年了，这一单我亲手送。'),
  ]),
  scene('b', '日 内 顾氏集团总裁办公室', [
    block('castLine', '【人物：顾承泽、周屿、林晚】'),
    block('character', '周屿'),
    block('dialogue', '顾总，楼下有个快递员。'),
    block('character', '顾承泽（画外音）'),
    block('parenthetical', '头也不抬'),
    block('dialogue', '让她放前台。'),
  ]),
  scene('c', '夜 内 医院走廊', [block('character', '苏曼琳'), block('dialogue', '钱你拿着。')]),
  scene('d', '日 外 顾氏集团大楼门口'),
);

describe('sceneNumbers', () => {
  it('[SC4] numbers scenes episode-scene by position', () => {
    expect(sceneNumbers(episode, 1)).toEqual(['1-1', '1-2', '1-3', '1-4']);
    expect(sceneNumbers(episode, 12)).toEqual(['12-1', '12-2', '12-3', '12-4']);
  });

  it('[SC4] keeps pinned numbers and continues from the position after them', () => {
    const locked = docOf(
      scene('a', '夜 内 客厅', [], '3-1'),
      scene('b', '夜 内 客厅', [], '3-1A'),
      scene('c', '日 外 天台'),
      scene('d', '日 外 天台', [], ''),
    );
    expect(sceneNumbers(locked, 3)).toEqual(['3-1', '3-1A', '3-3', '3-4']);
  });

  it('[SC4] ignores a number typed into the heading text', () => {
    expect(sceneNumbers(docOf(scene('a', '9-9 夜 内 客厅')), 2)).toEqual(['2-1']);
  });
});

describe('sceneOutline', () => {
  it('[SC7] lists every scene with id, number, parsed heading, runtime and characters', () => {
    const outline = sceneOutline(episode, { episodeNumber: 1, language: 'zh' });
    expect(outline.map((s) => s.number)).toEqual(['1-1', '1-2', '1-3', '1-4']);
    expect(outline[1]).toEqual({
      sceneId: 'b',
      index: 1,
      number: '1-2',
      heading: '日 内 顾氏集团总裁办公室',
      setting: '内',
      location: '顾氏集团总裁办公室',
      time: '日',
      // 顾总楼下有个快递员 (9) + 让她放前台 (5) = 14 characters / 4.5
      runtimeSeconds: 3.1,
      characters: ['顾承泽', '周屿', '林晚'],
    });
    expect(outline[3]?.runtimeSeconds).toBe(0);
  });

  it('[SC7] reports a missing scene id as null', () => {
    const outline = sceneOutline(docOf(scene(null, 'INT. KITCHEN - NIGHT')), { episodeNumber: 6, language: 'en' });
    expect(outline[0]).toMatchObject({ sceneId: null, number: '6-1', setting: 'INT', location: 'KITCHEN', time: 'NIGHT' });
  });
});

describe('charactersInScript / locationsInScript', () => {
  it('[SC7] lists distinct characters in first-appearance order, extensions stripped', () => {
    expect(charactersInScript(episode)).toEqual(['林晚', '顾承泽', '周屿', '苏曼琳']);
  });

  it('[SC7] finds English cues, including dual dialogue, case-insensitively distinct', () => {
    const dual: Json = {
      type: 'dualDialogue',
      content: [
        { type: 'dialogueColumn', content: [block('character', 'EVELYN'), block('dialogue', 'What are you doing here?')] },
        { type: 'dialogueColumn', content: [block('character', 'ETHAN'), block('dialogue', 'What are you doing here?')] },
      ],
    };
    const doc = docOf(
      scene('a', 'INT. LIN APARTMENT - NIGHT', [block('character', 'STRANGER (V.O.)'), block('dialogue', 'Three.')]),
      scene('b', 'INT. CITY HOSPITAL - RECORDS ROOM - NIGHT', [dual, block('character', 'Evelyn'), block('dialogue', 'Answer me.')]),
    );
    expect(charactersInScript(doc)).toEqual(['STRANGER', 'EVELYN', 'ETHAN']);
  });

  it('[SC7] lists distinct locations in first-appearance order', () => {
    expect(locationsInScript(episode)).toEqual(['顾氏集团大楼门口', '顾氏集团总裁办公室', '医院走廊']);
  });
});
