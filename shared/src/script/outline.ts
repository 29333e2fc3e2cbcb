import type { Node } from 'prosemirror-model';
import type { Language } from '../domain/types.js';
import { NodeName } from '../schema/nodes.js';
import { castLineNames, cueName } from './cues.js';
import { parseSceneHeading, type SceneSetting } from './heading.js';
import { sceneNumbers } from './numbering.js';
import { estimateSceneRuntime } from './runtime.js';

/** One row of the scene navigator / outline [SC7]. */
export interface OutlineScene {
  /** The scene's stable id (null only in a document not yet repaired). */
  sceneId: string | null;
  /** 0-based position in the episode. */
  index: number;
  /** Display number, see sceneNumbers. */
  number: string;
  /** Heading text as written (trimmed). */
  heading: string;
  setting: SceneSetting | null;
  location: string;
  time: string | null;
  runtimeSeconds: number;
  /** Distinct characters of the scene (cues and cast line), first appearance first. */
  characters: string[];
}

/** Adds names to `out` unless already there; Latin names compare case-insensitively. */
function addDistinct(out: string[], seen: Set<string>, name: string): void {
  const key = name.toUpperCase();
  if (name === '' || seen.has(key)) return;
  seen.add(key);
  out.push(name);
}

/** Calls `visit` with every character name in `node` (cues, dual-dialogue cues, cast lines) in order. */
function eachName(node: Node, visit: (name: string) => void): void {
  node.descendants((child) => {
    if (child.type.name === NodeName.character) {
      visit(cueName(child.textContent));
      return false;
    }
    if (child.type.name === NodeName.castLine) {
      for (const name of castLineNames(child.textContent)) visit(name);
      return false;
    }
    return true;
  });
}

function namesIn(node: Node): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  eachName(node, (name) => addDistinct(out, seen, name));
  return out;
}

/**
 * Distinct character names of a script in first-appearance order: cue names
 * with their extensions stripped (`林晚（OS）` → `林晚`, `EVELYN (V.O.)` →
 * `EVELYN`) and the names of cast lines (【人物：甲、乙】).
 */
export function charactersInScript(doc: Node): string[] {
  return namesIn(doc);
}

/** Distinct locations of a script's scene headings in first-appearance order (empty ones skipped). */
export function locationsInScript(doc: Node): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  doc.forEach((scene) => {
    const heading = scene.firstChild;
    if (heading?.type.name !== NodeName.sceneHeading) return;
    addDistinct(out, seen, parseSceneHeading(heading.textContent).location);
  });
  return out;
}

/**
 * The outline of an episode: one row per scene with its number, parsed
 * heading, runtime estimate and characters.
 */
export function sceneOutline(doc: Node, opts: { episodeNumber: number; language: Language }): OutlineScene[] {
  const numbers = sceneNumbers(doc, opts.episodeNumber);
  const out: OutlineScene[] = [];
  doc.forEach((scene, _offset, index) => {
    if (scene.type.name !== NodeName.scene) return;
    const headingNode = scene.firstChild;
    const heading = headingNode?.type.name === NodeName.sceneHeading ? headingNode.textContent.trim() : '';
    const parsed = parseSceneHeading(heading);
    const sceneId: unknown = scene.attrs.sceneId;
    out.push({
      sceneId: typeof sceneId === 'string' && sceneId !== '' ? sceneId : null,
      index,
      number: numbers[out.length] ?? `${opts.episodeNumber}-${index + 1}`,
      heading,
      setting: parsed.setting,
      location: parsed.location,
      time: parsed.time,
      runtimeSeconds: estimateSceneRuntime(scene, opts.language),
      characters: namesIn(scene),
    });
  });
  return out;
}
