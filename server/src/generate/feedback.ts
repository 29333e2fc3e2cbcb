import type { FeedbackKind, RedactionKind } from '@loopline/shared';
import {
  burstText,
  DANMAKU_FILLER,
  DANMAKU_HYPE,
  nickname,
  plantedPersonalData,
  REGIONS_EN,
  REGIONS_ZH,
  REPLIES,
  THEMES,
  type ThemeId,
  themeText,
} from './corpus.js';
import { type EpisodeMoments, episodeMoments, type GenEpisode, isPaywallEpisode } from './moments.js';
import { hash32, Random } from './random.js';

/** One generated audience reaction, with the ground truth tests and benchmarks check against. */
export interface GeneratedRow {
  kind: FeedbackKind;
  platform: string;
  episodeId: string;
  episodeNumber: number;
  externalId: string;
  parentExternalId: string | null;
  /** ISO 8601, UTC. */
  postedAt: string;
  language: 'zh' | 'en';
  text: string;
  quote: string | null;
  /** Raw handle, as an export carries it. */
  author: string;
  /** Display name (personal data an import must not keep). */
  nickname: string;
  likes: number;
  replyCount: number;
  timecodeMs: number | null;
  segments: { region: string; paying: 'yes' | 'no'; viewerType: 'new' | 'returning' };
  truth: { theme: ThemeId | 'reply' | 'filler' | 'hype' | 'burst' | 'pii' | 'promo'; burst: boolean; pii: RedactionKind | null };
}

/** Options of `generateFeedback`. */
export interface FeedbackOptions {
  seed: number;
  rows: number;
  episodes: GenEpisode[];
  platforms?: string[];
  /** Air time of episode 1; episode n airs n-1 days later. */
  start: Date;
  /** Only these kinds (e.g. ['danmaku'] for an XML file). */
  kinds?: FeedbackKind[];
}

const CHINESE_PLATFORMS = new Set(['douyin', 'kuaishou', 'bilibili', 'wechat']);
const PLATFORM_WEIGHT: Record<string, number> = { douyin: 5, kuaishou: 3, tiktok: 2, bilibili: 2, youtube: 1 };
const KIND_WEIGHT: Record<FeedbackKind, number> = { comment: 55, danmaku: 35, repost: 7, mention: 3 };
const HOUR = 3_600_000;

/** Where the planted coordinated burst goes: episode 11 (BRIEF §6) or the middle episode. */
export function burstEpisode(episodes: GenEpisode[]): GenEpisode | undefined {
  return episodes.find((e) => e.number === 11) ?? episodes[Math.floor(episodes.length / 2)];
}

/** Rows per episode: earlier episodes draw more viewers (∝ n^-0.5), exact total. */
export function rowsPerEpisode(rows: number, episodes: GenEpisode[]): number[] {
  const w = episodes.map((e) => 1 / Math.sqrt(e.number));
  const total = w.reduce((a, b) => a + b, 0);
  const counts = w.map((x) => Math.floor((rows * x) / total));
  let left = rows - counts.reduce((a, b) => a + b, 0);
  for (let k = 0; left > 0; k = (k + 1) % counts.length, left--) counts[k]!++;
  return counts;
}

/**
 * Generates feedback for a series [IN23]: Chinese and English comments and
 * danmaku clustered around each episode's dramatic moments, the 「请签收」
 * meme spreading across many distinct viewers, Zipf-distributed authors (a
 * vocal minority of heavy commenters), one coordinated burst of near-identical
 * comments from fresh accounts within minutes, threads, segment attributes,
 * and some personal data planted in text. Lazy: memory does not grow with
 * `rows`. The same options give the same rows.
 */
export function* generateFeedback(opts: FeedbackOptions): Generator<GeneratedRow> {
  const r = new Random(opts.seed);
  const platforms = opts.platforms?.length ? opts.platforms : ['douyin', 'kuaishou', 'tiktok'];
  const platformWeights = platforms.map((p) => [p, PLATFORM_WEIGHT[p] ?? 1] as const);
  const kinds = (opts.kinds?.length ? opts.kinds : (Object.keys(KIND_WEIGHT) as FeedbackKind[])).map((k) => [k, KIND_WEIGHT[k]] as const);
  const population = Math.max(100, Math.ceil(opts.rows / 5));
  const counts = rowsPerEpisode(opts.rows, opts.episodes);
  const burstEp = burstEpisode(opts.episodes);
  const burstKind: FeedbackKind = kinds.some(([k]) => k === 'comment') ? 'comment' : kinds[0]![0];
  let index = 0;
  for (let e = 0; e < opts.episodes.length; e++) {
    const ep = opts.episodes[e]!;
    const count = counts[e]!;
    const moments = episodeMoments(opts.seed, ep);
    const airedAt = opts.start.getTime() + (ep.number - 1) * 24 * HOUR;
    const burstSize = ep === burstEp && count >= 40 ? Math.min(Math.floor(count / 3), Math.max(20, Math.round(opts.rows * 0.012))) : 0;
    const burstPlatform = platforms[0]!;
    const burstAt = airedAt + HOUR + r.int(0, 2 * HOUR);
    const parents: string[] = [];
    for (let k = 0; k < count; k++, index++) {
      if (k < burstSize) {
        yield burstRow(r, opts.seed, index, ep, burstPlatform, burstKind, burstAt, population + k);
        continue;
      }
      const platform = r.weighted(platformWeights);
      const kind = r.weighted(kinds);
      const row = organicRow(r, opts.seed, index, ep, moments, platform, kind, airedAt, population, parents);
      if (kind === 'comment' && row.parentExternalId === null) {
        if (parents.length < 256) parents.push(row.externalId);
        else parents[r.int(0, 255)] = row.externalId;
      }
      yield row;
    }
  }
}

