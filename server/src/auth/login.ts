import type { AuthConfig } from '../config.js';
import { AppError } from '../errors.js';
import { normalizeEmail } from '../storage/common.js';
import type { Storage, UserRecord } from '../storage/types.js';
import { FailureLimiter } from './limiter.js';
import { burnVerification, verifyPassword } from './passwords.js';

/** Why a sign-in failed; recorded in the audit log, never told to the client. */
export type LoginFailure = 'unknown_email' | 'wrong_password' | 'disabled';

/** The outcome of a credentials check. */
export type LoginResult = { ok: true; user: UserRecord } | { ok: false; reason: LoginFailure; user: UserRecord | null };

/** Thrown when the failure limit is reached: 429 with Retry-After [AC18]. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `Too many failed sign-ins; try again in ${retryAfterSeconds} s.`);
  }
}

/**
 * Checks e-mail and password under the sign-in limits [AC14][AC18]: failures
 * are counted per account (the normalized e-mail, whether or not it exists,
 * so the limit reveals nothing) and per client IP, in a sliding window.
 * Once either count is full, further attempts are refused before any
 * password is checked. A success clears the account's count, not the IP's.
 */
export class LoginGate {
  private readonly perAccount: FailureLimiter;
  private readonly perIp: FailureLimiter;

  constructor(
    private readonly storage: Storage,
    auth: AuthConfig,
    now: () => number,
  ) {
    this.perAccount = new FailureLimiter({ max: auth.loginFailuresPerAccount, windowMs: auth.loginWindowMs, now });
    this.perIp = new FailureLimiter({ max: auth.loginFailuresPerIp, windowMs: auth.loginWindowMs, now });
  }

  /** Throws RateLimitedError if the account or the IP has used up its failures. */
  assertAllowed(email: string, ip: string): void {
    const wait = Math.max(this.perAccount.retryAfterMs(accountKey(email)), this.perIp.retryAfterMs(ip));
    if (wait > 0) throw new RateLimitedError(Math.ceil(wait / 1000));
  }

  /**
   * Verifies the pair. Unknown e-mails still spend a verification's time, and
   * a disabled account is only reported after its password was checked, so
   * neither timing nor answer tells which e-mails exist or are disabled.
   */
  async check(email: string, password: string, ip: string): Promise<LoginResult> {
    this.assertAllowed(email, ip);
    const user = await this.storage.getUserByEmail(email);
    let result: LoginResult;
    if (!user) {
      await burnVerification(password);
      result = { ok: false, reason: 'unknown_email', user: null };
    } else if (!(await verifyPassword(user.passwordHash, password))) {
      result = { ok: false, reason: 'wrong_password', user };
    } else if (user.disabled) {
      result = { ok: false, reason: 'disabled', user };
    } else {
      result = { ok: true, user };
    }
    if (result.ok) {
      this.perAccount.reset(accountKey(email));
    } else {
      this.perAccount.fail(accountKey(email));
      this.perIp.fail(ip);
    }
    return result;
  }

  /** Counts a failed re-authentication (a wrong current password) against the account. */
  recordFailure(email: string, ip: string): void {
    this.perAccount.fail(accountKey(email));
    this.perIp.fail(ip);
  }
}

function accountKey(email: string): string {
  return normalizeEmail(email);
}
