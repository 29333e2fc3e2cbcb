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
