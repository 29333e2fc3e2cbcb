import { normalizeEmail } from '../storage/common.js';
import type { Storage, User } from '../storage/types.js';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.js';

/** What `loopline create-admin` was given. */
export interface NewAdmin {
  email: string;
  displayName: string;
  password: string;
}

/** A problem with the input or the data, worded for the command line. */
export class CreateAdminError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CreateAdminError';
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * Creates a site admin directly in storage [AC15]: the command-line path to
 * the first account (or a recovery account) without the set-up page. Same
 * rules as the API: a valid e-mail not taken yet, a name, a password of at
 * least 10 characters. Recorded in the audit log with no actor.
 */
export async function createAdmin(storage: Storage, input: NewAdmin, now: () => number = Date.now): Promise<User> {
  const email = normalizeEmail(input.email);
  const displayName = input.displayName.trim();
  if (!EMAIL.test(email) || email.length > 254) throw new CreateAdminError(`not an e-mail address: "${input.email}"`);
  if (displayName === '' || displayName.length > 200) throw new CreateAdminError('the name must be 1 to 200 characters');
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new CreateAdminError(`the password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (input.password.length > MAX_PASSWORD_LENGTH) throw new CreateAdminError('the password is too long');
  if (await storage.getUserByEmail(email)) throw new CreateAdminError(`an account with e-mail ${email} exists`);
  const user = await storage.createUser({ email, displayName, passwordHash: await hashPassword(input.password), isAdmin: true });
  await storage.appendAudit({
    at: new Date(now()).toISOString(),
    actorUserId: null,
    action: 'user.created',
    target: user.email,
    details: { userId: user.id, isAdmin: true, via: 'cli' },
  });
  return user;
}
