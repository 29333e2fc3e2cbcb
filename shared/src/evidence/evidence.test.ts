import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { repairSceneIds } from '../collab/sceneIds.js';
import { sceneTextblocks } from '../revisions/blocks.js';
import { SCRIPT_FRAGMENT } from '../schema/nodes.js';
import { scriptSchema } from '../schema/schema.js';
import { createSceneAnchor, createSpanAnchor, createSpanAnchorInScene } from './anchor.js';
import { anchorIsKnown, evaluateLinks, linkState, resolveSpanAnchor, resolveSpanRange } from './resolve.js';
import type { EvidenceAnchor, SpanAnchor } from './types.js';
import { plainText, sceneTextElements } from './yscript.js';

// Episodes built with Yjs XML types directly, the way y-prosemirror stores
// them: scene (sceneId) → block elements → one XmlText each.

type Line = [name: string, text: string];

function block(name: string, text: string): Y.XmlElement {
  const el = new Y.XmlElement(name);
  if (text !== '') el.insert(0, [new Y.XmlText(text)]);
  return el;
}

function sceneEl(id: string, heading: string, lines: Line[]): Y.XmlElement {
  const el = new Y.XmlElement('scene');
  el.setAttribute('sceneId', id);
  el.insert(0, [block('sceneHeading', heading), ...lines.map(([n, t]) => block(n, t))]);
  return el;
}

/** A fresh copy (new Yjs items) of a scene, as y-prosemirror writes a moved or pasted scene. */
function copyOf(scene: Y.XmlElement): Y.XmlElement {
  const lines = (scene.toArray() as Y.XmlElement[]).map((b): Line => [b.nodeName, plainText(b.firstChild as Y.XmlText)]);
  const [, ...body] = lines;
  return sceneEl(scene.getAttribute('sceneId')!, lines[0]![1], body);
}

const fragment = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment(SCRIPT_FRAGMENT);
const sceneAt = (doc: Y.Doc, i: number): Y.XmlElement => fragment(doc).get(i) as Y.XmlElement;
const textOf = (doc: Y.Doc, scene: number, line: number): Y.XmlText =>
  sceneTextElements(sceneAt(doc, scene))[line]!.firstChild as Y.XmlText;

function episode(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = 1;
  fragment(doc).insert(0, [
    sceneEl('s1', '12-1 日 外 快递站', [
      ['action', '△林晚把快递递给顾承泽。'],
      ['character', '林晚'],
      ['dialogue', '顾总，请签收。'],
    ]),
    sceneEl('s2', '12-2 夜 内 客厅', [
      ['action', 'Mia hides behind the door with her brother.'],
      ['dialogue', '妈妈，那个叔叔是谁？'],
    ]),
  ]);
  return doc;
}

/** A span anchor on the text `quote` in line `line` of scene `scene` (first occurrence). */
function anchorOn(doc: Y.Doc, scene: number, line: number, quote: string): SpanAnchor {
  const from = plainText(textOf(doc, scene, line)).indexOf(quote);
  const sceneId = sceneAt(doc, scene).getAttribute('sceneId')!;
  const anchor = createSpanAnchor(doc, { sceneId, blockIndex: line, from, to: from + quote.length });
  if (!anchor) throw new Error(`no anchor on ${quote}`);
  return anchor;
}

const stateOf = (doc: Y.Doc, anchor: EvidenceAnchor) => evaluateLinks(doc, [anchor])[0];

function sync(...docs: Y.Doc[]): void {
  const states = docs.map((d) => Y.encodeStateAsUpdate(d));
  for (const d of docs) for (const s of states) Y.applyUpdate(d, s);
}

