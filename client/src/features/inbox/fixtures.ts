import type { FeedbackItem } from '@loopline/shared';

/** A feedback item for tests: a Douyin comment unless overridden. */
export function item(id: string, over: Partial<FeedbackItem> = {}): FeedbackItem {
  return {
    id,
    seriesId: 's1',
    episodeId: 'e1',
    kind: 'comment',
    platform: 'douyin',
    externalId: `x-${id}`,
    parentExternalId: null,
    postedAt: '2025-03-05T20:30:00.000Z',
    language: 'zh',
    text: `评论 ${id}`,
    quote: null,
    author: `p${id.padStart(15, '0')}`,
    likes: 3,
    replyCount: 0,
    timecodeMs: null,
    segments: {},
    redactions: [],
    importId: 'imp1',
    ...over,
  };
}

/** `count` items named `${prefix}1…`. */
export function items(count: number, prefix = 'i'): FeedbackItem[] {
  return Array.from({ length: count }, (_, i) => item(`${prefix}${i + 1}`));
}
