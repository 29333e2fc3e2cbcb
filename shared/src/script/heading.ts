/**
 * Scene heading parsing for both conventions Loopline supports [SC5]:
 * Chinese micro-drama headings (`1-3 夜 内 客厅`, tokens in any order) and US
 * screenplay sluglines (`12 INT. KITCHEN - NIGHT`).
 */

/** Interior / exterior as written: English sluglines use INT/EXT, Chinese headings 内/外. */
export type SceneSetting = 'INT' | 'EXT' | 'INT/EXT' | '内' | '外' | '内外';

/** The parts of a scene heading; fields the writer has not typed yet are null (location is ''). */
export interface ParsedHeading {
  /** A scene number typed into the heading (`1-3`, `12A`), normalized to ASCII hyphens; null if none. */
  number: string | null;
  setting: SceneSetting | null;
  location: string;
  time: string | null;
}

// Longest first, so 黄昏 wins over 昏 when a token is split into time + setting.
const ZH_TIMES = [
  '黄昏',
  '傍晚',
  '清晨',
  '凌晨',
  '深夜',
  '白天',
  '夜晚',
  '早晨',
  '上午',
  '中午',
  '下午',
  '晚上',
  '日',
  '夜',
  '晨',
  '昏',
  '早',
  '午',
  '晚',
] as const;

const ZH_SETTINGS: Record<string, SceneSetting> = {
  内: '内',
  外: '外',
  内外: '内外',
  外内: '内外',
  '内/外': '内外',
  '外/内': '内外',
  '内／外': '内外',
  '外／内': '内外',
};

// `1-3`, `12-3A`, `1–3` (en dash), `12`, `12A`, optionally closed by `.` or `、`.
const NUMBER_TOKEN = /^(\d+(?:\s*[-–—－]\s*\d+)?[A-Za-z]?)[.、．]?$/;

// INT. / EXT. / INT./EXT. / EXT/INT / I/E. / INT-EXT, then the rest of the slugline.
const EN_SLUG = /^(INT\.?\s*\/\s*EXT|EXT\.?\s*\/\s*INT|INT\.?-EXT|I\.?\s*\/\s*E|INT|EXT)\.?(?=\s|$)\s*(.*)$/i;

// A leading scene number in an English slugline: `12 `, `12A. `, `1-3 `.
const EN_LEADING_NUMBER = /^(\d+(?:[-–]\d+)?[A-Za-z]?)\.?\s+(.*)$/;

// Fountain's trailing scene number: `INT. HOUSE - DAY #1A#`.
const FOUNTAIN_NUMBER = /\s*#([\w.-]+)#\s*$/;

const normalizeNumber = (raw: string): string => raw.replace(/\s*[-–—－]\s*/, '-').toUpperCase();

function englishSetting(raw: string): SceneSetting {
  const compact = raw.toUpperCase().replace(/[.\s]/g, '');
  if (compact === 'INT') return 'INT';
  if (compact === 'EXT') return 'EXT';
  return 'INT/EXT';
}

function parseEnglish(number: string | null, slug: RegExpExecArray): ParsedHeading {
  const rest = (slug[2] ?? '').trim();
  // The last " - " segment is the time of day: `HOSPITAL - CORRIDOR - NIGHT`
  // keeps `HOSPITAL - CORRIDOR` as the location.
  const parts = rest.split(/\s+[-–—]\s+|\s+[-–—]$/);
  const time = parts.length > 1 ? (parts.pop() ?? '').trim() : null;
  return {
    number,
    setting: englishSetting(slug[1] ?? ''),
    location: parts.join(' - ').trim(),
    time: time === '' ? null : time,
  };
}

/** Splits a glued token such as `夜内` or `内·日` into time and setting, or returns null. */
function splitGlued(token: string): { time: string; setting: SceneSetting } | null {
  const bare = token.replace(/[·/／]/g, '');
  for (const time of ZH_TIMES) {
    if (bare.startsWith(time)) {
      const setting = ZH_SETTINGS[bare.slice(time.length)];
      if (setting) return { time, setting };
    }
    if (bare.endsWith(time)) {
      const setting = ZH_SETTINGS[bare.slice(0, -time.length)];
      if (setting) return { time, setting };
    }
  }
  return null;
}

function parseChinese(number: string | null, tokens: string[]): ParsedHeading {
  let setting: SceneSetting | null = null;
  let time: string | null = null;
  const location: string[] = [];
  for (const token of tokens) {
    const asSetting = ZH_SETTINGS[token];
    if (asSetting && setting === null) {
      setting = asSetting;
      continue;
    }
    if (time === null && (ZH_TIMES as readonly string[]).includes(token)) {
      time = token;
      continue;
    }
    const glued: { time: string; setting: SceneSetting } | null =
      setting === null && time === null ? splitGlued(token) : null;
    if (glued) {
      setting = glued.setting;
      time = glued.time;
      continue;
    }
    location.push(token);
  }
  return { number, setting, location: location.join(' '), time };
}

/**
 * Parses a scene heading as a writer typed it. Chinese headings are tokens
 * separated by spaces (or `，`/`、`) in any order: an optional leading number
 * (`集-场`), a time (日/夜/晨/昏/黄昏/傍晚/清晨/…), a setting (内/外/内外) and
 * the location (all remaining tokens, joined by one space). English sluglines
 * start with INT./EXT./INT./EXT./EXT./INT./I/E. after an optional number; the
 * last ` - ` segment is the time.
 */
export function parseSceneHeading(text: string): ParsedHeading {
  let rest = text.trim();
  let number: string | null = null;

  const fountain = FOUNTAIN_NUMBER.exec(rest);
  if (fountain) {
    number = fountain[1] ?? null;
    rest = rest.slice(0, fountain.index).trim();
  }

  const leading = EN_LEADING_NUMBER.exec(rest);
  const afterNumber = leading ? (leading[2] ?? '') : rest;
  const slug = EN_SLUG.exec(afterNumber);
  if (slug) return parseEnglish(leading ? normalizeNumber(leading[1] ?? '') : number, slug);

  const tokens = rest.split(/[\s，,、]+/).filter((t) => t !== '');
  const first = tokens[0] !== undefined ? NUMBER_TOKEN.exec(tokens[0]) : null;
  if (first && tokens.length > 1) {
    number = normalizeNumber(first[1] ?? '');
    tokens.shift();
  }
  return parseChinese(number, tokens);
}