describe('creating anchors', () => {
  it('[EV2] a span anchor is plain JSON: scene id, two relative positions, the quote and the heading', () => {
    const doc = episode();
    const anchor = anchorOn(doc, 0, 3, '请签收');
    expect(anchor).toMatchObject({ kind: 'span', sceneId: 's1', heading: '12-1 日 外 快递站', blockIndex: 3, quote: '请签收' });
    const roundTrip = JSON.parse(JSON.stringify(anchor)) as SpanAnchor;
    expect(roundTrip).toEqual(anchor);
    expect(resolveSpanAnchor(doc, roundTrip)).toEqual({ sceneExists: true, text: '请签收' });
    expect(stateOf(doc, roundTrip)).toBe('anchored');
  });

  it('[EV3] no anchor on a missing scene or line, an empty span, or a span beyond the text', () => {
    const doc = episode();
    expect(createSpanAnchor(doc, { sceneId: 'nope', blockIndex: 1, from: 0, to: 2 })).toBeNull();
    expect(createSpanAnchor(doc, { sceneId: 's1', blockIndex: 9, from: 0, to: 2 })).toBeNull();
    expect(createSpanAnchor(doc, { sceneId: 's1', blockIndex: 1, from: 3, to: 3 })).toBeNull();
    expect(createSpanAnchor(doc, { sceneId: 's1', blockIndex: 2, from: 0, to: 3 })).toBeNull();
    expect(createSpanAnchor(doc, { sceneId: 's1', blockIndex: 2, from: 0, to: 2 })?.quote).toBe('林晚');
    expect(createSceneAnchor(doc, 'nope')).toBeNull();
  });

  it('[EV3] ProseMirror offsets inside a scene address the same text as ProseMirror does, dual dialogue included', () => {
    const doc = new Y.Doc();
    const column = (who: string, line: string): Y.XmlElement => {
      const el = new Y.XmlElement('dialogueColumn');
      el.insert(0, [block('character', who), block('dialogue', line)]);
      return el;
    };
    const dual = new Y.XmlElement('dualDialogue');
    dual.insert(0, [column('林小满', '妈妈！'), column('林小睿', '爸爸？')]);
    const scene = sceneEl('d', '12-3 日 内 幼儿园', [['action', '两个孩子同时开口。']]);
    scene.insert(2, [dual, block('action', '全场安静。')]);
    fragment(doc).insert(0, [scene]);
    // The same scene as a ProseMirror node: its textblock offsets are the editor's.
    const tb = (name: string, text: string) => scriptSchema.node(name, null, [scriptSchema.text(text)]);
    const pmScene = scriptSchema.node('scene', { sceneId: 'd' }, [
      tb('sceneHeading', '12-3 日 内 幼儿园'),
      tb('action', '两个孩子同时开口。'),
      scriptSchema.node('dualDialogue', null, [
        scriptSchema.node('dialogueColumn', null, [tb('character', '林小满'), tb('dialogue', '妈妈！')]),
        scriptSchema.node('dialogueColumn', null, [tb('character', '林小睿'), tb('dialogue', '爸爸？')]),
      ]),
      tb('action', '全场安静。'),
    ]);
    for (const [index, { node, offset }] of sceneTextblocks(pmScene).entries()) {
      const from = offset + 1 + 1;
      const to = offset + 1 + node.content.size;
      const anchor = createSpanAnchorInScene(doc, { sceneId: 'd', from, to });
      expect(anchor?.quote).toBe(pmScene.textBetween(from, to));
      expect(anchor?.blockIndex).toBe(index);
      expect(resolveSpanRange(doc, anchor!)).toEqual({ sceneId: 'd', blockIndex: index, from, to });
    }
    // A span across two lines is refused.
    const first = sceneTextblocks(pmScene)[1]!;
    expect(createSpanAnchorInScene(doc, { sceneId: 'd', from: first.offset + 2, to: first.offset + first.node.nodeSize + 3 })).toBeNull();
  });
});

