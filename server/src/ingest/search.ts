import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | null = null;

/** The segmenter, loaded on first use (about 0.2 s: the dictionary is parsed once per process). */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const WORD = /[\p{L}\p{N}]+/gu;

function wordsOf(token: string, out: string[]): void {
  if (HAN.test(token)) {
    out.push(token);
    return;
  }
  for (const m of token.toLowerCase().matchAll(WORD)) out.push(m[0]);
}

function tokenize(text: string, forSearch: boolean): string[] {
  const s = /[^\x20-\x7e]/.test(text) ? text.normalize('NFKC') : text;
  const out: string[] = [];
  if (!HAN.test(s)) {
    wordsOf(s, out);
    return out;
  }
  // No HMM: dictionary-only segmentation depends less on context, so a word
  // in a query is cut the same way as in the comments it should find.
  const j = segmenter();
  for (const t of forSearch ? j.cutForSearch(s, false) : j.cut(s, false)) wordsOf(t, out);
  return out;
}

/**
 * Index text for full-text search [IN19]: Chinese cut by jieba in search mode
 * (words plus their sub-words: 双胞胎 → 双胞 胞胎 双胞胎), Latin words lowercased,
 * numbers kept, punctuation and emoji dropped; space-separated. Made for
 * SQLite FTS5 `unicode61` and PostgreSQL `to_tsvector('simple', …)`.
 */
export function searchTokens(text: string): string {
  return tokenize(text, true).join(' ');
}

/**
 * A user query cut the same way [IN19] (precise mode, so 双胞胎 stays one word,
 * which the index holds); unique tokens in order. Every token must match.
 */
export function searchQuery(q: string): string[] {
  return [...new Set(tokenize(q, false))];
}
