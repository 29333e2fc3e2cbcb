import type { Episode } from '@loopline/shared';
import { describe, expect, it } from 'vitest';
import { moveTarget, totalRuntime } from './order';

const ep = (id: string, number: number, extra: Partial<Episode> = {}): Episode => ({
  id,
  seriesId: 's',
  number,
  title: id,
  language: 'zh',
  status: 'draft',
  assignee: null,
  archived: false,
  runtimeSeconds: 60,
  sceneCount: 3,
  createdAt: '',
  updatedAt: '',
  ...extra,
});

describe('episode order', () => {
  const list = [ep('c', 5), ep('a', 1), ep('b', 2)];

  it("[UI8] moving takes the visible neighbour's number (gaps from hidden archived episodes included)", () => {
    expect(moveTarget(list, 'c', 'up')).toBe(2);
    expect(moveTarget(list, 'a', 'down')).toBe(2);
    expect(moveTarget(list, 'b', 'down')).toBe(5);
  });

  it('[UI8] the first cannot move up, the last cannot move down, unknown ids do not move', () => {
    expect(moveTarget(list, 'a', 'up')).toBeNull();
    expect(moveTarget(list, 'c', 'down')).toBeNull();
    expect(moveTarget(list, 'x', 'up')).toBeNull();
  });

  it('[UI8] total runtime leaves archived episodes out', () => {
    expect(totalRuntime([ep('a', 1), ep('b', 2, { archived: true, runtimeSeconds: 500 })])).toBe(60);
  });
});
