/**
 * The connection state a writer sees in the badge, as a pure reducer over the
 * events the provider, the browser and the unsynced-change tracker report.
 * Kept free of Yjs and the DOM so every transition is unit-tested [ED20].
 */

/** What the connection badge shows. */
export type ConnectionStatus = 'connecting' | 'connected' | 'offline' | 'reconnecting';

/** Why the server ended the session for good (a terminal close code). */
export interface TerminalClose {
  code: number;
  reason: string;
}

/** Everything the badge needs. */
export interface ConnectionState {
  status: ConnectionStatus;
  /** Local changes the server has not acknowledged yet. */
  unsynced: number;
  /** Connection attempts that ended without a sync since the last successful one. */
  failedAttempts: number;
  /** True once this session has synced with the server at least once. */
  everSynced: boolean;
  /** True while the provider is connected and synced. */
  synced: boolean;
  /** The browser's own view (navigator.onLine). */
  browserOnline: boolean;
  /** Set when the server closed with a terminal code; no more reconnects. */
  closed: TerminalClose | null;
}

/** Inputs to the reducer. */
export type ConnectionEvent =
  | { type: 'attempt' }
  | { type: 'synced' }
  | { type: 'lost' }
  | { type: 'terminal'; code: number; reason: string }
  | { type: 'browser'; online: boolean }
  | { type: 'unsynced'; count: number };

/**
 * After this many failed attempts in a row the badge says "offline" rather
 * than "reconnecting": the provider keeps retrying with back-off, but a writer
 * should know their edits are only local now.
 */
export const OFFLINE_AFTER_FAILED_ATTEMPTS = 2;

/** The state before the provider has reported anything. */
export function initialConnectionState(unsynced = 0, browserOnline = true): ConnectionState {
  const base: ConnectionState = {
    status: 'connecting',
    unsynced,
    failedAttempts: 0,
    everSynced: false,
    synced: false,
    browserOnline,
    closed: null,
  };
  return { ...base, status: deriveStatus(base) };
}

/** The badge status implied by the other fields. */
export function deriveStatus(s: Omit<ConnectionState, 'status'>): ConnectionStatus {
  if (s.closed || !s.browserOnline) return 'offline';
  if (s.synced) return 'connected';
  if (s.failedAttempts >= OFFLINE_AFTER_FAILED_ATTEMPTS) return 'offline';
  return s.everSynced ? 'reconnecting' : 'connecting';
}

/** Applies one event; returns the same object when nothing changed. */
export function reduceConnection(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  let next: Omit<ConnectionState, 'status'>;
  switch (event.type) {
    case 'attempt':
      // A new attempt changes nothing visible; failures are counted on close.
      return state;
    case 'synced':
      next = { ...state, synced: true, everSynced: true, failedAttempts: 0 };
      break;
    case 'lost':
      // Losing a synced connection is the start of reconnecting, not a failure;
      // a close before syncing is a failed attempt.
      next = state.synced ? { ...state, synced: false } : { ...state, failedAttempts: state.failedAttempts + 1 };
      break;
    case 'terminal':
      next = { ...state, synced: false, closed: { code: event.code, reason: event.reason } };
      break;
    case 'browser':
      next = { ...state, browserOnline: event.online };
      break;
    case 'unsynced':
      if (event.count === state.unsynced) return state;
      next = { ...state, unsynced: event.count };
      break;
  }
  const status = deriveStatus(next);
  const changed = (Object.keys(next) as (keyof typeof next)[]).some((k) => next[k] !== state[k]) || status !== state.status;
  return changed ? { ...next, status } : state;
}
