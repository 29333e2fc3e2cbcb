import { describe, expect, it } from 'vitest';
import { ELEMENT_CYCLE, NodeName } from '../schema/nodes.js';
import { cycleElement, nextElementAfter } from './flow.js';

describe('nextElementAfter (Enter)', () => {
  it('[SC9] follows a conversation: character → dialogue → character', () => {
    expect(nextElementAfter(NodeName.character)).toBe(NodeName.dialogue);
    expect(nextElementAfter(NodeName.dialogue)).toBe(NodeName.character);
    expect(nextElementAfter(NodeName.parenthetical)).toBe(NodeName.dialogue);
  });

  it('[SC9] a heading or action leads to action; a transition to the next scene heading', () => {
    expect(nextElementAfter(NodeName.sceneHeading)).toBe(NodeName.action);
    expect(nextElementAfter(NodeName.action)).toBe(NodeName.action);
    expect(nextElementAfter(NodeName.shot)).toBe(NodeName.action);
    expect(nextElementAfter(NodeName.transition)).toBe(NodeName.sceneHeading);
  });

  it('[SC9] micro-drama blocks and markers lead to action', () => {
    for (const type of [NodeName.castLine, NodeName.caption, NodeName.sound, NodeName.closeUp, NodeName.hook, NodeName.paywall]) {
      expect(nextElementAfter(type)).toBe(NodeName.action);
    }
  });
});

describe('cycleElement (Tab)', () => {
  it('[SC9] Tab walks the cycle forward and wraps around', () => {
    const seen: string[] = [];
    let type: string = NodeName.action;
    for (let i = 0; i < ELEMENT_CYCLE.length; i++) {
      seen.push(type);
      type = cycleElement(type, 1);
    }
    expect(seen).toEqual([...ELEMENT_CYCLE]);
    expect(type).toBe(NodeName.action);
  });

  it('[SC9] Shift-Tab walks back and undoes Tab', () => {
    expect(cycleElement(NodeName.action, -1)).toBe(NodeName.shot);
    for (const type of ELEMENT_CYCLE) expect(cycleElement(cycleElement(type, 1), -1)).toBe(type);
  });

  it('[SC9] a block outside the cycle enters it at either end', () => {
    expect(cycleElement(NodeName.caption, 1)).toBe(NodeName.action);
    expect(cycleElement(NodeName.caption, -1)).toBe(NodeName.shot);
  });
});
