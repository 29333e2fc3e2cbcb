import { REDACTION_KINDS, type RedactionKind } from '@loopline/shared';

/**
 * The marker left where personal data was removed [IN18]: visible,
 * language-neutral, and never itself mistaken for personal data
 * (redact(redact(x)) = redact(x)).
 */
export function redactionMarker(kind: RedactionKind): string {
  return `⟦${kind}⟧`;
}

interface Hit {
  start: number;
  end: number;
  kind: RedactionKind;
}

// Text worth a closer look: digits, @, URLs, or a contact trigger word.
const PREFILTER = /[0-9０-９@＠]|https?:|www\.|微信|威信|薇信|[vV]信|vx|wx|wechat|weixin/i;

const URL = /(?:https?:\/\/|www\.)[^\s<>"'，。！？、；）)】」]+/gi;
const URL_SECRET_PARAM = /[?&#;]([a-z0-9_.-]*(?:token|key|sig|signature|auth|session|sid|code|secret|password|passwd|pwd|ticket|jwt|credential)[a-z0-9_.-]*)=((?!⟦)[^&#\s]+)/gi;
const URL_USERINFO = /^(?:https?:\/\/)([^/@\s⟦]+:[^/@\s]+)@/i;
const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi;
const IDCARD_18 = /(?<![0-9])[1-9]\d{5}[\s-]?(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[\s-]?\d{3}[0-9xX](?![0-9a-zA-Z])/g;
const IDCARD_15 = /(?<![0-9])[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9])/g;
const MOBILE_CN = /(?<![0-9+])(?:(?:\+|00)?86[\s-]?)?1[3-9](?:[\s-]?\d){9}(?![0-9])/g;
const LANDLINE_CN = /(?<![0-9])(?:\(0\d{2,3}\)\s?|0\d{2,3}[\s-])\d{7,8}(?![0-9])/g;
const INTERNATIONAL = /(?<![0-9a-z+])(?:\+|00)[1-9]\d{0,2}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){1,4}(?![0-9])/gi;
const NANP = /(?<![0-9])(?:\(\d{3}\)\s?|\d{3}[.-])\d{3}[.-]\d{4}(?![0-9])/g;
const QQ_AFTER = /(?:qq|扣扣|企鹅|球球)(?:号码?|号)?[^0-9\n]{0,6}?([1-9][0-9]{4,10})(?![0-9])/gi;
const QQ_BEFORE = /(?<![0-9])([1-9][0-9]{4,10})\s?[(（]?\s?(?:qq|扣扣|企鹅)/gi;
const WECHAT =
  /(?<![a-z])(?:微信号?|威信|薇信|[vV]信|vx|wx|weixin|wechat|加[vV]|加我)(?![a-z])(\s*(?:号码?|id)?\s*[:：是为=]?\s*)([a-zA-Z][-_a-zA-Z0-9]{5,19}|[0-9]{6,15})(?![-_a-zA-Z0-9])/gi;

/** Fullwidth ASCII (１３８, ＠) folded to ASCII, index for index, so evasions match. */
function foldWidth(s: string): string {
  if (!/[\uff01-\uff5e\u3000]/.test(s)) return s;
  return s.replace(/[\uff01-\uff5e\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) n++;
  return n;
}

function collect(m: string): Hit[] {
  const hits: Hit[] = [];
  const add = (start: number, end: number, kind: RedactionKind) => hits.push({ start, end, kind });
  const userinfo: [number, number][] = [];
  for (const u of m.matchAll(URL)) {
    const base = u.index;
    const info = URL_USERINFO.exec(u[0]);
    if (info && !info[1]!.startsWith('⟦')) {
      const start = base + info[0].indexOf(info[1]!);
      add(start, start + info[1]!.length, 'url-token');
      userinfo.push([start, start + info[0].length]);
    }
    for (const p of u[0].matchAll(URL_SECRET_PARAM)) {
      const valueStart = base + p.index + p[0].length - p[2]!.length;
      add(valueStart, valueStart + p[2]!.length, 'url-token');
    }
  }
  // user:password@host in a URL is a credential, not an e-mail address.
  for (const e of m.matchAll(EMAIL)) if (!userinfo.some(([a, b]) => e.index >= a && e.index < b)) add(e.index, e.index + e[0].length, 'email');
  for (const re of [IDCARD_18, IDCARD_15]) for (const x of m.matchAll(re)) add(x.index, x.index + x[0].length, 'idcard');
  for (const re of [MOBILE_CN, LANDLINE_CN, NANP]) for (const x of m.matchAll(re)) add(x.index, x.index + x[0].length, 'phone');
  for (const x of m.matchAll(INTERNATIONAL)) {
    const d = digitCount(x[0]);
    if (d >= 8 && d <= 15) add(x.index, x.index + x[0].length, 'phone');
  }
  for (const re of [QQ_AFTER, QQ_BEFORE]) {
    for (const x of m.matchAll(re)) {
      const start = x.index + x[0].indexOf(x[1]!);
      add(start, start + x[1]!.length, 'qq');
    }
  }
  for (const x of m.matchAll(WECHAT)) {
    const sep = x[1]!;
    const id = x[2]!;
    // An all-letter word after "wechat" is usually just English ("wechat account"):
    // take it as an id only after an explicit separator (微信号: / vx：/ 是).
    const explicit = /[:：是为=号]|id/i.test(sep);
    if (!explicit && /^[a-zA-Z]+$/.test(id)) continue;
    const start = x.index + x[0].length - id.length;
    add(start, start + id.length, 'wechat');
  }
  return hits;
}

/**
 * Removes personal data from text [IN18]: phone numbers (mainland mobile with
 * or without +86 and separators, landlines, international +CC numbers), e-mail
 * addresses, QQ numbers and WeChat ids next to a trigger word (QQ, 企鹅, 微信,
 * vx, wx, V信, 加我…), ID card numbers (18-digit with X, 15-digit legacy) and
 * secrets carried in URLs (token, key, sig, auth, session, code… parameters,
 * user:password@). Each is replaced by `⟦kind⟧`. Ordinary numbers stay:
 * counts, years, times, episode numbers, ids embedded in longer digit runs.
 */
export function redact(text: string): { text: string; kinds: RedactionKind[] } {
  if (!PREFILTER.test(text)) return { text, kinds: [] };
  const hits = collect(foldWidth(text));
  if (hits.length === 0) return { text, kinds: [] };
  // Merge overlapping hits; the earlier detector (list order above) names the merged span.
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Hit[] = [];
  const kinds = new Set<RedactionKind>();
  for (const h of hits) {
    kinds.add(h.kind);
    const last = merged[merged.length - 1];
    if (last && h.start < last.end) {
      if (h.end > last.end) last.end = h.end;
      if (REDACTION_KINDS.indexOf(h.kind) < REDACTION_KINDS.indexOf(last.kind)) last.kind = h.kind;
    } else merged.push({ ...h });
  }
  let out = '';
  let pos = 0;
  for (const h of merged) {
    out += text.slice(pos, h.start) + redactionMarker(h.kind);
    pos = h.end;
  }
  out += text.slice(pos);
  return { text: out, kinds: REDACTION_KINDS.filter((k) => kinds.has(k)) };
}
