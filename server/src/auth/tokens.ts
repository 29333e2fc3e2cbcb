import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Bytes of randomness in a session token and a CSRF token: 256 bits, above the 128 the issue asks for [AC11]. */
export const TOKEN_BYTES = 32;

/** A fresh random token, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** Hex SHA-256 of a token: what storage keeps instead of the token itself [AC11]. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Compares a token a client sent with the expected one in constant time
 * (for equal lengths), so timing does not reveal how much of a guess matched.
 */
export function tokensEqual(sent: unknown, expected: string): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