describe('link states', () => {
  it('[EV1] [EV4] [EV7] a scene link is anchored while the scene exists, orphaned once it is deleted, and keeps the heading it had', () => {
    const doc = episode();
    const link = createSceneAnchor(doc, 's2')!;
    expect(link).toEqual({ kind: 'scene', sceneId: 's2', heading: '12-2 夜 内 客厅' });
    expect(stateOf(doc, link)).toBe('anchored');
    textOf(doc, 1, 1).delete(0, 10);
    expect(stateOf(doc, link)).toBe('anchored');
    fragment(doc).delete(1, 1);
    expect(stateOf(doc, link)).toBe('orphaned');
  });

  it('[EV5] typing just before or just after the span leaves it anchored; typing inside drifts it', () => {
    const doc = episode();
    const link = anchorOn(doc, 0, 3, '请签收');
    const text = textOf(doc, 0, 3);
    text.insert(plainText(text).indexOf('请'), '麻烦');
    text.insert(plainText(text).indexOf('。'), '一下');
    expect(plainText(text)).toBe('顾总，麻烦请签收一下。');
    expect(resolveSpanAnchor(doc, link).text).toBe('请签收');
    expect(stateOf(doc, link)).toBe('anchored');
    text.insert(plainText(text).indexOf('签'), '您');
    expect(resolveSpanAnchor(doc, link).text).toBe('请您签收');
    expect(stateOf(doc, link)).toBe('drifted');
    // Taking the inserted text out again reads as quoted: anchored.
    text.delete(plainText(text).indexOf('您'), 1);
    expect(stateOf(doc, link)).toBe('anchored');
  });

  it('[EV5] deleting across an edge of the span shrinks it: drifted', () => {
    const doc = episode();
    const link = anchorOn(doc, 1, 1, 'hides behind the door');
    const text = textOf(doc, 1, 1);
    text.delete(0, 'Mia hides '.length);
    expect(resolveSpanAnchor(doc, link).text).toBe('behind the door');
    expect(stateOf(doc, link)).toBe('drifted');
    text.delete(plainText(text).indexOf(' door'), ' door with'.length);
    expect(resolveSpanAnchor(doc, link).text).toBe('behind the');
  });

  it('[EV5] formatting inside the span does not change what it reads', () => {
    const doc = episode();
    const link = anchorOn(doc, 0, 3, '请签收');
    textOf(doc, 0, 3).format(3, 2, { strong: {} });
    expect(stateOf(doc, link)).toBe('anchored');
  });

  it('[EV4] deleting all the quoted text makes the link scene-only; retyping it elsewhere does not re-anchor it', () => {
    const doc = episode();
    const link = anchorOn(doc, 0, 3, '请签收');
    const text = textOf(doc, 0, 3);
    text.delete(3, 3);
    expect(resolveSpanAnchor(doc, link).text).toBe('');
    expect(stateOf(doc, link)).toBe('scene-only');
    text.insert(3, '请签收');
    expect(plainText(text)).toBe('顾总，请签收。');
    expect(stateOf(doc, link)).toBe('scene-only');
  });

  it('[EV4] deleting the line makes the link scene-only; deleting the scene makes it orphaned', () => {
    const doc = episode();
    const link = anchorOn(doc, 0, 3, '请签收');
    sceneAt(doc, 0).delete(3, 1);
    expect(resolveSpanAnchor(doc, link)).toEqual({ sceneExists: true, text: null });
    expect(stateOf(doc, link)).toBe('scene-only');
    fragment(doc).delete(0, 1);
    expect(stateOf(doc, link)).toBe('orphaned');
  });

  it('[EV5] an undo that restores deleted text brings the span back: anchored', () => {
    const doc = episode();
    const link = anchorOn(doc, 0, 3, '请签收');
    const undo = new Y.UndoManager(fragment(doc));
    sceneAt(doc, 0).delete(3, 1);
    expect(stateOf(doc, link)).toBe('scene-only');
    undo.undo();
    expect(plainText(textOf(doc, 0, 3))).toBe('顾总，请签收。');
    expect(stateOf(doc, link)).toBe('anchored');
  });

  it('[EV10] a moved scene (deleted and re-inserted with its id, as the editor writes a move) lives on: span links become scene-only', () => {
    const doc = episode();
    const span = anchorOn(doc, 0, 3, '请签收');
    const whole = createSceneAnchor(doc, 's1')!;
    doc.transact(() => {
      const moved = copyOf(sceneAt(doc, 0));
      fragment(doc).delete(0, 1);
      fragment(doc).insert(1, [moved]);
    });
    expect(sceneAt(doc, 1).getAttribute('sceneId')).toBe('s1');
    expect(evaluateLinks(doc, [span, whole])).toEqual(['scene-only', 'anchored']);
  });

  it('[EV10] a split keeps links in the first half; a span that went to the second half is scene-only', () => {
    const doc = episode();
    const kept = anchorOn(doc, 0, 1, '林晚');
    const moved = anchorOn(doc, 0, 3, '请签收');
    doc.transact(() => {
      // The editor's split: the original scene keeps the first lines, a copy with the same id gets the rest.
      const original = sceneAt(doc, 0);
      const second = sceneEl('s1', '12-1A 日 外 快递站', [
        ['character', '林晚'],
        ['dialogue', '顾总，请签收。'],
      ]);
      original.delete(2, 2);
      fragment(doc).insert(1, [second]);
    });
    expect(repairSceneIds(doc)).toBe(1);
    expect(evaluateLinks(doc, [kept, moved])).toEqual(['anchored', 'scene-only']);
  });

  it('[EV4] every state from linkState alone', () => {
    expect(linkState({ sceneExists: false, text: 'x' }, 'x')).toBe('orphaned');
    expect(linkState({ sceneExists: true, text: null }, null)).toBe('anchored');
    expect(linkState({ sceneExists: true, text: null }, 'x')).toBe('scene-only');
    expect(linkState({ sceneExists: true, text: '' }, 'x')).toBe('scene-only');
    expect(linkState({ sceneExists: true, text: 'x' }, 'x')).toBe('anchored');
    expect(linkState({ sceneExists: true, text: 'xy' }, 'x')).toBe('drifted');
  });

  it('[EV6] a malformed stored position never throws and never drops the link', () => {
    const doc = episode();
    const link = { ...anchorOn(doc, 0, 3, '请签收'), start: { item: { client: 1, clock: 10_000_000 }, assoc: 0 } };
    const broken = { ...link, end: {} };
    expect(evaluateLinks(doc, [link, broken])).toEqual(['scene-only', 'scene-only']);
  });
});

