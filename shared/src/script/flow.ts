import { ELEMENT_CYCLE, NodeName } from '../schema/nodes.js';

/**
 * The element Enter creates after a block of type `type` [SC9]:
 * sceneHeading → action, action → action, character → dialogue,
 * parenthetical → dialogue, dialogue → character (WriterDuet's flow: a
 * conversation goes on more often than it stops; Final Draft goes to action),
 * transition → sceneHeading (a transition ends a scene), shot → action,
 * anything else (castLine, caption, sound, flashback, closeUp, markers) → action.
 */
export function nextElementAfter(type: string): string {
  switch (type) {
    case NodeName.character:
    case NodeName.parenthetical:
      return NodeName.dialogue;
    case NodeName.dialogue:
      return NodeName.character;
    case NodeName.transition:
      return NodeName.sceneHeading;
    default:
      return NodeName.action;
  }
}

/**
 * The element Tab (direction 1) or Shift-Tab (-1) turns a block into, cycling
 * through ELEMENT_CYCLE (action, character, parenthetical, dialogue,
 * transition, shot) and wrapping around. A type outside the cycle enters it
 * at its first element going forward and at its last going back.
 */
export function cycleElement(type: string, direction: 1 | -1): string {
  const cycle: readonly string[] = ELEMENT_CYCLE;
  const at = cycle.indexOf(type);
  if (at === -1) return (direction === 1 ? cycle[0] : cycle[cycle.length - 1]) as string;
  return cycle[(at + direction + cycle.length) % cycle.length] as string;
}
