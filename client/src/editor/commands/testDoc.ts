import { NodeName, scriptSchema } from '@loopline/shared';
import type { Node } from 'prosemirror-model';
import { type Command, EditorState, type Plugin, TextSelection } from 'prosemirror-state';

/*
 * Small screenplay documents for tests, written as lines:
 *   '# s1 1-1 夜 内 客厅'     a scene with id s1 and that heading
 *   'character: 林晚|'        a body block; `|` marks the cursor
 *   'action[character]: 走'   attrs in brackets: action kind / cue extension
 *   'dual'                    a dual dialogue; its blocks follow as
 *   '1 character: A' / '2 dialogue: b'   (column number first)
 * `render` turns a state back into the same lines so tests compare arrays.
 * Scene ids longer than 10 characters (fresh random ids) render as `*`.
 */

const attrsFor = (type: string, attr: string | undefined): Record<string, unknown> | null => {
  if (attr === undefined) return null;
  if (type === NodeName.action) return { kind: attr };
  if (type === NodeName.character) return { extension: attr };
  return null;
};

function parseBlock(line: string, cursor: { pos: number | null }, at: number): Node {
  const m = /^(\w+)(?:\[([^\]]*)\])?:\s?(.*)$/.exec(line);
  if (!m) throw new Error(`bad line: ${line}`);
  const [, type = '', attr, raw = ''] = m;
  const bar = raw.indexOf('|');
  const text = raw.replace('|', '');
  if (bar >= 0) cursor.pos = at + 1 + bar;
  return scriptSchema.node(type, attrsFor(type, attr), text ? scriptSchema.text(text) : undefined);
}

/** Builds an editor state from lines (see the comment above); `plugins` are optional. */
export function stateOf(lines: string[], plugins: Plugin[] = []): EditorState {
  const cursor: { pos: number | null } = { pos: null };
  const scenes: Node[] = [];
  let pos = 0;
  let i = 0;
  while (i < lines.length) {
    const head = /^#\s+(\S+)\s?(.*)$/.exec(lines[i] ?? '');
    if (!head) throw new Error(`expected a scene line, got ${lines[i]}`);
    const scenePos = pos;
    pos += 1;
    const children: Node[] = [parseBlock(`sceneHeading: ${head[2] ?? ''}`, cursor, pos)];
    pos += children[0]!.nodeSize;
    i++;
    while (i < lines.length && !lines[i]!.startsWith('#')) {
      if (lines[i] === 'dual') {
        i++;
        const columns: Node[][] = [[], []];
        const dualPos = pos;
        pos += 2; // dualDialogue + first column open
        while (i < lines.length && /^[12] /.test(lines[i]!)) {
          const col = Number(lines[i]![0]) - 1;
          if (col === 1 && columns[1]!.length === 0) pos += 2; // close column 1, open column 2
          const node = parseBlock(lines[i]!.slice(2), cursor, pos);
          columns[col]!.push(node);
          pos += node.nodeSize;
          i++;
        }
        pos += 2;
        const column = (c: Node[]) => scriptSchema.node(NodeName.dialogueColumn, null, c);
        children.push(scriptSchema.node(NodeName.dualDialogue, null, [column(columns[0]!), column(columns[1]!)]));
        if (pos !== dualPos + children.at(-1)!.nodeSize) throw new Error('dual position bookkeeping');
        continue;
      }
      const node = parseBlock(lines[i]!, cursor, pos);
      children.push(node);
      pos += node.nodeSize;
      i++;
    }
    pos += 1;
    scenes.push(scriptSchema.node(NodeName.scene, { sceneId: head[1] === '-' ? null : head[1] }, children));
    if (pos !== scenePos + scenes.at(-1)!.nodeSize) throw new Error('scene position bookkeeping');
  }
  const doc = scriptSchema.node(NodeName.doc, null, scenes);
  doc.check();
  const selection = cursor.pos === null ? undefined : TextSelection.create(doc, cursor.pos);
  return EditorState.create({ doc, selection, plugins });
}

function blockLine(node: Node, cursor: number, prefix = ''): string {
  const text = node.textContent;
  const shown = cursor >= 0 ? `${text.slice(0, cursor)}|${text.slice(cursor)}` : text;
  let attr = '';
  if (node.type.name === NodeName.action && node.attrs.kind !== 'plain') attr = `[${node.attrs.kind}]`;
  if (node.type.name === NodeName.character && node.attrs.extension) attr = `[${node.attrs.extension}]`;
  return `${prefix}${node.type.name}${attr}: ${shown}`;
}

/** Renders a state (or doc) back into lines with `|` at the selection head. */
export function render(state: EditorState | Node): string[] {
  const doc = 'doc' in state ? state.doc : state;
  const head = 'doc' in state ? state.selection.head : -1;
  const lines: string[] = [];
  const cursorIn = (node: Node, pos: number) => (head > pos && head <= pos + node.nodeSize - 1 ? head - pos - 1 : -1);
  doc.forEach((scene, scenePos) => {
    const id = String(scene.attrs.sceneId ?? '-');
    scene.forEach((child, childOffset) => {
      const childPos = scenePos + 1 + childOffset;
      if (child.type.name === NodeName.sceneHeading) {
        const c = cursorIn(child, childPos);
        const text = child.textContent;
        const shown = c >= 0 ? `${text.slice(0, c)}|${text.slice(c)}` : text;
        lines.push(`# ${id.length > 10 ? '*' : id} ${shown}`.trimEnd());
      } else if (child.type.name === NodeName.dualDialogue) {
        lines.push('dual');
        child.forEach((column, columnOffset, columnIndex) => {
          column.forEach((block, blockOffset) => {
            const blockPos = childPos + 1 + columnOffset + 1 + blockOffset;
            lines.push(blockLine(block, cursorIn(block, blockPos), `${columnIndex + 1} `));
          });
        });
      } else {
        lines.push(blockLine(child, cursorIn(child, childPos)));
      }
    });
  });
  return lines;
}

/** Runs a command; returns the new state, or null if the command declined. Checks the result is valid. */
export function apply(state: EditorState, command: Command): EditorState | null {
  let next: EditorState | null = null;
  const ok = command(state, (tr) => {
    next = state.apply(tr);
  });
  if (!ok) return null;
  if (next === null) return state;
  (next as EditorState).doc.check();
  return next;
}

/** Like `apply` but fails the test when the command declines. */
export function run(state: EditorState, command: Command): EditorState {
  const next = apply(state, command);
  if (next === null) throw new Error('command declined');
  return next;
}

/** The sceneIds of a document, in order. */
export function sceneIds(state: EditorState): (string | null)[] {
  const ids: (string | null)[] = [];
  state.doc.forEach((scene) => {
    ids.push(scene.attrs.sceneId as string | null);
  });
  return ids;
}