describe('links across replicas', () => {
  it('[EV9] an anchor is known to a replica once the quoted text has reached it', () => {
    const a = episode();
    const b = new Y.Doc();
    b.clientID = 2;
    sync(a, b);
    textOf(a, 1, 2).insert(0, '小声：');
    const link = anchorOn(a, 1, 2, '小声');
    expect(anchorIsKnown(b, link)).toBe(false);
    sync(a, b);
    expect(anchorIsKnown(b, link)).toBe(true);
    expect(stateOf(b, link)).toBe('anchored');
  });

  it('[EV4] concurrent typing inside the span and deletion of its scene: orphaned everywhere', () => {
    const a = episode();
    const b = new Y.Doc();
    b.clientID = 2;
    sync(a, b);
    const link = anchorOn(a, 0, 3, '请签收');
    textOf(a, 0, 3).insert(4, '您');
    fragment(b).delete(0, 1);
    sync(a, b);
    expect(stateOf(a, link)).toBe('orphaned');
    expect(stateOf(b, link)).toBe('orphaned');
  });

  it('[EV6] regression (fuzz seed 135): replicas deleting scenes concurrently empty the episode; every link stays, orphaned', () => {
    // Each replica kept one scene locally, a different one; after sync none was left.
    const a = episode();
    const b = new Y.Doc();
    b.clientID = 2;
    sync(a, b);
    const links: EvidenceAnchor[] = [anchorOn(a, 0, 3, '请签收'), createSceneAnchor(a, 's2')!, anchorOn(a, 1, 2, '叔叔')];
    fragment(a).delete(0, 1);
    fragment(b).delete(1, 1);
    sync(a, b);
    expect(fragment(a).length).toBe(0);
    expect(evaluateLinks(a, links)).toEqual(['orphaned', 'orphaned', 'orphaned']);
    expect(evaluateLinks(b, links)).toEqual(['orphaned', 'orphaned', 'orphaned']);
  });

  it('[EV8] evaluateLinks returns one state per anchor, in order', () => {
    const doc = episode();
    const links: EvidenceAnchor[] = [anchorOn(doc, 0, 3, '请签收'), createSceneAnchor(doc, 's2')!, anchorOn(doc, 1, 1, 'Mia')];
    textOf(doc, 1, 1).delete(0, 3);
    expect(evaluateLinks(doc, links)).toEqual(['anchored', 'anchored', 'scene-only']);
    expect(evaluateLinks(doc, [])).toEqual([]);
  });
});
