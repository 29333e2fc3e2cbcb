import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SCRIPT_FRAGMENT } from '../schema/nodes.js';
import { derivedSceneId, newSceneId, repairSceneIds, SCENE_ID_REPAIR_ORIGIN } from './sceneIds.js';

// Scenes are built with the Yjs XML types directly, the way y-prosemirror
// stores them (element name = node name, attrs as XML attributes).

function block(name: string, text: string): Y.XmlElement {
  const el = new Y.XmlElement(name);
  el.insert(0, [new Y.XmlText(text)]);
  return el;
}

function sceneEl(id: string | null, heading: string, lines: string[] = []): Y.XmlElement {
  const el = new Y.XmlElement('scene');
  if (id !== null) el.setAttribute('sceneId', id);
  el.insert(0, [block('sceneHeading', heading), ...lines.map((line) => block('action', line))]);
  return el;
}

/** A fresh (unintegrated) copy of a scene element with the same attributes, as a paste or split produces. */
function copyOf(el: Y.XmlElement, children: Y.XmlElement[] = el.toArray() as Y.XmlElement[]): Y.XmlElement {
  const copy = new Y.XmlElement('scene');
  for (const [key, value] of Object.entries(el.getAttributes())) copy.setAttribute(key, value as string);
  copy.insert(
    0,
    children.map((child) => block(child.nodeName, (child.firstChild as Y.XmlText | null)?.toString() ?? '')),
  );
  return copy;
}

const fragmentOf = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment(SCRIPT_FRAGMENT);
const scenes = (doc: Y.Doc): Y.XmlElement[] => fragmentOf(doc).toArray() as Y.XmlElement[];
const ids = (doc: Y.Doc): (string | undefined)[] => scenes(doc).map((s) => s.getAttribute('sceneId'));
const headings = (doc: Y.Doc): string[] => scenes(doc).map((s) => (s.firstChild as Y.XmlElement).toArray().join(''));

function episode(...scenesToInsert: Y.XmlElement[]): Y.Doc {
  const doc = new Y.Doc();
  fragmentOf(doc).insert(0, scenesToInsert);
  return doc;
}

function sync(docs: Y.Doc[]): void {
  const states = docs.map((d) => Y.encodeStateAsUpdate(d));
  for (const d of docs) for (const s of states) Y.applyUpdate(d, s);
}

function expectUnique(doc: Y.Doc): void {
  const all = ids(doc);
  expect(all.every((id) => typeof id === 'string' && id !== '')).toBe(true);
  expect(new Set(all).size).toBe(all.length);
}

describe('repairSceneIds', () => {
  it('[SC1] gives a scene without an id a derived id', () => {
    const doc = episode(sceneEl('a', '夜 内 客厅'), sceneEl(null, '日 外 天台'));
    expect(repairSceneIds(doc)).toBe(1);
    expect(ids(doc)[0]).toBe('a');
    expect(ids(doc)[1]).toBe(derivedSceneId(scenes(doc)[1]!));
    expectUnique(doc);
  });

  it('[SC1] after a copy, the first occurrence keeps its id and the copy gets a new one', () => {
    const doc = episode(sceneEl('a', '夜 内 客厅'), sceneEl('b', '日 外 天台'));
    const original = scenes(doc)[0]!;
    fragmentOf(doc).insert(2, [copyOf(original)]);
    expect(repairSceneIds(doc)).toBe(1);
    expect(ids(doc).slice(0, 2)).toEqual(['a', 'b']);
    expect(ids(doc)[2]).not.toBe('a');
    expectUnique(doc);
  });

  it('[SC1] a copy pasted above its original takes the id (document order decides)', () => {
    const doc = episode(sceneEl('a', '夜 内 客厅'));
    fragmentOf(doc).insert(0, [copyOf(scenes(doc)[0]!)]);
    repairSceneIds(doc);
    expect(ids(doc)[0]).toBe('a');
    expect(ids(doc)[1]).not.toBe('a');
  });

  it('[SC1] after a split the first half keeps the id', () => {
    const doc = episode(sceneEl('a', '夜 内 客厅', ['林晚推门而入。', '顾承泽抬头。']));
    const original = scenes(doc)[0]!;
    const moved = original.toArray().slice(2) as Y.XmlElement[];
    doc.transact(() => {
      fragmentOf(doc).insert(1, [copyOf(original, [original.toArray()[0] as Y.XmlElement, ...moved])]);
      original.delete(2, moved.length);
    });
    repairSceneIds(doc);
    expect(ids(doc)[0]).toBe('a');
    expect(scenes(doc)[0]!.length).toBe(2);
    expectUnique(doc);
  });

  it('[SC1] regression (seed 5): a copy of a repaired scene pasted above it does not keep the duplicate', () => {
    // The second scene's id is derived from its own Yjs item; pasting a copy
    // of it above it made the original the "later" duplicate, and re-deriving
    // its id wrote the same value back.
    const doc = episode(sceneEl('a', '夜 内 客厅'));
    fragmentOf(doc).insert(1, [copyOf(scenes(doc)[0]!)]);
    repairSceneIds(doc);
    const repaired = scenes(doc)[1]!;
    fragmentOf(doc).insert(1, [copyOf(repaired)]);
    repairSceneIds(doc);
    expectUnique(doc);
    // The scene that owns the derived id keeps it; the new copy is renamed.
    expect(scenes(doc)[2]!.getAttribute('sceneId')).toBe(derivedSceneId(scenes(doc)[2]!));
  });

  it('[SC1] does nothing, and emits no update, when ids are already unique', () => {
    const doc = episode(sceneEl('a', 'x'), sceneEl('b', 'y'));
    let updates = 0;
    doc.on('update', () => updates++);
    expect(repairSceneIds(doc)).toBe(0);
    expect(updates).toBe(0);
  });

  it('[SC1] repairs in one transaction carrying the repair origin', () => {
    const doc = episode(sceneEl('a', 'x'), sceneEl('a', 'y'), sceneEl(null, 'z'));
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    expect(repairSceneIds(doc)).toBe(2);
    expect(origins).toEqual([SCENE_ID_REPAIR_ORIGIN]);
  });

  it('[SC1] two clients repairing the same duplicate write the same id and converge', () => {
    const a = episode(sceneEl('s1', '夜 内 客厅'));
    const b = new Y.Doc();
    sync([a, b]);
    fragmentOf(a).insert(1, [copyOf(scenes(a)[0]!)]);
    sync([a, b]);
    expect(repairSceneIds(a)).toBe(1);
    expect(repairSceneIds(b)).toBe(1);
    sync([a, b]);
    expect(ids(a)).toEqual(ids(b));
    expect(repairSceneIds(a) + repairSceneIds(b)).toBe(0);
    expectUnique(a);
  });

  it('[SC2] ids are never reused after delete and duplicate again', () => {
    const doc = episode(sceneEl('a', '夜 内 客厅'));
    const everIssued = new Set<string>(['a']);
    for (let round = 0; round < 20; round++) {
      fragmentOf(doc).insert(1, [copyOf(scenes(doc)[0]!)]);
      repairSceneIds(doc);
      const issued = ids(doc)[1]!;
      expect(everIssued.has(issued)).toBe(false);
      everIssued.add(issued);
      fragmentOf(doc).delete(1, 1);
    }
    expect(ids(doc)).toEqual(['a']);
  });

  it('[SC2] fresh editor ids do not repeat', () => {
    const fresh = new Set(Array.from({ length: 1000 }, newSceneId));
    expect(fresh.size).toBe(1000);
  });
});

