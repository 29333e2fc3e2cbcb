import { NodeName, parseSceneHeading } from '@loopline/shared';
import type { EditorState } from 'prosemirror-state';

/** What the writer is typing that autocomplete can finish, and the range a choice replaces. */
export interface AutocompleteQuery {
  kind: 'character' | 'location';
  query: string;
  from: number;
  to: number;
}

/**
 * The autocomplete query at the cursor [ED25]: in a character cue, the cue
 * typed so far (cursor at its end); in a scene heading, the location being
 * typed — the heading's location when the text before the cursor ends with
 * it (so typing the time of day after it suggests nothing).
 */
export function queryAt(state: EditorState): AutocompleteQuery | null {
  const { selection } = state;
  if (!selection.empty) return null;
  const $pos = selection.$head;
  const block = $pos.parent;
  if (!block.isTextblock) return null;
  const start = $pos.start();
  const before = block.textBetween(0, $pos.parentOffset);
  if (block.type.name === NodeName.character) {
    if ($pos.parentOffset !== block.content.size || before.trim() === '') return null;
    return { kind: 'character', query: before, from: start, to: $pos.pos };
  }
  if (block.type.name === NodeName.sceneHeading) {
    const location = parseSceneHeading(before).location;
    if (location === '' || !before.endsWith(location)) return null;
    return { kind: 'location', query: location, from: $pos.pos - location.length, to: $pos.pos };
  }
  return null;
}
