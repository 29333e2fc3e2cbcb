import { describe, expect, it } from 'vitest';
import { MessageBudget } from './budget.js';

const LIMITS = { messagesPerSecond: 200, messageBurst: 1000, bytesPerSecond: 4096, byteBurst: 8192 };

function clock() {
  let at = 0;
  return { now: () => at, advance: (ms: number) => (at += ms) };
}

describe('message budget', () => {
  it('[AC25] allows the burst, then refills at the rate', () => {
    const c = clock();
    const budget = new MessageBudget(LIMITS, 1024, c.now);
    for (let i = 0; i < 1000; i++) expect(budget.spend(1)).toBe(true);
    expect(budget.spend(1)).toBe(false);
    c.advance(100); // 20 messages refilled
    for (let i = 0; i < 19; i++) expect(budget.spend(1)).toBe(true);
  });

  it('[AC25] counts bytes; the byte burst always holds one largest message', () => {
    const c = clock();
    const budget = new MessageBudget(LIMITS, 64 * 1024, c.now);
    expect(budget.spend(64 * 1024)).toBe(true);
    expect(budget.spend(4096)).toBe(false);
    const small = new MessageBudget(LIMITS, 1024, c.now);
    expect(small.spend(8192)).toBe(true);
    expect(small.spend(1)).toBe(false);
    c.advance(1000);
    expect(small.spend(4000)).toBe(true);
  });

  it('[AC25] a typist (40 small messages a second for a minute) never runs out', () => {
    const c = clock();
    const budget = new MessageBudget({ ...LIMITS, bytesPerSecond: 4 * 1024 * 1024, byteBurst: 16 * 1024 * 1024 }, 1024, c.now);
    for (let i = 0; i < 40 * 60; i++) {
      c.advance(25);
      expect(budget.spend(120)).toBe(true);
    }
  });
});
