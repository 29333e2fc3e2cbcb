/**
 * Whether a request's `Origin` may act with the user's cookie [AC17]: the
 * server's own origin (the Origin's host equals the request's Host header,
 * whatever the scheme a proxy terminated) or one of the configured extra
 * origins. A missing Origin passes: browsers always send one on cross-origin
 * writes and on WebSocket handshakes, so its absence means a same-origin GET
 * form or a non-browser client, neither of which a hostile page can drive.
 * `null` (sandboxed frames, file://) and anything that is not http(s) fail.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (allowed.includes(url.origin)) return true;
  if (host === undefined || host === '') return false;
  // Parse the Host header under the Origin's scheme, so `localhost:80` equals `http://localhost`.
  try {
    return new URL(`${url.protocol}//${host}`).host === url.host;
  } catch {
    return false;
  }
}
