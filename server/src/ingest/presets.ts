import type { ColumnMapping } from '@loopline/shared';
import type { ImportPreset } from './types.js';

type Column = ImportPreset['columns'][number];

/** Builds a preset's mapping from its documented columns (columns without a field are not imported). */
function mappingOf(columns: Column[]): ColumnMapping {
  const m: ColumnMapping = {};
  for (const c of columns) if (c.field !== '') m[c.field] = c.name;
  return m;
}

function preset(p: Omit<ImportPreset, 'mapping'>): ImportPreset {
  return { ...p, mapping: mappingOf(p.columns) };
}

const DROPPED = 'Not imported: a display name is personal data and the id already identifies the viewer.';

/**
 * Column-mapping presets for common exports [IN10]. Each documents the columns
 * it expects; a column not listed (or listed with an empty field) is not
 * stored at all. Chinese presets read naive times as Beijing time (UTC+8).
 */
export const PRESETS: ImportPreset[] = [
  preset({
    id: 'douyin',
    label: '抖音 Douyin comments (CSV)',
    platform: 'douyin',
    target: 'feedback',
    format: 'csv',
    columns: [
      { name: '评论ID', field: 'externalId', description: 'Comment id (19 digits).' },
      { name: '父评论ID', field: 'parentExternalId', description: 'Id of the comment replied to; empty for top-level comments.' },
      { name: '集数', field: 'episode', description: 'Episode number or title (第12集).' },
      { name: '评论内容', field: 'text', description: 'Comment text.' },
      { name: '用户ID', field: 'author', description: 'Stable user id; pseudonymized.' },
      { name: '用户昵称', field: '', description: DROPPED },
      { name: '点赞数', field: 'likes', description: 'Likes (1.2万 accepted).' },
      { name: '回复数', field: 'replyCount', description: 'Replies.' },
      { name: '发布时间', field: 'postedAt', description: 'YYYY-MM-DD HH:mm:ss, Beijing time.' },
      { name: 'IP属地', field: 'segment.region', description: 'Province shown as IP location (广东).' },
      { name: '是否付费', field: 'segment.paying', description: '是/否: paying viewer.' },
      { name: '新老用户', field: 'segment.viewerType', description: '新用户/老用户: new or returning viewer.' },
    ],
  }),
  preset({
    id: 'kuaishou',
    label: '快手 Kuaishou comments (CSV)',
    platform: 'kuaishou',
    target: 'feedback',
    format: 'csv',
    columns: [
      { name: '评论ID', field: 'externalId', description: 'Comment id.' },
      { name: '被回复评论ID', field: 'parentExternalId', description: 'Id of the comment replied to.' },
      { name: '作品标题', field: 'episode', description: 'Video title carrying the episode (第12集 / EP12).' },
      { name: '评论内容', field: 'text', description: 'Comment text.' },
      { name: '快手号', field: 'author', description: 'Kuaishou id; pseudonymized.' },
      { name: '用户名', field: '', description: DROPPED },
      { name: '点赞量', field: 'likes', description: 'Likes.' },
      { name: '回复量', field: 'replyCount', description: 'Replies.' },
      { name: '评论时间', field: 'postedAt', description: 'YYYY-MM-DD HH:mm, Beijing time.' },
      { name: '地区', field: 'segment.region', description: 'Region or IP location.' },
    ],
  }),
  preset({
    id: 'tiktok',
    label: 'TikTok comments (Research API fields, CSV or JSON)',
    platform: 'tiktok',
    target: 'feedback',
    format: 'csv',
    columns: [
      { name: 'id', field: 'externalId', description: 'Comment id.' },
      { name: 'parent_comment_id', field: 'parentExternalId', description: 'Parent comment id (equals video_id for top-level comments in some exports).' },
      { name: 'video_id', field: '', description: 'Video id; the episode is chosen at import.' },
      { name: 'text', field: 'text', description: 'Comment text.' },
      { name: 'username', field: 'author', description: 'Handle, when the export tool adds it; pseudonymized.' },
      { name: 'like_count', field: 'likes', description: 'Likes.' },
      { name: 'reply_count', field: 'replyCount', description: 'Replies.' },
      { name: 'create_time', field: 'postedAt', description: 'Epoch seconds (UTC).' },
    ],
  }),
  preset({
    id: 'youtube',
    label: 'YouTube comment threads (Data API v3 JSON)',
    platform: 'youtube',
    target: 'feedback',
    format: 'json',
    columns: [
      { name: 'id', field: 'externalId', description: 'Comment thread id.' },
      { name: 'snippet.topLevelComment.snippet.textOriginal', field: 'text', description: 'Comment text as written.' },
      { name: 'snippet.topLevelComment.snippet.authorChannelId.value', field: 'author', description: "Author's channel id; pseudonymized." },
      { name: 'snippet.topLevelComment.snippet.authorDisplayName', field: '', description: DROPPED },
      { name: 'snippet.topLevelComment.snippet.likeCount', field: 'likes', description: 'Likes.' },
      { name: 'snippet.totalReplyCount', field: 'replyCount', description: 'Replies.' },
      { name: 'snippet.topLevelComment.snippet.publishedAt', field: 'postedAt', description: 'ISO 8601 (UTC).' },
    ],
  }),
  preset({
    id: 'bilibili-danmaku',
    label: 'Bilibili danmaku (XML)',
    platform: 'bilibili',
    target: 'feedback',
    format: 'danmaku-xml',
    columns: [
      { name: 'time', field: 'timecode', description: 'Position in the video, seconds (p field 1).' },
      { name: 'timestamp', field: 'postedAt', description: 'Epoch seconds sent (p field 5).' },
      { name: 'userHash', field: 'author', description: 'Hash of the sender id (p field 7); pseudonymized again.' },
      { name: 'rowId', field: 'externalId', description: 'Danmaku id (p field 8).' },
      { name: 'text', field: 'text', description: 'Danmaku text.' },
    ],
  }),
  preset({
    id: 'loopline',
    label: 'Loopline (field names as columns, any format)',
    platform: '',
    target: 'feedback',
    format: 'ndjson',
    columns: [
      { name: 'kind', field: 'kind', description: 'comment, danmaku, repost or mention.' },
      { name: 'platform', field: 'platform', description: 'Platform slug.' },
      { name: 'episode', field: 'episode', description: 'Episode number.' },
      { name: 'externalId', field: 'externalId', description: 'Platform id.' },
      { name: 'parentExternalId', field: 'parentExternalId', description: 'Parent id (threads).' },
      { name: 'postedAt', field: 'postedAt', description: 'ISO 8601.' },
      { name: 'language', field: 'language', description: 'Language tag.' },
      { name: 'text', field: 'text', description: 'Text.' },
      { name: 'quote', field: 'quote', description: 'Repost quote.' },
      { name: 'author', field: 'author', description: 'Handle; pseudonymized.' },
      { name: 'likes', field: 'likes', description: 'Likes.' },
      { name: 'replyCount', field: 'replyCount', description: 'Replies.' },
      { name: 'timecode', field: 'timecode', description: 'Danmaku position, seconds.' },
      { name: 'segment.region', field: 'segment.region', description: 'Region.' },
      { name: 'segment.paying', field: 'segment.paying', description: 'yes/no.' },
      { name: 'segment.viewerType', field: 'segment.viewerType', description: 'new/returning.' },
    ],
  }),
];

/** The preset with this id, if any. */
export function presetById(id: string): ImportPreset | undefined {
  return PRESETS.find((p) => p.id === id);
}
