import {
  charactersInScript,
  estimateEpisodeRuntime,
  isCueText,
  NodeName,
  parseSceneHeading,
  sceneNumbers,
  sceneOutline,
  scriptSchema,
} from '@loopline/shared';
import { repairSceneIds } from '@loopline/shared/collab';
import type { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docToProseMirror, initialDocumentUpdate } from '../documents/convert.js';
import { DEMO_SERIES } from './content.js';

const episodes = DEMO_SERIES.episodes.map((episode, i) => ({
  ...episode,
  number: i + 1,
  node: scriptSchema.nodeFromJSON(episode.doc),
}));
const chinese = episodes.filter((e) => e.language === 'zh');
const english = episodes.filter((e) => e.language === 'en');

const scenesOf = (doc: Node): Node[] => {
  const out: Node[] = [];
  doc.forEach((scene) => {
    out.push(scene);
  });
  return out;
};
const blocksOf = (node: Node, type: string): Node[] => {
  const out: Node[] = [];
  node.descendants((child) => {
    if (child.type.name === type) out.push(child);
  });
  return out;
};

describe('demo series content', () => {
  it('[SC12] every episode document is valid under the shared schema', () => {
    for (const episode of episodes) expect(() => episode.node.check(), episode.title).not.toThrow();
  });

  it('[SC12] five Chinese episodes and one English episode with the planned statuses', () => {
    expect(DEMO_SERIES.title).toBe('签收双胞胎');
    expect(episodes.map((e) => e.language)).toEqual(['zh', 'zh', 'zh', 'zh', 'zh', 'en']);
    expect(episodes.map((e) => e.status)).toEqual(['aired', 'aired', 'locked', 'in_review', 'draft', 'draft']);
  });

  it('[SC12] every episode has 5 to 8 scenes', () => {
    for (const episode of episodes) {
      expect(episode.node.childCount, episode.title).toBeGreaterThanOrEqual(5);
      expect(episode.node.childCount, episode.title).toBeLessThanOrEqual(8);
    }
  });

  it('[SC1] scene ids are unique within each episode (and across the demo)', () => {
    const all: string[] = [];
    for (const episode of episodes) {
      const ids = scenesOf(episode.node).map((scene) => scene.attrs.sceneId as string);
      expect(ids.every((id) => typeof id === 'string' && id !== '')).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
      all.push(...ids);
    }
    expect(new Set(all).size).toBe(all.length);
  });

  it('[SC12] each Chinese episode opens with a hook in its first scene and cuts on a cliffhanger', () => {
    for (const episode of chinese) {
      const scenes = scenesOf(episode.node);
      expect(blocksOf(scenes[0]!, NodeName.hook), episode.title).toHaveLength(1);
      expect(blocksOf(episode.node, NodeName.hook), episode.title).toHaveLength(1);
      const last = scenes[scenes.length - 1]!;
      expect(blocksOf(last, NodeName.cliffhanger), episode.title).toHaveLength(1);
      expect(blocksOf(episode.node, NodeName.cliffhanger), episode.title).toHaveLength(1);
    }
  });

  it('[SC12] episode 5 is the paywall episode, and the only one', () => {
    const withPaywall = episodes.filter((e) => blocksOf(e.node, NodeName.paywall).length > 0).map((e) => e.number);
    expect(withPaywall).toEqual([5]);
    const last = episodes[4]!.node.lastChild!;
    expect(last.lastChild?.type.name).toBe(NodeName.paywall);
  });

  it('[SC12] Chinese episodes use the micro-drama conventions', () => {
    for (const episode of chinese) {
      const kinds = new Set(blocksOf(episode.node, NodeName.action).map((a) => a.attrs.kind));
      expect(kinds.has('environment') && kinds.has('character'), episode.title).toBe(true);
      for (const scene of scenesOf(episode.node)) {
        expect(scene.child(1).type.name, `${episode.title} ${scene.attrs.sceneId}`).toBe(NodeName.castLine);
      }
    }
    const used = (type: string) => chinese.some((e) => blocksOf(e.node, type).length > 0);
    for (const type of [NodeName.caption, NodeName.sound, NodeName.flashback, NodeName.closeUp, NodeName.parenthetical]) {
      expect(used(type), type).toBe(true);
    }
    const extensions = new Set(chinese.flatMap((e) => blocksOf(e.node, NodeName.character).map((c) => c.attrs.extension)));
    expect(extensions).toEqual(new Set(['', 'OS', 'VO']));
  });

  it('[SC11] stored text carries no glyphs or labels the editor draws', () => {
    for (const episode of chinese) {
      for (const action of blocksOf(episode.node, NodeName.action)) expect(action.textContent).not.toMatch(/^[△▲]/);
      for (const castLine of blocksOf(episode.node, NodeName.castLine)) expect(castLine.textContent).not.toMatch(/[【】：]/);
    }
  });

  it('[SC12] every speaking character of a Chinese scene is in its cast line', () => {
    for (const episode of chinese) {
      for (const outline of sceneOutline(episode.node, { episodeNumber: episode.number, language: 'zh' })) {
        const scene = episode.node.child(outline.index);
        const cast = scene.child(1).textContent.split('、');
        for (const name of outline.characters) expect(cast, `${outline.number} ${name}`).toContain(name);
      }
    }
  });

  it('[SC12] the bible holds every character who appears in more than one episode', () => {
    const bible = new Set(DEMO_SERIES.characters.flatMap((c) => [c.name, ...c.aliases.map((a) => a.toUpperCase())]));
    const appearances = new Map<string, number>();
    for (const episode of episodes) {
      for (const name of charactersInScript(episode.node)) appearances.set(name, (appearances.get(name) ?? 0) + 1);
    }
    for (const [name, count] of appearances) if (count > 1) expect(bible.has(name), name).toBe(true);
  });

  it('[SC4] headings are written without numbers and parse fully; numbers come from position or pins', () => {
    for (const episode of episodes) {
      for (const scene of scenesOf(episode.node)) {
        const parsed = parseSceneHeading(scene.firstChild!.textContent);
        expect(parsed.number).toBeNull();
        expect(parsed.setting).not.toBeNull();
        expect(parsed.time).not.toBeNull();
        expect(parsed.location).not.toBe('');
      }
      const numbers = scenesOf(episode.node).map((_, i) => `${episode.number}-${i + 1}`);
      expect(sceneNumbers(episode.node, episode.number)).toEqual(numbers);
    }
    // Aired and locked scripts have their numbers pinned.
    for (const episode of episodes.slice(0, 3)) {
      for (const scene of scenesOf(episode.node)) expect(scene.firstChild!.attrs.number).not.toBeNull();
    }
  });

  it('[SC6] Chinese episodes run 1 to 3 minutes, as micro-drama episodes do', () => {
    for (const episode of episodes) {
      const seconds = estimateEpisodeRuntime(episode.node, episode.language);
      expect(seconds, episode.title).toBeGreaterThanOrEqual(60);
      expect(seconds, episode.title).toBeLessThanOrEqual(180);
    }
  });

  it('[SC12] the English episode follows the US screenplay format', () => {
    const [episode] = english;
    expect(episode).toBeDefined();
    const node = episode!.node;
    for (const scene of scenesOf(node)) {
      expect(['INT', 'EXT', 'INT/EXT']).toContain(parseSceneHeading(scene.firstChild!.textContent).setting);
    }
    for (const cue of blocksOf(node, NodeName.character)) expect(isCueText(cue.textContent), cue.textContent).toBe(true);
    expect(blocksOf(node, NodeName.dualDialogue)).toHaveLength(1);
    const extensions = new Set(blocksOf(node, NodeName.character).map((c) => c.attrs.extension));
    expect(extensions.has('VO') && extensions.has('OS')).toBe(true);
  });

  it('[SC1] each demo document survives the server seeding path unchanged and needs no id repair', () => {
    for (const episode of episodes) {
      const ydoc = new Y.Doc();
      Y.applyUpdate(ydoc, initialDocumentUpdate(episode.doc, { kind: 'seed', reason: 'demo' }));
      expect(repairSceneIds(ydoc)).toBe(0);
      expect(docToProseMirror(ydoc).eq(episode.node), episode.title).toBe(true);
      ydoc.destroy();
    }
  });
});
