/**
 * Checks shared by every reader: a value with a NUL byte or with undecodable
 * bytes (U+FFFD from the decoder) rejects its row, because storing it would
 * keep corrupted text or hide the wrong encoding [IN4].
 */
export function checkText(v: string): string | null {
  if (v.indexOf('\u0000') >= 0) return 'NUL byte in the field';
  if (v.indexOf('\uFFFD') >= 0) return 'undecodable bytes in the field (wrong encoding? choose utf-8 or gb18030)';
  return null;
}
