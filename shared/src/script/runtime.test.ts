import type { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { scriptSchema } from '../schema/schema.js';
import { estimateEpisodeRuntime, estimateSceneRuntime } from './runtime.js';

type Json = { type: string; attrs?: Record<string, unknown>; content?: Json[]; text?: string };
const block = (type: string, text: string, attrs?: Record<string, unknown>): Json => ({
  type,
  ...(attrs ? { attrs } : {}),
  ...(text ? { content: [{ type: 'text', text }] } : {}),
});
const scene = (heading: string, body: Json[]): Json => ({
  type: 'scene',
  attrs: { sceneId: heading },
  content: [block('sceneHeading', heading), ...body],
});
const docOf = (...scenes: Json[]): Node => scriptSchema.nodeFromJSON({ type: 'doc', content: scenes });
const first = (doc: Node): Node => doc.firstChild as Node;

describe('estimateSceneRuntime (Chinese)', () => {
  it('[SC6] counts on-screen characters at 4.5 per second', () => {
    // 9 Han characters of dialogue, punctuation not counted.
    const doc = docOf(scene('日 内 办公室', [block('character', '林晚'), block('dialogue', '顾总，您的快递，请签收。')]));
    expect(estimateSceneRuntime(first(doc), 'zh')).toBe(2);
  });

  it('[SC6] counts action, caption, sound, flashback, close-up and shot; not cues, parentheticals, cast, transitions or markers', () => {
    const timed = ['action', 'caption', 'sound', 'flashback', 'closeUp', 'shot', 'dialogue'];
    const untimed = ['castLine', 'character', 'parenthetical', 'transition', 'hook', 'cliffhanger', 'paywall'];
    const body = [...timed, ...untimed].map((type) => block(type, '一二三四五六七八九'));
    // 7 timed blocks × 9 characters = 63 characters = 14 s.
    expect(estimateSceneRuntime(first(docOf(scene('夜 内 客厅', body))), 'zh')).toBe(14);
  });

  it('[SC6] counts letters and digits inside Chinese text and ignores a typed label', () => {
    const doc = docOf(
      scene('日 内 办公室', [block('caption', '字幕：3年后，CEO回国'), block('sound', '音效：手机震动')]),
    );
    // 3年后CEO回国 = 8, 手机震动 = 4 → 12 / 4.5 = 2.67 → 2.7
    expect(estimateSceneRuntime(first(doc), 'zh')).toBe(2.7);
  });

  it('[SC6] rounds to a tenth of a second; a heading-only scene is 0', () => {
    const doc = docOf(scene('夜 内 客厅', [block('action', '林晚推门而入', { kind: 'character' })]));
    expect(estimateSceneRuntime(first(doc), 'zh')).toBe(1.3); // 6 / 4.5 = 1.33
    expect(estimateSceneRuntime(first(docOf(scene('夜 内 客厅', []))), 'zh')).toBe(0);
  });
});

describe('estimateSceneRuntime (English)', () => {
  it('[SC6] counts words at 2.5 per second for dialogue and action', () => {
    const doc = docOf(
      scene('INT. KITCHEN - NIGHT', [
        block('action', "Evelyn freezes. The phone keeps ringing."), // 6 words
        block('character', 'EVELYN'),
        block('parenthetical', 'whispering'),
        block('dialogue', "Who is this? I don't know you."), // 7 words
      ]),
    );
    expect(estimateSceneRuntime(first(doc), 'en')).toBe(5.2); // 13 / 2.5
  });

  it('[SC6] times dual dialogue by its longer column (both speak at once)', () => {
    const column = (name: string, line: string): Json => ({
      type: 'dialogueColumn',
      content: [block('character', name), block('dialogue', line)],
    });
    const doc = docOf(
      scene('INT. RECORDS ROOM - NIGHT', [
        { type: 'dualDialogue', content: [column('EVELYN', 'What are you doing here?'), column('ETHAN', 'You first.')] },
      ]),
    );
    expect(estimateSceneRuntime(first(doc), 'en')).toBe(2); // 5 words
  });
});

describe('estimateEpisodeRuntime', () => {
  it('[SC6] sums the rounded scene estimates', () => {
    const doc = docOf(
      scene('夜 内 客厅', [block('action', '林晚推门而入')]), // 1.3
      scene('夜 内 卧室', [block('action', '林晚推门而入')]), // 1.3
      scene('夜 外 天台', [block('dialogue', '请签收')]), // 0.7
    );
    expect(estimateEpisodeRuntime(doc, 'zh')).toBe(3.3);
  });
});
