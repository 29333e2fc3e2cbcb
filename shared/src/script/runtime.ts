import type { Node } from 'prosemirror-model';
import type { Language } from '../domain/types.js';
import { NodeName } from '../schema/nodes.js';

/**
 * Runtime estimates [SC6]. Micro-drama runtime is estimated from what is seen
 * and heard on screen, not from pages (BRIEF §5).
 */

/** Chinese scripts: characters of on-screen text per second. */
export const ZH_CHARS_PER_SECOND = 4.5;
/** English scripts: words per second, the same rate for dialogue and action. */
export const EN_WORDS_PER_SECOND = 2.5;

/**
 * Blocks that take screen time: what is seen (action, shot, close-up,
 * flashback, caption) or heard (dialogue, sound). Character cues,
 * parentheticals, cast lines, transitions, headings and the hook/cliffhanger/
 * paywall markers are instructions to the crew and count zero.
 */
export const TIMED_BLOCKS: ReadonlySet<string> = new Set([
  NodeName.action,
  NodeName.dialogue,
  NodeName.caption,
  NodeName.sound,
  NodeName.flashback,
  NodeName.closeUp,
  NodeName.shot,
]);

// A label a writer typed by hand (`字幕：`, `音效：`); the editor renders these
// from the node type, so they are not screen time.
const TYPED_LABEL = /^\s*(字幕|画面文字|音效|闪回|特写|镜头|SUPER|SFX|FLASHBACK|CLOSE ON|INSERT)\s*[:：]/i;

const CHARACTER = /[\p{L}\p{N}]/gu;
const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;

/** Units of on-screen text in one block: letters/digits for zh (each Han character is one), words for en. */
function units(text: string, language: Language): number {
  const body = text.replace(TYPED_LABEL, '');
  return (body.match(language === 'zh' ? CHARACTER : WORD) ?? []).length;
}

function unitsIn(node: Node, language: Language): number {
  if (node.type.name === NodeName.dualDialogue) {
    // Both columns are spoken at once: the longer one sets the time.
    let longest = 0;
    node.forEach((column) => {
      let sum = 0;
      column.forEach((block) => {
        if (block.type.name === NodeName.dialogue) sum += units(block.textContent, language);
      });
      longest = Math.max(longest, sum);
    });
    return longest;
  }
  return TIMED_BLOCKS.has(node.type.name) ? units(node.textContent, language) : 0;
}

const roundTenth = (seconds: number): number => Math.round(seconds * 10) / 10;

/**
 * Estimated seconds of one scene, rounded to 0.1 s: on-screen characters ÷ 4.5
 * for Chinese, words ÷ 2.5 for English. A scene of only a heading is 0.
 */
export function estimateSceneRuntime(scene: Node, language: Language): number {
  let total = 0;
  scene.forEach((block) => {
    total += unitsIn(block, language);
  });
  return roundTenth(total / (language === 'zh' ? ZH_CHARS_PER_SECOND : EN_WORDS_PER_SECOND));
}

/**
 * Estimated seconds of an episode: the sum of its scenes' rounded estimates
 * (rounded again to 0.1 s), so the total equals what the scene navigator adds up to.
 */
export function estimateEpisodeRuntime(doc: Node, language: Language): number {
  let total = 0;
  doc.forEach((scene) => {
    if (scene.type.name === NodeName.scene) total += estimateSceneRuntime(scene, language);
  });
  return roundTenth(total);
}