interface Viewer {
  handle: string;
  nickname: string;
  segments: GeneratedRow['segments'];
}

/** A viewer is a pure function of (platform, rank): the same person across episodes. */
function viewer(platform: string, rank: number, population: number, lang: 'zh' | 'en', fresh = false): Viewer {
  const h = hash32(platform, rank);
  const heavy = rank <= population / 100;
  const regions = CHINESE_PLATFORMS.has(platform) ? REGIONS_ZH : REGIONS_EN;
  let total = 0;
  for (const [, w] of regions) total += w;
  let x = (h >>> 12) % total;
  let region = regions[0]![0];
  for (const [name, w] of regions) {
    if (x < w) {
      region = name;
      break;
    }
    x -= w;
  }
  const handle = CHINESE_PLATFORMS.has(platform) ? `${platform.slice(0, 2)}${String(h).padStart(10, '0')}${rank % 97}` : `@${nickname(h, 'en')}${rank}`;
  return {
    handle,
    nickname: nickname(h, lang),
    segments: {
      region,
      paying: h % 100 < (heavy ? 35 : 15) ? 'yes' : 'no',
      viewerType: fresh || (h >>> 8) % 100 >= 60 ? 'new' : 'returning',
    },
  };
}

function externalId(seed: number, ep: GenEpisode, index: number, kind: FeedbackKind): string {
  const lead = kind === 'danmaku' ? '1' : '7';
  return `${lead}${String(ep.number % 1000).padStart(3, '0')}${String(seed % 1000).padStart(3, '0')}${String(index).padStart(12, '0')}`;
}

function languageFor(r: Random, platform: string): 'zh' | 'en' {
  return CHINESE_PLATFORMS.has(platform) ? (r.chance(0.95) ? 'zh' : 'en') : r.chance(0.88) ? 'en' : 'zh';
}

function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

function burstRow(r: Random, seed: number, index: number, ep: GenEpisode, platform: string, kind: FeedbackKind, at: number, rank: number): GeneratedRow {
  const lang = CHINESE_PLATFORMS.has(platform) ? 'zh' : 'en';
  // Fresh accounts: ranks beyond the organic population, never seen elsewhere.
  const v = viewer(platform, rank, rank, lang, true);
  return {
    kind,
    platform,
    episodeId: ep.id,
    episodeNumber: ep.number,
    externalId: externalId(seed, ep, index, kind),
    parentExternalId: null,
    postedAt: iso(at + r.int(0, 9 * 60_000)),
    language: lang,
    text: burstText(r, lang),
    quote: null,
    author: v.handle,
    nickname: v.nickname,
    likes: r.int(0, 2),
    replyCount: 0,
    timecodeMs: kind === 'danmaku' ? r.int(0, ep.durationSeconds * 1000) : null,
    segments: v.segments,
    truth: { theme: 'burst', burst: true, pii: null },
  };
}

function themeWeights(n: number, paying: boolean): [ThemeId, number][] {
  return [
    ['twins', (n >= 8 ? (n >= 10 && n <= 13 ? 10 : 5) : 0.5) * (paying ? 2 : 1)],
    ['meme', n >= 3 ? Math.min(12, 2 + (n - 3) * 1.5) : 0],
    ['drag', 3],
    ['twist', 4],
    ['cliffhanger', 6],
    ['aunt', n >= 2 ? 4 : 1],
    ['lead', 4],
    ['paywall', isPaywallEpisode(n) ? 8 : 0.5],
    ['praise', 10],
  ];
}

