/**
 * The server words field reasons in English (server/src/errors.ts and Ajv).
 * These patterns map the common ones to `errors.reasons.*` keys with their
 * parameters so a Chinese interface reads them in Chinese; anything else is
 * shown as the server wrote it.
 */
const REASONS: { pattern: RegExp; key: string; params: (m: RegExpMatchArray) => Record<string, string> }[] = [
  { pattern: /^is required$/i, key: 'errors.reasons.required', params: () => ({}) },
  { pattern: /^must not be blank$/i, key: 'errors.reasons.blank', params: () => ({}) },
  { pattern: /^is not an allowed field$/i, key: 'errors.reasons.notAllowed', params: () => ({}) },
  { pattern: /^must not have more than (\d+) characters?$/i, key: 'errors.reasons.tooLong', params: (m) => ({ max: m[1] ?? '' }) },
  { pattern: /^must not have fewer than (\d+) characters?$/i, key: 'errors.reasons.tooShort', params: (m) => ({ min: m[1] ?? '' }) },
  { pattern: /^must be one of: (.+)$/i, key: 'errors.reasons.oneOf', params: (m) => ({ values: m[1] ?? '' }) },
  { pattern: /^must be >= (-?\d+)$/i, key: 'errors.reasons.atLeast', params: (m) => ({ min: m[1] ?? '' }) },
];

/** A translation key and its parameters for a server reason, or null when it has none. */
export function reasonKey(message: string): { key: string; params: Record<string, string> } | null {
  for (const { pattern, key, params } of REASONS) {
    const match = message.trim().match(pattern);
    if (match) return { key, params: params(match) };
  }
  return null;
}
