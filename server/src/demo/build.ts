import { type CueExtension, NodeName } from '@loopline/shared';

/**
 * A tiny builder for demo scripts, so the episodes under ./episodes read like
 * a script rather than like ProseMirror JSON. Every function returns plain
 * ProseMirror JSON under the shared schema; `content.test.ts` checks it.
 *
 * Conventions [SC11]: labels and glyphs the editor draws from the node type
 * (△/▲ from the action kind, 字幕/音效/闪回/特写, 【人物：…】, OS/VO from the
 * cue extension) are not part of the stored text, so the builder strips a
 * leading △/▲ into the action's `kind`.
 */

/** ProseMirror JSON of one node. */
export interface PMJson {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PMJson[];
  text?: string;
}

/** What a scene body accepts: one block, or the cue + parenthetical + line group `say()` returns. */
export type Body = PMJson | PMJson[];

const textBlock = (type: string, text: string, attrs?: Record<string, unknown>): PMJson => ({
  type,
  ...(attrs ? { attrs } : {}),
  // ProseMirror rejects empty text nodes: an empty block has no content.
  ...(text === '' ? {} : { content: [{ type: NodeName.text, text }] }),
});

/** An episode document of the given scenes. */
export const episodeDoc = (...scenes: PMJson[]): PMJson => ({ type: NodeName.doc, content: scenes });

/**
 * A scene with a stable id and a heading written without its number
 * (`夜 内 医院走廊`, `INT. KITCHEN - NIGHT`): numbers are automatic [SC4].
 */
export function scene(sceneId: string, heading: string, ...body: Body[]): PMJson {
  return {
    type: NodeName.scene,
    attrs: { sceneId },
    content: [textBlock(NodeName.sceneHeading, heading, { number: null }), ...body.flat()],
  };
}

/** An action line; a leading △ makes it an environment/empty shot, ▲ a character action. */
export function action(text: string): PMJson {
  const glyph = text.trimStart()[0];
  const kind = glyph === '△' ? 'environment' : glyph === '▲' ? 'character' : 'plain';
  const body = kind === 'plain' ? text.trim() : text.trimStart().slice(1).trim();
  return textBlock(NodeName.action, body, { kind });
}

/** A character cue; `ext` is OS (off-screen), VO (voice-over) or CONT'D. */
export const cue = (name: string, ext: CueExtension = ''): PMJson =>
  textBlock(NodeName.character, name, { extension: ext });

/** A parenthetical (the `（提示）` of `角色（提示）：台词`). */
export const paren = (text: string): PMJson => textBlock(NodeName.parenthetical, text);

/** A line of dialogue without its cue (a second paragraph of the same speech). */
export const line = (text: string): PMJson => textBlock(NodeName.dialogue, text);

/** Cue, optional parenthetical and dialogue: `say('林晚', '请签收。', { paren: '冷笑', ext: 'OS' })`. */
export function say(name: string, text: string, opts: { paren?: string; ext?: CueExtension } = {}): PMJson[] {
  return [cue(name, opts.ext), ...(opts.paren ? [paren(opts.paren)] : []), line(text)];
}

/** Two speeches spoken at once, side by side; each side is a `say()` group. */
export function dual(left: PMJson[], right: PMJson[]): PMJson {
  const column = (blocks: PMJson[]): PMJson => ({ type: NodeName.dialogueColumn, content: blocks });
  return { type: NodeName.dualDialogue, content: [column(left), column(right)] };
}

/** The cast line of a scene (rendered 【人物：甲、乙】); names are stored joined by 、. */
export const cast = (...names: string[]): PMJson => textBlock(NodeName.castLine, names.join('、'));

/** On-screen text (字幕 / 画面文字 / SUPER). */
export const caption = (text: string): PMJson => textBlock(NodeName.caption, text);
/** A sound effect (音效 / SFX). */
export const sound = (text: string): PMJson => textBlock(NodeName.sound, text);
/** A flashback line (闪回). */
export const flashback = (text: string): PMJson => textBlock(NodeName.flashback, text);
/** A close-up (特写 / CLOSE ON). */
export const closeUp = (text: string): PMJson => textBlock(NodeName.closeUp, text);
/** A camera direction (镜头). */
export const shot = (text: string): PMJson => textBlock(NodeName.shot, text);
/** A transition (`CUT TO:`, `切至：`). */
export const transition = (text: string): PMJson => textBlock(NodeName.transition, text);
/** Where the opening hook lands; the text is the writers' note on it. */
export const hook = (note: string): PMJson => textBlock(NodeName.hook, note);
/** Where the episode cuts; the text is the writers' note on the cliffhanger. */
export const cliffhanger = (note: string): PMJson => textBlock(NodeName.cliffhanger, note);
/** Where free viewing stops (付费卡点). */
export const paywall = (note: string): PMJson => textBlock(NodeName.paywall, note);

/**
 * Pins every scene number of a locked (or aired) episode to its current
 * position, as production does when a script is locked: scenes inserted
 * later get new numbers without renumbering the shot ones [SC4].
 */
export function pinNumbers(doc: PMJson, episodeNumber: number): PMJson {
  return {
    ...doc,
    content: (doc.content ?? []).map((scene, i) => ({
      ...scene,
      content: (scene.content ?? []).map((block, j) =>
        j === 0 ? { ...block, attrs: { ...block.attrs, number: `${episodeNumber}-${i + 1}` } } : block,
      ),
    })),
  };
}
