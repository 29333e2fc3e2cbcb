import type { CookieSerializeOptions } from '@fastify/cookie';
import type { AuthConfig } from '../config.js';

/** The session cookie's name when it is Secure: `__Host-` pins it to this host, path `/`, https (or localhost) [AC11]. */
export const SESSION_COOKIE = '__Host-loopline_session';
/** Its name under LOOPLINE_INSECURE_COOKIES=1: browsers refuse a `__Host-` cookie without Secure. */
export const INSECURE_SESSION_COOKIE = 'loopline_session';

/** Name and attributes of the session cookie. */
export interface CookieSettings {
  name: string;
  options: CookieSerializeOptions;
}

/**
 * The session cookie [AC11]: HttpOnly (no script reads it), Secure (browsers
 * count http://localhost and 127.0.0.1 as secure, so local use works), Path=/,
 * no Domain, and SameSite=Lax. Lax rather than Strict so that following a
 * link to an episode from chat or mail arrives signed in; cross-site writes
 * are refused by the CSRF token and Origin checks instead [AC17]. Max-Age is
 * the absolute session lifetime, so the browser drops the cookie when the
 * server would refuse it anyway.
 */
export function cookieSettings(auth: Pick<AuthConfig, 'insecureCookies' | 'sessionAbsoluteMs'>): CookieSettings {
  const secure = !auth.insecureCookies;
  return {
    name: secure ? SESSION_COOKIE : INSECURE_SESSION_COOKIE,
    options: {
      httpOnly: true,
      secure,
      sameSite: 'lax',
      path: '/',
      maxAge: Math.floor(auth.sessionAbsoluteMs / 1000),
    },
  };
}