/** A danmaku position: most near a hook, twist or the cliffhanger, some in the dragging stretch. */
function danmakuMoment(r: Random, ep: GenEpisode, m: EpisodeMoments): { ms: number; at: 'hype' | 'drag' | 'cliff' | 'none' } {
  const d = ep.durationSeconds;
  const clamp = (s: number) => Math.round(Math.min(d - 0.1, Math.max(0, s)) * 1000);
  const where = r.weighted([
    ['hype', 40],
    ['cliff', 20],
    ['drag', 15],
    ['none', 25],
  ] as const);
  if (where === 'hype') return { ms: clamp(r.pick([m.hook, ...m.twists]) + r.normal() * 1.5), at: 'hype' };
  if (where === 'cliff') return { ms: clamp(m.cliffhanger + r.normal() * 1.5), at: 'cliff' };
  if (where === 'drag') return { ms: clamp(m.drag[0] + r.next() * (m.drag[1] - m.drag[0])), at: 'drag' };
  return { ms: clamp(r.next() * d), at: 'none' };
}

function likesFor(r: Random, theme: GeneratedRow['truth']['theme']): number {
  const base = Math.floor(r.exponential(1) ** 3 * 6);
  const boost = theme === 'twins' || theme === 'meme' ? 4 : theme === 'reply' || theme === 'filler' ? 0.3 : 1;
  return Math.min(250_000, Math.floor(base * boost));
}

function organicRow(
  r: Random,
  seed: number,
  index: number,
  ep: GenEpisode,
  m: EpisodeMoments,
  platform: string,
  kind: FeedbackKind,
  airedAt: number,
  population: number,
  parents: string[],
): GeneratedRow {
  const lang = languageFor(r, platform);
  let theme: GeneratedRow['truth']['theme'] = 'praise';
  let text = '';
  let quote: string | null = null;
  let timecodeMs: number | null = null;
  let parent: string | null = null;
  let pii: RedactionKind | null = null;
  const organicRank = r.zipf(population);
  let rank = organicRank;
  const pre = viewer(platform, rank, population, lang);
  const paying = pre.segments.paying === 'yes';

  if (kind === 'danmaku') {
    const pos = danmakuMoment(r, ep, m);
    timecodeMs = pos.ms;
    if (pos.at === 'hype') [theme, text] = r.chance(0.6) ? ['hype', r.pick(DANMAKU_HYPE[lang])] : ['twist', themeText(r, THEMES.twist, lang, ep.number)];
    else if (pos.at === 'cliff') [theme, text] = ['cliffhanger', themeText(r, THEMES.cliffhanger, lang, ep.number)];
    else if (pos.at === 'drag') [theme, text] = r.chance(0.5) ? ['drag', themeText(r, THEMES.drag, lang, ep.number)] : ['filler', r.pick(DANMAKU_FILLER[lang])];
    else if (ep.number >= 3 && r.chance(0.25)) [theme, text] = ['meme', themeText(r, THEMES.meme, lang, ep.number)];
    else [theme, text] = ['filler', r.pick(DANMAKU_FILLER[lang])];
  } else if (kind === 'comment' && parents.length > 0 && r.chance(0.2)) {
    parent = r.pick(parents);
    theme = 'reply';
    text = r.pick(REPLIES[lang]);
  } else if (kind === 'comment' && r.chance(0.004)) {
    const p = plantedPersonalData(r, lang);
    theme = 'pii';
    text = p.text;
    pii = p.kind;
  } else {
    const id = r.weighted(themeWeights(ep.number, paying));
    theme = id;
    text = themeText(r, THEMES[id], lang, ep.number);
    if (kind === 'repost') {
      quote = lang === 'zh' ? `《签收双胞胎》第${ep.number}集` : `Signed for Twins, episode ${ep.number}`;
      if (r.chance(0.3)) text = '';
    } else if (kind === 'mention') text = `${lang === 'zh' ? '#签收双胞胎# ' : '#SignedForTwins '}${text}`;
  }
  // A meme spreads across many distinct viewers, not the same loud few: draw its author uniformly.
  if (theme === 'meme') rank = r.int(1, population);
  const v = rank === organicRank ? pre : viewer(platform, rank, population, lang);
  const postedAt = airedAt + Math.min(7 * 24 * HOUR, r.exponential(6 * HOUR));
  const likes = likesFor(r, theme);
  return {
    kind,
    platform,
    episodeId: ep.id,
    episodeNumber: ep.number,
    externalId: externalId(seed, ep, index, kind),
    parentExternalId: parent,
    postedAt: iso(postedAt),
    language: lang,
    text,
    quote,
    author: v.handle,
    nickname: v.nickname,
    likes,
    replyCount: kind === 'comment' && parent === null ? Math.floor(likes * 0.05 * r.next()) : 0,
    timecodeMs,
    segments: v.segments,
    truth: { theme, burst: false, pii },
  };
}
