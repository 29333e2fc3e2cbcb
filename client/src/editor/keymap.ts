import { NodeName, scriptSchema } from '@loopline/shared';
import { baseKeymap, toggleMark } from 'prosemirror-commands';
import { keymap } from 'prosemirror-keymap';
import type { Command, Plugin } from 'prosemirror-state';
import { redoCommand, undoCommand } from 'y-prosemirror';
import { cycleElementCommand, enterFlow, insertScene, selectionContext, setElement, splitSameElement } from './commands/index.js';
import { yUndoPluginKey } from './keys.js';

/**
 * Element shortcuts, Mod-Alt-<digit>. Alt is part of them because browsers
 * keep Ctrl/Cmd-<digit> for switching tabs. The toolbar shows these as hints.
 */
export const ELEMENT_SHORTCUTS: ReadonlyArray<readonly [digit: string, element: string]> = [
  ['1', NodeName.sceneHeading],
  ['2', NodeName.action],
  ['3', NodeName.character],
  ['4', NodeName.parenthetical],
  ['5', NodeName.dialogue],
  ['6', NodeName.transition],
  ['7', NodeName.shot],
  ['8', NodeName.castLine],
  ['9', NodeName.caption],
  ['0', NodeName.sound],
];

/**
 * Backspace at the very start of a scene heading (not the first scene's):
 * the scene merges into the previous one, the heading becoming an action line
 * — the inverse of starting a scene with Enter [ED13]. Elsewhere it declines
 * and ProseMirror's default Backspace runs.
 */
export const backspaceAtHeading: Command = (state, dispatch, view) => {
  const ctx = selectionContext(state);
  if (!ctx || !state.selection.empty || ctx.type !== NodeName.sceneHeading) return false;
  if (ctx.$pos.parentOffset !== 0 || ctx.sceneIndex === 0) return false;
  return setElement(NodeName.action)(state, dispatch, view);
};

/**
 * Makes `command` start a new undo step. Yjs merges changes less than 500 ms
 * apart into one undo step, so without this a writer typing a whole exchange
 * would undo it all at once; like Final Draft, each new element (Enter, Tab,
 * an element shortcut) is where a new step begins [ED27].
 */
export function newUndoStep(command: Command): Command {
  return (state, dispatch, view) => {
    if (dispatch) yUndoPluginKey.getState(state)?.undoManager.stopCapturing();
    return command(state, dispatch, view);
  };
}

/**
 * The editor's key bindings, by ProseMirror key name [ED13]:
 *
 * | key                     | command                                                   |
 * |-------------------------|-----------------------------------------------------------|
 * | Enter                   | enterFlow: the natural next element (see ED3–ED5)         |
 * | Shift-Enter             | splitSameElement: new line of the same element            |
 * | Tab / Shift-Tab         | cycle the element forward / back (ED2)                    |
 * | Mod-Alt-1 … Mod-Alt-0   | scene heading, action, character, parenthetical, dialogue,|
 * |                         | transition, shot, cast line, caption, sound (ED6)         |
 * | Mod-Enter               | insertScene: a new scene after this one (ED7)             |
 * | Backspace               | at the start of a heading: merge the scene into the one   |
 * |                         | before; otherwise ProseMirror's default                   |
 * | Mod-z                   | undo this writer's own changes (y-prosemirror yUndoPlugin)|
 * | Mod-y / Mod-Shift-z     | redo                                                      |
 * | Mod-b / Mod-i / Mod-u   | bold / italic / underline where the element allows marks  |
 *
 * Autocomplete's popup handles Enter, Tab, arrows and Escape before these
 * bindings while it is open (its plugin comes first).
 */
export function editorBindings(): Record<string, Command> {
  const bindings: Record<string, Command> = {
    Enter: newUndoStep(enterFlow),
    'Shift-Enter': newUndoStep(splitSameElement),
    Tab: newUndoStep(cycleElementCommand(1)),
    'Shift-Tab': newUndoStep(cycleElementCommand(-1)),
    'Mod-Enter': newUndoStep(insertScene),
    Backspace: backspaceAtHeading,
    'Mod-z': undoCommand,
    'Mod-y': redoCommand,
    'Mod-Shift-z': redoCommand,
    'Mod-b': toggleMark(scriptSchema.marks.strong!),
    'Mod-i': toggleMark(scriptSchema.marks.em!),
    'Mod-u': toggleMark(scriptSchema.marks.underline!),
  };
  for (const [digit, element] of ELEMENT_SHORTCUTS) bindings[`Mod-Alt-${digit}`] = newUndoStep(setElement(element));
  return bindings;
}

/**
 * The keymap plugins: ours first; where ours declines (or has no binding),
 * ProseMirror's base keymap handles the key (arrows, Delete, Backspace …).
 */
export function buildKeymap(): Plugin[] {
  return [keymap(editorBindings()), keymap(baseKeymap)];
}
