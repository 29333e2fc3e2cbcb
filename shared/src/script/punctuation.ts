/**
 * Full-width punctuation for Chinese dialogue [SC10]: writers type on an
 * ASCII keyboard layout and expect ，。？！：；（）in the script.
 */

const FULL_WIDTH: Record<string, string> = {
  ',': '，',
  '.': '。',
  '?': '？',
  '!': '！',
  ':': '：',
  ';': '；',
  '(': '（',
  ')': '）',
};

const HAN = /\p{Script=Han}/u;
const ASCII_ALNUM = /^[A-Za-z0-9]$/;

// URLs and e-mail addresses are copied verbatim; sentence punctuation right
// after them (`www.a.com.`) is trimmed off the match and still converted.
const PROTECTED = /(?:https?:\/\/|www\.)[\x21-\x7E]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

function protectedMask(text: string): boolean[] {
  const mask = new Array<boolean>(text.length).fill(false);
  for (const match of text.matchAll(PROTECTED)) {
    const kept = match[0].replace(/[.,!?:;)]+$/, '');
    for (let i = 0; i < kept.length; i++) mask[match.index + i] = true;
  }
  return mask;
}

const isAlnum = (ch: string | undefined): boolean => ch !== undefined && ASCII_ALNUM.test(ch);

/** The next character after `i`, skipping at most one space (`Hello, world`). */
function nextAfter(text: string, i: number): string | undefined {
  const next = text[i + 1];
  return next === ' ' ? text[i + 2] : next;
}

/** Index pairs of matching ASCII parentheses, both directions. */
function parenPairs(text: string, mask: boolean[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (mask[i]) continue;
    if (text[i] === '(') open.push(i);
    else if (text[i] === ')' && open.length > 0) {
      const start = open.pop() as number;
      pairs.set(start, i);
      pairs.set(i, start);
    }
  }
  return pairs;
}

/** Whether the ASCII mark at `i` belongs to ASCII text and must stay as typed. */
function staysAscii(text: string, i: number, pairs: Map<number, number>): boolean {
  const ch = text[i];
  const prev = text[i - 1];
  if (ch === '(' || ch === ')') {
    // A pair follows its opening paren: `f(x)` / `Node(s)` stay ASCII.
    const open = ch === '(' ? i : pairs.get(i);
    if (open !== undefined) return isAlnum(text[open - 1]) && isAlnum(text[open + 1]);
  }
  // Between two ASCII letters/digits: 3.5, 1,000, 20:00, Node.js, `Hello, world`.
  return isAlnum(prev) && isAlnum(nextAfter(text, i));
}

/**
 * Converts ASCII , . ? ! : ; ( ) to their full-width forms in Chinese text,
 * and `...` to `……`. Left alone: text without any Han character (an English
 * line typed into a Chinese script), numbers and times (3.5, 1,000, 20:00),
 * punctuation inside ASCII words (Node.js, `Hello, world`), URLs and e-mail
 * addresses. Spaces after a converted mark are dropped (full-width marks
 * carry their own spacing). Idempotent.
 */
export function toFullWidthPunctuation(text: string): string {
  if (!HAN.test(text)) return text;
  const mask = protectedMask(text);
  const pairs = parenPairs(text, mask);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const full = FULL_WIDTH[ch];
    if (mask[i] || full === undefined) {
      out += ch;
      continue;
    }
    if (ch === '.' && text[i + 1] === '.' && text[i + 2] === '.') {
      while (text[i + 1] === '.') i++;
      out += '……';
      continue;
    }
    if (staysAscii(text, i, pairs)) {
      out += ch;
      continue;
    }
    if (ch !== '(') out = out.replace(/ +$/, '');
    out += full;
    if (ch !== ')') {
      let j = i + 1;
      while (text[j] === ' ') j++;
      if (j < text.length) i = j - 1;
    }
  }
  return out;
}
