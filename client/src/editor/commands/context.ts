import { NodeName, scriptSchema } from '@loopline/shared';
import { newSceneId } from '@loopline/shared/collab';
import { Fragment, type Node, type ResolvedPos, Slice } from 'prosemirror-model';
import { type Command, type EditorState, TextSelection, type Transaction } from 'prosemirror-state';

/** A command as ProseMirror defines it: pure, `dispatch` omitted to ask "could you?". */
export type { Command };

/** Where the cursor is, in screenplay terms. */
export interface BlockContext {
  $pos: ResolvedPos;
  /** The textblock holding the cursor. */
  block: Node;
  /** Position before the textblock. */
  blockPos: number;
  type: string;
  /** The scene holding the cursor, its position and index in the episode. */
  scene: Node;
  scenePos: number;
  sceneIndex: number;
  /** Index in the scene of the scene-level child holding the cursor (0 = heading). */
  indexInScene: number;
  /** True inside a dual-dialogue column. */
  inColumn: boolean;
}

/** The screenplay context of a resolved position, or null outside a textblock. */
export function contextAt($pos: ResolvedPos): BlockContext | null {
  if (!$pos.parent.isTextblock || $pos.depth < 2) return null;
  const scene = $pos.node(1);
  if (scene.type.name !== NodeName.scene) return null;
  return {
    $pos,
    block: $pos.parent,
    blockPos: $pos.before(),
    type: $pos.parent.type.name,
    scene,
    scenePos: $pos.before(1),
    sceneIndex: $pos.index(0),
    indexInScene: $pos.index(1),
    inColumn: $pos.depth > 2 && $pos.node(-1).type.name === NodeName.dialogueColumn,
  };
}

/** Context of the selection head (the block the writer is typing in). */
export function selectionContext(state: EditorState): BlockContext | null {
  return contextAt(state.selection.$head);
}

/** True when the scene holding `ctx` ends with its cursor block (at scene level). */
export function isLastInScene(ctx: BlockContext): boolean {
  return !ctx.inColumn && ctx.indexInScene === ctx.scene.childCount - 1;
}

/** A fresh empty block of `type` (attrs default). */
export function emptyBlock(type: string): Node {
  return scriptSchema.node(type);
}

/**
 * Splits the scene holding `pos` (a position between two scene-level
 * children, depth 1) into two: everything after `pos` moves into a new scene
 * with a NEW sceneId [ED4] and `headingContent` as its heading. The first half
 * keeps the original id, so evidence stays where it was. Returns the position
 * of the start of the new heading's text.
 */
export function splitSceneAt(tr: Transaction, pos: number, headingContent: Fragment = Fragment.empty): number {
  const $pos = tr.doc.resolve(pos);
  if ($pos.depth !== 1) throw new RangeError(`splitSceneAt: ${pos} is not between scene children`);
  const sceneType = scriptSchema.nodes[NodeName.scene]!;
  const heading = scriptSchema.nodes[NodeName.sceneHeading]!.create(null, headingContent);
  // An open slice `</scene><scene id=new><heading/>` joins the blocks before
  // `pos` with the old scene and the blocks after it with the new one. Node
  // `create` skips the content check, which is what lets the open start
  // scene be empty here; the joined result is valid.
  const slice = new Slice(
    Fragment.from([sceneType.create($pos.parent.attrs), sceneType.create({ sceneId: newSceneId() }, heading)]),
    1,
    1,
  );
  tr.replace(pos, pos, slice);
  return pos + 3;
}

/** Inserts an empty scene (new id, empty heading) at `pos` between scenes; returns its heading's text position. */
export function insertEmptyScene(tr: Transaction, pos: number): number {
  const heading = scriptSchema.nodes[NodeName.sceneHeading]!.create();
  tr.insert(pos, scriptSchema.nodes[NodeName.scene]!.create({ sceneId: newSceneId() }, heading));
  return pos + 2;
}

/** Puts a collapsed cursor at `pos` (clamped into the nearest text position). */
export function setCursor(tr: Transaction, pos: number): Transaction {
  return tr.setSelection(TextSelection.near(tr.doc.resolve(Math.min(pos, tr.doc.content.size))));
}

/** The type's spec name if it exists in the schema, for guarding inputs from UI. */
export function isNodeName(name: string): boolean {
  return name in scriptSchema.nodes;
}
