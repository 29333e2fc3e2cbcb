/**
 * Tunables of the sync server, read once from configuration and passed in
 * (STYLE.md habit 8: no environment reads here, no module-level state).
 */
export interface CollabLimits {
  /** Largest WebSocket frame accepted; a bigger one closes the socket with 1009 (ws maxPayload). */
  maxMessageBytes: number;
  /** Compact the update log into a snapshot once it holds this many updates... */
  compactAfterUpdates: number;
  /** ...or this many bytes, whichever comes first. */
  compactAfterBytes: number;
  /** A room with no connections and nothing unsaved unloads after this long. */
  idleUnloadMs: number;
  /** Quiet period before the canonical ProseMirror snapshot is re-derived and saved. */
  canonicalDebounceMs: number;
  /** Longest a busy room postpones its canonical save (debounce maximum wait). */
  canonicalMaxWaitMs: number;
  /** First retry delay after a failed append; doubles per attempt up to `appendRetryMaxMs`. */
  appendRetryInitialMs: number;
  appendRetryMaxMs: number;
  /** On shutdown, how long a room keeps retrying failed appends before giving up with an error log. */
  shutdownFlushMs: number;
  /** Ping interval; a connection that missed the previous pong is terminated (dead peer, stale awareness). */
  pingIntervalMs: number;
  /** Most WebSocket fragments one message may arrive in; more closes the socket with 1008 (ws maxFragments) [AC8]. */
  maxFragments: number;
  /** Per-connection budget: messages per second, refilled continuously… [AC25] */
  messagesPerSecond: number;
  /** …up to this many at once (a reconnecting client's catch-up burst). */
  messageBurst: number;
  /** Per-connection budget: bytes per second… [AC25] */
  bytesPerSecond: number;
  /** …up to this many at once (never less than `maxMessageBytes`, so one largest message always fits). */
  byteBurst: number;
  /** Structs, delete ranges and values one client update may hold [AC27]. */
  maxUpdateItems: number;
  /** Deepest nesting of a JSON or `any` value in an update or an awareness state [AC27]. */
  maxValueDepth: number;
  /** Largest awareness state of one client (its JSON, in bytes) [AC26]. */
  maxAwarenessStateBytes: number;
  /** Distinct unknown awareness client ids a connection may relay (dropped) before it is closed [AC26]. */
  maxForeignAwarenessIds: number;
  /** Bytes of updates waiting for missing content a room keeps before discarding them [AC27]. */
  maxPendingBytes: number;
  /** Socket activity renews the session (AccessService.keepAlive) at most this often [AC29]. */
  keepAliveEveryMs: number;
}

/** Defaults sized for one process serving a writers' room on modest hardware. */
export const DEFAULT_COLLAB_LIMITS: CollabLimits = {
  maxMessageBytes: 16 * 1024 * 1024,
  compactAfterUpdates: 500,
  compactAfterBytes: 1024 * 1024,
  idleUnloadMs: 30_000,
  canonicalDebounceMs: 1_000,
  canonicalMaxWaitMs: 5_000,
  appendRetryInitialMs: 50,
  appendRetryMaxMs: 5_000,
  shutdownFlushMs: 10_000,
  pingIntervalMs: 30_000,
  // A browser sends each message in one frame; ws's own default is 16384.
  maxFragments: 1024,
  // A fast typist with cursor moves sends ~20-40 messages a second.
  messagesPerSecond: 200,
  messageBurst: 1_000,
  bytesPerSecond: 4 * 1024 * 1024,
  byteBurst: 16 * 1024 * 1024,
  // The largest episode planned for (1.6 MB of state) holds ~160k structs (docs/BENCHMARKS.md).
  maxUpdateItems: 250_000,
  maxValueDepth: 64,
  maxAwarenessStateBytes: 8 * 1024,
  maxForeignAwarenessIds: 32,
  maxPendingBytes: 4 * 1024 * 1024,
  keepAliveEveryMs: 60_000,
};

/** The defaults with `overrides` applied (undefined values are ignored). */
export function resolveLimits(overrides: Partial<CollabLimits> = {}): CollabLimits {
  const out: CollabLimits = { ...DEFAULT_COLLAB_LIMITS };
  for (const key of Object.keys(overrides) as (keyof CollabLimits)[]) {
    const value = overrides[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
