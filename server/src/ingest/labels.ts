import { FEEDBACK_KINDS, type FeedbackKind } from '@loopline/shared';

const PLATFORM_ALIASES: Record<string, string> = {
  抖音: 'douyin',
  快手: 'kuaishou',
  b站: 'bilibili',
  哔哩哔哩: 'bilibili',
  bilibili: 'bilibili',
  微信视频号: 'wechat',
  视频号: 'wechat',
  微信: 'wechat',
  'youtube shorts': 'youtube',
  tiktok: 'tiktok',
  抖音国际版: 'tiktok',
};

/** A platform label as a lowercase slug (抖音 → douyin); null when it cannot be one [IN14]. */
export function platformSlug(label: string): string | null {
  const hit = slugCache.get(label);
  if (hit !== undefined) return hit;
  const slug = computeSlug(label);
  if (slugCache.size < 1000) slugCache.set(label, slug);
  return slug;
}

const slugCache = new Map<string, string | null>();

function computeSlug(label: string): string | null {
  const s = label.normalize('NFKC').trim().toLowerCase();
  const alias = PLATFORM_ALIASES[s];
  if (alias) return alias;
  const slug = s.replace(/[\s_]+/g, '-');
  return /^[a-z0-9][a-z0-9-]{0,31}$/.test(slug) ? slug : null;
}

const KIND_ALIASES: Record<string, FeedbackKind> = {
  评论: 'comment',
  回复: 'comment',
  reply: 'comment',
  弹幕: 'danmaku',
  bullet: 'danmaku',
  转发: 'repost',
  分享: 'repost',
  share: 'repost',
  retweet: 'repost',
  话题: 'mention',
  提及: 'mention',
  hashtag: 'mention',
  topic: 'mention',
};

/** A kind label (comment, 弹幕, 转发…) as a FeedbackKind; null when unknown. */
export function parseKind(label: string): FeedbackKind | null {
  const s = label.trim().toLowerCase();
  if ((FEEDBACK_KINDS as readonly string[]).includes(s)) return s as FeedbackKind;
  return KIND_ALIASES[s] ?? null;
}

const YES = new Set(['1', 'true', 'yes', 'y', 'paid', 'paying', 'vip', '是', '付费', '已付费', '会员', '付费用户']);
const NO = new Set(['0', 'false', 'no', 'n', 'free', '否', '免费', '未付费', '非会员', '免费用户']);
const NEW = new Set(['new', '新', '新用户', '新粉', '新观众', '首次']);
const RETURNING = new Set(['returning', 'old', 'repeat', '老', '老用户', '老粉', '回访', '回访用户', '老观众']);

/**
 * Segment values in one vocabulary across platforms [IN14]: paying → yes/no,
 * viewerType → new/returning, region without an "IP属地：" prefix; other values as given.
 */
export function normalizeSegment(name: string, value: string): string {
  const v = value.trim();
  const low = v.toLowerCase();
  if (name === 'paying') return YES.has(low) ? 'yes' : NO.has(low) ? 'no' : v;
  if (name === 'viewerType') return NEW.has(low) ? 'new' : RETURNING.has(low) ? 'returning' : v;
  if (name === 'region') return low.startsWith('ip') ? v.replace(/^ip属地[:：]?\s*/i, '') : v;
  return v;
}

/**
 * Guesses the language of a text from its script [IN15]: Han → zh, kana → ja,
 * Hangul → ko, Latin letters → en; null for text with no letters (emoji, digits).
 */
export function guessLanguage(text: string): string | null {
  let han = 0;
  let latin = 0;
  let kana = 0;
  let hangul = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) latin++;
    } else if (c >= 0x3040 && c <= 0x30ff) kana++;
    else if (c >= 0xac00 && c <= 0xd7af) hangul++;
    else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) han++;
  }
  if (kana > 0) return 'ja';
  if (hangul > 0) return 'ko';
  if (han > 0 && han * 3 >= latin) return 'zh';
  if (latin > 0) return 'en';
  return han > 0 ? 'zh' : null;
}

/** Platforms whose exports write local (Beijing) time without a zone. */
const CHINA_PLATFORMS = new Set(['douyin', 'kuaishou', 'bilibili', 'wechat']);

/** Offset applied to date-times without a zone: UTC+8 for Chinese platforms, else UTC [IN11]. */
export function defaultUtcOffset(platform: string | null): number {
  return platform !== null && CHINA_PLATFORMS.has(platform) ? 480 : 0;
}
