import { SCRIPT_FRAGMENT } from '@loopline/shared';
import { TERMINAL_CLOSE_CODES } from '@loopline/shared/collab';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type ConnectionEvent, type ConnectionState, initialConnectionState, reduceConnection } from './connectionModel.js';
import { createStore, type Store } from './store.js';
import { trackUnsynced } from './unsyncedTracker.js';

/** The name and colour others see on this writer's cursor and avatar. */
export interface SessionUser {
  name: string;
  color: string;
}

/** One writer present in the episode (from awareness). */
export interface Peer {
  clientId: number;
  name: string;
  color: string;
  self: boolean;
}

/** Everything the workspace needs from one episode's collaboration session. */
export interface CollabSession {
  readonly doc: Y.Doc;
  readonly fragment: Y.XmlFragment;
  readonly provider: WebsocketProvider;
  readonly awareness: Awareness;
  readonly connection: Store<ConnectionState>;
  readonly presence: Store<Peer[]>;
  /** True once the document holds content (from IndexedDB or the server). */
  readonly ready: Store<boolean>;
  setUser(user: SessionUser): void;
  destroy(): void;
}

/** Options for {@link createSession}; the optional ones exist for tests. */
export interface SessionOptions {
  episodeId: string;
  user: SessionUser;
  /** Defaults to ws(s)://<this host>/collab. */
  wsBase?: string;
  /** Keep a copy in IndexedDB (default: when the browser has IndexedDB). */
  offlineStore?: boolean;
  WebSocketPolyfill?: typeof WebSocket;
  disableBc?: boolean;
}

/** The sync endpoint on the server that served this page. */
export function defaultWsBase(loc: Pick<Location, 'protocol' | 'host'> = location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/collab`;
}

const unsyncedKey = (episodeId: string) => `loopline:unsynced:${episodeId}`;

// localStorage may be missing or throw (private mode, quota): the count is a
// display aid, the edits themselves are in IndexedDB, so failures are ignored.
function readUnsynced(episodeId: string): number {
  try {
    const n = Number(globalThis.localStorage?.getItem(unsyncedKey(episodeId)) ?? 0);
    return Number.isFinite(n) && n > 0 ? n : 0;
  } catch {
    return 0;
  }
}
function writeUnsynced(episodeId: string, n: number): void {
  try {
    if (n > 0) globalThis.localStorage?.setItem(unsyncedKey(episodeId), String(n));
    else globalThis.localStorage?.removeItem(unsyncedKey(episodeId));
  } catch {
    /* see readUnsynced */
  }
}

function peersOf(awareness: Awareness): Peer[] {
  const peers: Peer[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const user = (state as { user?: Partial<SessionUser> }).user;
    if (!user || typeof user.name !== 'string') return;
    peers.push({ clientId, name: user.name, color: user.color ?? '#888', self: clientId === awareness.clientID });
  });
  // Self first, then by name, so the list does not jump around.
  return peers.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name) || a.clientId - b.clientId);
}

/**
 * Opens the collaboration session of one episode: a Y.Doc synced with
 * `/collab/<episodeId>` over y-websocket, persisted in IndexedDB so a reload
 * while offline keeps edits [ED23], with awareness for presence and the
 * connection state the badge shows [ED20]–[ED22].
 */
export function createSession(opts: SessionOptions): CollabSession {
  const { episodeId } = opts;
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(SCRIPT_FRAGMENT);
  const useIdb = opts.offlineStore ?? typeof indexedDB !== 'undefined';
  const persistence = useIdb ? new IndexeddbPersistence(`loopline:episode:${episodeId}`, doc) : null;

  const provider = new WebsocketProvider(opts.wsBase ?? defaultWsBase(), episodeId, doc, {
    connect: false,
    // Terminal codes come from the shared catalogue, not y-websocket's 44xx
    // default: a rate-limit (4429) or bad message (4422) should be retried.
    shouldReconnect: (event) => !TERMINAL_CLOSE_CODES.has(event.code),
    ...(opts.WebSocketPolyfill ? { WebSocketPolyfill: opts.WebSocketPolyfill } : {}),
    ...(opts.disableBc !== undefined ? { disableBc: opts.disableBc } : {}),
  });
  const awareness = provider.awareness;
  awareness.setLocalStateField('user', { ...opts.user });

  const browserOnline = typeof navigator === 'undefined' ? true : navigator.onLine !== false;
  const connection = createStore(initialConnectionState(readUnsynced(episodeId), browserOnline));
  const dispatch = (event: ConnectionEvent) => connection.set(reduceConnection(connection.get(), event));

  const stopTracking = trackUnsynced(provider, doc, {
    isLocal: (origin) => origin !== provider && (persistence === null || origin !== persistence),
    initial: connection.get().unsynced,
    onChange: (count) => {
      writeUnsynced(episodeId, count);
      dispatch({ type: 'unsynced', count });
    },
  });

  // Exactly one "lost" per closed socket, whether it had opened, synced or
  // neither: the model decides whether that was a failed attempt.
  const onStatus = ({ status }: { status: string }) => {
    if (status === 'connecting') dispatch({ type: 'attempt' });
  };
  const onSync = (synced: boolean) => {
    if (synced) dispatch({ type: 'synced' });
  };
  const onClose = () => dispatch({ type: 'lost' });
  const onClosed = (e: { code: number; reason: string }) => dispatch({ type: 'terminal', code: e.code, reason: e.reason });
  provider.on('status', onStatus);
  provider.on('sync', onSync);
  provider.on('connection-close', onClose);
  provider.on('closed', onClosed);

  const onBrowser = () => dispatch({ type: 'browser', online: navigator.onLine !== false });
  globalThis.addEventListener?.('online', onBrowser);
  globalThis.addEventListener?.('offline', onBrowser);

  const presence = createStore<Peer[]>(peersOf(awareness));
  const onAwareness = () => presence.set(peersOf(awareness));
  awareness.on('change', onAwareness);

  const ready = createStore(fragment.length > 0);
  const onFragment = () => ready.set(fragment.length > 0);
  fragment.observe(onFragment);

  provider.connect();

  return {
    doc,
    fragment,
    provider,
    awareness,
    connection,
    presence,
    ready,
    setUser(user) {
      awareness.setLocalStateField('user', { ...user });
    },
    destroy() {
      stopTracking();
      fragment.unobserve(onFragment);
      awareness.off('change', onAwareness);
      globalThis.removeEventListener?.('online', onBrowser);
      globalThis.removeEventListener?.('offline', onBrowser);
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('connection-close', onClose);
      provider.off('closed', onClosed);
      provider.destroy();
      void persistence?.destroy();
      doc.destroy();
    },
  };
}
