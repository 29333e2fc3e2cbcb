import type { ColumnMapping, ImportTarget } from '@loopline/shared';
import { TARGET_FIELDS } from './fields.js';
import { PRESETS } from './presets.js';

/** Column names compared loosely: width-folded, lowercase, without spaces, `_` or `-`. */
export function normColumn(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, '');
}

/** Other names exports use for each field, most specific (stable ids before nicknames) first. */
const SYNONYMS: Record<ImportTarget, Record<string, string[]>> = {
  feedback: {
    text: ['评论内容', '弹幕内容', '内容', '评论', '弹幕', '文本', 'comment', 'comment text', 'content', 'body', 'message', 'textOriginal', 'snippet.textOriginal', 'snippet.textDisplay'],
    postedAt: ['发布时间', '评论时间', '发送时间', '创建时间', '时间戳', 'created_at', 'create_time', 'createTime', 'published_at', 'publishedAt', 'snippet.publishedAt', 'posted_at', 'datetime', 'date', 'timestamp'],
    author: ['用户ID', '用户id', 'uid', '抖音号', '快手号', 'user_id', 'author_id', 'authorChannelId', 'snippet.authorChannelId.value', 'userHash', 'handle', 'username', 'user', '用户', '用户名', '用户昵称', '昵称', '作者', 'nickname', 'author', 'snippet.authorDisplayName'],
    externalId: ['评论ID', '评论id', '弹幕ID', 'comment_id', 'commentId', 'cid', 'rowId', 'id'],
    parentExternalId: ['父评论ID', '回复评论ID', '被回复评论ID', 'parent_comment_id', 'parent_id', 'parentId', 'snippet.parentId', 'reply_to', 'in_reply_to'],
    kind: ['类型', '评论类型', 'kind', 'type'],
    language: ['语言', 'language', 'lang'],
    quote: ['转发内容', '引用内容', 'quote', 'quoted_text'],
    likes: ['点赞数', '点赞量', '点赞', '获赞', 'likes', 'like_count', 'digg_count', 'likeCount', 'snippet.likeCount'],
    replyCount: ['回复数', '回复量', 'replies', 'reply_count', 'replyCount', 'totalReplyCount', 'snippet.totalReplyCount'],
    timecode: ['弹幕时间', '视频时间', '时间点', '进度', 'timecode', 'video_time', 'position', 'time'],
    episode: ['集数', '剧集', '第几集', '作品标题', '视频标题', 'episode', 'ep', 'episode_number', 'video_title', 'title'],
    platform: ['平台', '渠道', 'platform', 'source'],
    'segment.region': ['IP属地', 'ip属地', '地区', '省份', '城市', 'region', 'province', 'city', 'ip_location'],
    'segment.locale': ['国家', 'locale', 'country'],
    'segment.paying': ['是否付费', '付费用户', '付费', '会员', 'paying', 'paid', 'is_paying', 'vip'],
    'segment.viewerType': ['新老用户', '用户类型', '新老粉', 'viewer_type', 'viewerType', 'new_or_returning'],
  },
  metrics: {
    date: ['日期', '统计日期', 'date', 'day'],
    episode: ['集数', '剧集', '作品标题', 'episode', 'ep', 'title'],
    platform: ['平台', '渠道', 'platform'],
    views: ['播放量', '播放数', '播放次数', 'views', 'plays', 'play_count', 'video_views'],
    uniqueViewers: ['观看人数', '播放人数', '独立观众', 'unique_viewers', 'uniques', 'viewers', 'reach'],
    completionRate: ['完播率', 'completion_rate', 'completion'],
    fiveSecondCompletion: ['5秒完播率', '5s完播率', 'five_second_completion', '5s_completion'],
    avgWatchSeconds: ['平均播放时长', '平均观看时长', '人均观看时长', 'avg_watch_seconds', 'average_watch_time', 'avg_watch_time'],
    likes: ['点赞数', '点赞量', '点赞', 'likes'],
    shares: ['分享数', '分享量', '转发数', 'shares'],
    follows: ['涨粉数', '涨粉', '新增粉丝', 'follows', 'new_followers'],
    comments: ['评论数', '评论量', 'comments', 'comment_count'],
    paywallUnlocks: ['付费解锁数', '付费解锁', '解锁数', 'unlocks', 'paywall_unlocks'],
    paywallConversion: ['付费转化率', '解锁率', '转化率', 'conversion', 'paywall_conversion'],
  },
  retention: {
    episode: ['集数', '剧集', 'episode', 'ep'],
    platform: ['平台', 'platform'],
    second: ['秒', '秒数', '时间点', 'second', 'seconds', 'time', 't'],
    share: ['留存率', '留存', '观看比例', 'share', 'retention', 'audience_share'],
  },
};

/**
 * Suggests a mapping for a file's columns [IN10]: the best-matching preset of
 * the target (at least half its columns present, text and time covered), then
 * known synonyms for the fields still unmapped. Each column maps at most once.
 */
export function suggestMapping(columns: string[], target: ImportTarget): { presetId: string | null; mapping: ColumnMapping } {
  const byNorm = new Map<string, string>();
  for (const c of columns) if (!byNorm.has(normColumn(c))) byNorm.set(normColumn(c), c);
  const used = new Set<string>();
  const mapping: ColumnMapping = {};
  let presetId: string | null = null;

  let bestScore = 0;
  for (const p of PRESETS) {
    if (p.target !== target) continue;
    const present = p.columns.filter((c) => byNorm.has(normColumn(c.name))).length;
    const covers = ['text', 'postedAt'].every((f) => p.mapping[f] === undefined || byNorm.has(normColumn(p.mapping[f]!)));
    const score = present / p.columns.length;
    if (covers && score >= 0.5 && score > bestScore) {
      bestScore = score;
      presetId = p.id;
    }
  }
  const chosen = PRESETS.find((p) => p.id === presetId);
  if (chosen) {
    for (const [field, col] of Object.entries(chosen.mapping)) {
      const actual = byNorm.get(normColumn(col));
      if (actual !== undefined && !used.has(actual)) {
        mapping[field] = actual;
        used.add(actual);
      }
    }
  }
  const synonyms = SYNONYMS[target];
  for (const { field } of TARGET_FIELDS[target]) {
    if (mapping[field] !== undefined) continue;
    for (const name of [field, ...(synonyms[field] ?? [])]) {
      const actual = byNorm.get(normColumn(name));
      if (actual !== undefined && !used.has(actual)) {
        mapping[field] = actual;
        used.add(actual);
        break;
      }
    }
  }
  return { presetId, mapping };
}
