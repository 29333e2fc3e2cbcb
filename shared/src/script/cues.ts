/**
 * Character cue text: names, extensions and English casing [SC8].
 */

// One trailing extension group such as `(V.O.)`, `（OS）`, `(CONT'D)`, `（画外音）`.
const TRAILING_GROUP = /\s*[(（][^()（）]*[)）]\s*$/;

/**
 * The character's name in a cue: trims, drops a trailing `：`/`:` (the
 * Chinese `角色：台词` habit), a dual-dialogue caret and any trailing
 * parenthesized extensions (OS, VO, V.O., O.S., CONT'D, 画外音).
 */
export function cueName(text: string): string {
  let name = text.trim().replace(/\s*\^$/, '').replace(/[:：]\s*$/, '').trim();
  while (TRAILING_GROUP.test(name)) name = name.replace(TRAILING_GROUP, '');
  return name.trim();
}

/**
 * Names listed in a cast line, in order: accepts `【人物：林晚、顾承泽】`, the
 * same without brackets or label, and `Cast: A, B`. Parenthesized notes after
 * a name (`林小满（5岁）`) are dropped.
 */
export function castLineNames(text: string): string[] {
  const body = text
    .trim()
    .replace(/^[【[]/, '')
    .replace(/[】\]]$/, '')
    .replace(/^\s*(人物|出场人物|角色|cast)\s*[:：]/i, '');
  return body
    .split(/[、，,;；/／\s]+/)
    .map((name) => cueName(name.replace(/[（(][^（()）]*[)）]/g, '')))
    .filter((name) => name !== '');
}

const LOWER = /\p{Ll}/u;
const LETTER = /\p{L}/u;

/**
 * True when `text` reads as an English character cue: it has a Latin letter,
 * no lowercase letter outside a trailing extension, does not end with `:`
 * (that is a transition such as `CUT TO:`), and is short (≤ 40 characters
 * of name). Used by importers and by the editor to recognize typed cues.
 */
export function isCueText(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === '' || /[:：]$/.test(trimmed)) return false;
  const name = cueName(trimmed);
  if (name === '' || name.length > 40) return false;
  if (!/[A-Za-z]/.test(name)) return false;
  return !LOWER.test(name);
}

/**
 * Uppercases an English cue as Final Draft does, extension included
 * (`Evelyn (v.o.)` → `EVELYN (V.O.)`). Length-preserving: a letter whose
 * uppercase is longer (ß → SS) is kept, so the editor can replace the text in
 * place without moving the cursor. Non-Latin text is unchanged.
 */
export function uppercaseCue(text: string): string {
  let out = '';
  for (const ch of text) {
    if (!LETTER.test(ch)) {
      out += ch;
      continue;
    }
    const upper = ch.toUpperCase();
    out += upper.length === ch.length ? upper : ch;
  }
  return out;
}
