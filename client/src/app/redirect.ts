/**
 * Where to send a visitor who must sign in, and where to send them back:
 * the intended URL travels in `?next=` and is only ever a path on this site
 * (never `//evil.example` or `https://…`), so a crafted link cannot bounce a
 * fresh sign-in to another origin [UA3].
 */

/** `/login`, with `?next=` when the intended page is not the home page. */
export function loginPath(intended: { pathname: string; search?: string; hash?: string }): string {
  const target = `${intended.pathname}${intended.search ?? ''}${intended.hash ?? ''}`;
  if (target === '/' || target === '' || intended.pathname.startsWith('/login') || intended.pathname.startsWith('/setup')) return '/login';
  return `/login?next=${encodeURIComponent(target)}`;
}

/** The `next` parameter if it is a same-site path, else `/`. */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//')) return '/';
  // Browsers read `/\evil` as `//evil`, and drop control characters (a tab in "/\t/evil"): refuse both.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  if (/[\u0000-\u001f\\]/.test(next)) return '/';
  return next;
}
