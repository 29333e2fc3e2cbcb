import type { ImportTarget } from '@loopline/shared';

/** A field of an import target that a column can map to. */
export interface TargetField {
  field: string;
  required: boolean;
  description: string;
}

/**
 * The fields each import target accepts [IN10]. A feedback mapping may also
 * hold any `segment.<name>` key, which maps a custom column to a segment
 * attribute. "Required" means required for every row; where the value can come
 * from the import itself (platform, episode, kind) the requirement is met by it.
 */
export const TARGET_FIELDS: Record<ImportTarget, TargetField[]> = {
  feedback: [
    { field: 'text', required: true, description: 'Comment or danmaku text (reposts: the repost comment; may be empty when a quote is given).' },
    { field: 'postedAt', required: true, description: 'When it was posted: ISO 8601, YYYY-MM-DD HH:mm[:ss] or epoch seconds/ms.' },
    { field: 'author', required: false, description: 'Author handle or user id; replaced by a keyed pseudonym, never stored.' },
    { field: 'kind', required: false, description: 'comment, danmaku, repost or mention (评论/弹幕/转发/话题); else chosen at import.' },
    { field: 'externalId', required: false, description: "The platform's id of the item; with the platform, the dedup key." },
    { field: 'parentExternalId', required: false, description: "The parent comment's id, for replies (threads)." },
    { field: 'language', required: false, description: 'Language tag (zh, en, zh-CN…); guessed from the text when absent.' },
    { field: 'quote', required: false, description: 'Quoted text of a repost.' },
    { field: 'likes', required: false, description: 'Like count (non-negative; 1.2万 and 3k accepted).' },
    { field: 'replyCount', required: false, description: 'Reply count (non-negative).' },
    { field: 'timecode', required: false, description: 'Danmaku position in the video: seconds, milliseconds or mm:ss.' },
    { field: 'episode', required: false, description: 'Episode number or title (12, 第12集, EP12); else chosen at import.' },
    { field: 'platform', required: false, description: 'Platform (douyin, kuaishou, 抖音…); else chosen at import.' },
    { field: 'segment.region', required: false, description: 'Region or IP location (IP属地).' },
    { field: 'segment.locale', required: false, description: 'Viewer locale or country.' },
    { field: 'segment.paying', required: false, description: 'Paying viewer or free (yes/no, 付费/免费).' },
    { field: 'segment.viewerType', required: false, description: 'new or returning viewer (新用户/老用户).' },
  ],
  metrics: [
    { field: 'date', required: true, description: 'Day of the numbers (YYYY-MM-DD).' },
    { field: 'episode', required: true, description: 'Episode number or title; else chosen at import.' },
    { field: 'platform', required: true, description: 'Platform; else chosen at import.' },
    { field: 'views', required: false, description: 'Views / plays (播放量).' },
    { field: 'uniqueViewers', required: false, description: 'Unique viewers (观看人数).' },
    { field: 'completionRate', required: false, description: 'Completion rate (完播率), 35% or 0.35.' },
    { field: 'fiveSecondCompletion', required: false, description: '5-second completion (5秒完播率), 35% or 0.35.' },
    { field: 'avgWatchSeconds', required: false, description: 'Average watch time in seconds (平均播放时长; 1:05 accepted).' },
    { field: 'likes', required: false, description: 'Likes (点赞).' },
    { field: 'shares', required: false, description: 'Shares (分享).' },
    { field: 'follows', required: false, description: 'New follows (涨粉).' },
    { field: 'comments', required: false, description: 'Comment count (评论数).' },
    { field: 'paywallUnlocks', required: false, description: 'Paywall unlocks (付费解锁).' },
    { field: 'paywallConversion', required: false, description: 'Paywall conversion rate (付费转化率), 35% or 0.35.' },
  ],
  retention: [
    { field: 'episode', required: true, description: 'Episode number or title; else chosen at import.' },
    { field: 'platform', required: true, description: 'Platform; else chosen at import.' },
    { field: 'second', required: true, description: 'Second of the video (0, 1, 2… or m:ss).' },
    { field: 'share', required: true, description: 'Share of viewers still watching at that second, 0.35 or 35%.' },
  ],
};
