/**
 * Bidi control characters a hostile comment can use to reorder what the
 * reader sees (Trojan Source, CVE-2021-42574): the embeddings and overrides
 * U+202A–U+202E, the isolates U+2066–U+2069, the marks U+200E/U+200F and
 * the Arabic letter mark U+061C.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** A bidi control found in text, as its code point label (e.g. `U+202E`). */
export interface BidiEscape {
  code: string;
}

/** Whether text holds any bidi control character. */
export function hasBidiControls(text: string): boolean {
  BIDI_CONTROLS.lastIndex = 0;
  const found = BIDI_CONTROLS.test(text);
  BIDI_CONTROLS.lastIndex = 0;
  return found;
}

/**
 * Splits text into plain runs and escapes: every bidi control becomes a
 * `{ code: 'U+202E' }` part, so the renderer can show it as a visible,
 * inert `⟨U+202E⟩` instead of letting it reorder the comment [UF6].
 * Plain runs never contain a control; adjacent plain text stays in one run.
 */
export function escapeBidi(text: string): (string | BidiEscape)[] {
  const parts: (string | BidiEscape)[] = [];
  let last = 0;
  for (const match of text.matchAll(BIDI_CONTROLS)) {
    const at = match.index;
    if (at > last) parts.push(text.slice(last, at));
    const point = match[0].codePointAt(0) ?? 0;
    parts.push({ code: `U+${point.toString(16).toUpperCase().padStart(4, '0')}` });
    last = at + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** The same escaping as a plain string, for places that hold only text (an `<option>`, a `title`). */
export function showBidi(text: string): string {
  return escapeBidi(text)
    .map((part) => (typeof part === 'string' ? part : `⟨${part.code}⟩`))
    .join('');
}
