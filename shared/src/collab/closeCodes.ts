/**
 * WebSocket close codes shared by the sync server and the editor, so the
 * client can tell "retry later" from "you may not be here" (4000–4999 are
 * application codes per RFC 6455).
 */
export const CloseCode = {
  /** Normal shutdown of a room or the server; reconnect. */
  goingAway: 1001,
  /** A message in more WebSocket fragments than allowed (ws maxFragments). */
  policyViolation: 1008,
  /** A frame larger than the configured limit. */
  messageTooBig: 1009,
  /** The episode does not exist (or is not visible to this user). */
  notFound: 4004,
  /** No valid session. */
  unauthorized: 4401,
  /** Session valid but no right to this episode, or membership revoked. */
  forbidden: 4403,
  /** The Origin header is not allowed. */
  badOrigin: 4400,
  /**
   * A message could not be decoded or applied, exceeded the update limits,
   * or the connection spoke for too many awareness client ids.
   */
  malformed: 4422,
  /** Too many messages or bytes in the budget window. */
  rateLimited: 4429,
  /** The room failed to load; try again later. */
  unavailable: 4503,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Codes after which the client must not reconnect automatically. */
export const TERMINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.notFound,
  CloseCode.unauthorized,
  CloseCode.forbidden,
  CloseCode.badOrigin,
]);
