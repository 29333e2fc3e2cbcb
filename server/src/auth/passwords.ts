import { hash, verify } from '@node-rs/argon2';

/**
 * Password hashing with argon2id (the library's default algorithm) at the
 * OWASP-recommended minimum cost: 19 MiB of memory, 2 passes, 1 lane. About
 * 20–50 ms per hash on the reference machine, so sign-in stays quick while
 * offline guessing of a stolen hash stays expensive.
 */
const COST = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Shortest password accepted for a new or changed password [AC14]. */
export const MIN_PASSWORD_LENGTH = 10;
/** Longest password accepted: bounds the work one request can ask of argon2. */
export const MAX_PASSWORD_LENGTH = 1024;

/** The argon2id PHC string of `password`. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, COST);
}

/** Whether `password` matches `passwordHash`; a malformed hash is a mismatch, not an error. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real verification, for a sign-in with an unknown
 * e-mail: otherwise the response time would tell which e-mails have accounts.
 */
export async function burnVerification(password: string): Promise<void> {
  dummyHash ??= hashPassword('loopline-no-such-account');
  await verifyPassword(await dummyHash, password);
}
