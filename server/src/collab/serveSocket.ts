import { CloseCode } from '@loopline/shared/collab';
import type { RawData, WebSocket } from 'ws';
import { MessageBudget } from './budget.js';
import { Connection } from './connection.js';
import type { CollabLimits } from './limits.js';
import type { LiveSocket, LiveSockets, SocketIdentity } from './liveSockets.js';
import type { CollabLogger } from './log.js';
import { EpisodeNotFoundError, type Room } from './room.js';
import { type Rooms, RoomsClosedError } from './rooms.js';

/** One authorized socket: what the upgrade decided. */
export interface SocketGrant {
  episodeId: string;
  /** Edits are dropped on the server [AC6]. */
  readOnly: boolean;
  /** Whose socket, for revocation [AC7]; null only on a server without accounts (tests, benchmarks). */
  identity: SocketIdentity | null;
  /** LiveSockets.version when the upgrade was authorized. */
  accessVersion: number;
}

/** What serving a socket needs. */
export interface ServeDeps {
  rooms: Rooms;
  limits: CollabLimits;
  log: CollabLogger;
  live: LiveSockets;
  /** Renews the socket's session on activity (AccessService.keepAlive); absent without accounts. */
  keepAlive?: () => Promise<void>;
  /** Milliseconds, for the budget and keep-alive throttle (tests inject one). */
  now?: () => number;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

// Frames that arrive while the room loads are kept, in order, up to this many times maxMessageBytes.
const EARLY_BUFFER_FACTOR = 4;

/**
 * Serves one upgraded, authorized socket: registers it for revocation,
 * charges every message (and ping) to its budget [AC25], renews the
 * session on activity at most once per `keepAliveEveryMs` [AC29], buffers
 * frames while the room loads, then hands each frame to the room.
 */
export function serveSocket(socket: WebSocket, grant: SocketGrant, deps: ServeDeps): void {
  const { rooms, limits, log } = deps;
  const now = deps.now ?? (() => performance.now());
  const conn = new Connection(socket, grant.readOnly);
  const budget = new MessageBudget(limits, limits.maxMessageBytes, now);
  const early: Uint8Array[] = [];
  let earlyBytes = 0;
  let room: Room | null = null;
  let closed = false;
  let lastKeepAlive = Number.NEGATIVE_INFINITY;

  const live: LiveSocket | null = grant.identity
    ? { identity: grant.identity, close: (code, reason) => conn.close(code, reason) }
    : null;

  socket.on('close', () => {
    closed = true;
    if (live) deps.live.remove(live);
    if (room) rooms.leave(room, conn);
  });

  function overBudget(bytes: number): boolean {
    if (budget.spend(bytes)) return false;
    log.warn({ episodeId: grant.episodeId, connection: conn.id }, 'collab: connection over its message budget; closing it');
    conn.close(CloseCode.rateLimited, 'message budget exceeded');
    return true;
  }

  function activity(): void {
    const keepAlive = deps.keepAlive;
    if (!keepAlive) return;
    const at = now();
    if (at - lastKeepAlive < limits.keepAliveEveryMs) return;
    lastKeepAlive = at;
    keepAlive().catch((err: unknown) => log.warn({ err, episodeId: grant.episodeId }, 'collab: session keep-alive failed'));
  }

  socket.on('ping', (data: Buffer) => {
    overBudget(data.byteLength);
  });

  socket.on('message', (data: RawData) => {
    if (closed || !conn.open) return;
    const frame = toBytes(data);
    if (overBudget(frame.byteLength)) return;
    activity();
    if (room) {
      receive(room, frame);
      return;
    }
    early.push(frame);
    earlyBytes += frame.byteLength;
    if (earlyBytes > limits.maxMessageBytes * EARLY_BUFFER_FACTOR) conn.close(CloseCode.rateLimited, 'too much data before sync');
  });

  function receive(target: Room, frame: Uint8Array): void {
    // Nothing after the frame that closed the socket is looked at.
    if (!conn.open) return;
    try {
      target.receive(conn, frame);
    } catch (err) {
      // A bug, not a bad message: log it and let the client reconnect.
      log.error({ err, episodeId: grant.episodeId }, 'collab: unexpected error while handling a message');
      conn.close(CloseCode.unavailable, 'internal error');
    }
  }

  // Registered before the room loads, so a revocation closes a socket that is still waiting for it.
  if (live && !deps.live.add(live, grant.accessVersion)) return;

  rooms.join(grant.episodeId, conn).then(
    (joined) => {
      if (closed) {
        rooms.leave(joined, conn);
        return;
      }
      room = joined;
      for (const frame of early.splice(0)) receive(joined, frame);
    },
    (err: unknown) => {
      if (err instanceof RoomsClosedError) {
        conn.close(CloseCode.goingAway, 'server shutting down');
        return;
      }
      if (err instanceof EpisodeNotFoundError) {
        // Deleted between the upgrade check and the load.
        conn.close(CloseCode.notFound, 'episode not found');
        return;
      }
      log.error({ err, episodeId: grant.episodeId }, 'collab: room failed to load');
      conn.close(CloseCode.unavailable, 'room failed to load');
    },
  );
}