/** mulberry32: a tiny seeded PRNG so every randomized run can be replayed from its seed. */
function prng(seed: number): { int: (min: number, max: number) => number } {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { int: (min, max) => min + Math.floor(next() * (max - min + 1)) };
}

type Rng = ReturnType<typeof prng>;

/** One concurrent edit a writer can make to the scene list. */
function randomEdit(doc: Y.Doc, rng: Rng, label: string): void {
  const list = scenes(doc);
  const fragment = fragmentOf(doc);
  const at = rng.int(0, list.length - 1);
  const target = list[at]!;
  switch (rng.int(0, 4)) {
    case 0: // duplicate (copy-paste) anywhere
      fragment.insert(rng.int(0, list.length), [copyOf(target)]);
      break;
    case 1: {
      // split: the second half is a new element carrying the same attributes
      const body = target.toArray().slice(1) as Y.XmlElement[];
      const cut = rng.int(0, body.length);
      const moved = body.slice(cut);
      doc.transact(() => {
        fragment.insert(at + 1, [copyOf(target, [block('sceneHeading', `${label} split`), ...moved])]);
        if (moved.length > 0) target.delete(1 + cut, moved.length);
      });
      break;
    }
    case 2: // delete a scene (keep at least one)
      if (list.length > 1) fragment.delete(at, 1);
      break;
    case 3: // a new scene from a source that had no ids
      fragment.insert(rng.int(0, list.length), [sceneEl(null, `${label} new`)]);
      break;
    default: // type into a scene
      target.insert(target.length, [block('action', `${label} types`)]);
  }
}

describe('repairSceneIds under concurrent edits', () => {
  it('[SC1] [SC2] replicas that duplicate and split concurrently converge on unique ids (200 seeds)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      try {
        const rng = prng(seed);
        const base = episode(
          ...Array.from({ length: rng.int(1, 5) }, (_, i) => sceneEl(`s${i + 1}`, `1-${i + 1}`, ['△ 走廊', '▲ 林晚'])),
        );
        const replicas = Array.from({ length: rng.int(2, 4) }, () => new Y.Doc());
        sync([base, ...replicas]);
        for (let round = 0; round < 3; round++) {
          replicas.forEach((doc, r) => {
            for (let i = rng.int(1, 4); i > 0; i--) randomEdit(doc, rng, `r${r}`);
            repairSceneIds(doc);
            expectUnique(doc);
          });
          sync(replicas);
          for (const doc of replicas) repairSceneIds(doc);
          const first = replicas[0]!;
          for (const doc of replicas) {
            expect(fragmentOf(doc).toString()).toBe(fragmentOf(first).toString());
            expectUnique(doc);
          }
          sync(replicas);
          for (const doc of replicas) {
            expect(repairSceneIds(doc)).toBe(0);
            expect(fragmentOf(doc).toString()).toBe(fragmentOf(first).toString());
          }
        }
        expect(headings(replicas[0]!).length).toBeGreaterThan(0);
      } catch (error) {
        throw new Error(`scene-id convergence failed with seed ${seed}: ${(error as Error).message}`);
      }
    }
  });
});
