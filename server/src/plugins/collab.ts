import websocket from '@fastify/websocket';
import { CloseCode } from '@loopline/shared/collab';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { RawData, WebSocket } from 'ws';
import { Connection } from '../collab/connection.js';
import { type CollabLimits, resolveLimits } from '../collab/limits.js';
import { EpisodeNotFoundError, type Room } from '../collab/room.js';
import { Rooms, RoomsClosedError } from '../collab/rooms.js';
import type { Config } from '../config.js';
import { notFound } from '../errors.js';
import type { Storage } from '../storage/types.js';

/** Options of the collab plugin. */
export interface CollabOptions {
  storage: Storage;
  /** `config.collab` holds the configurable limits (same names as CollabLimits). */
  config: Pick<Config, 'collab'>;
  /** Further overrides (tests and benchmarks: short idle delays, small compaction thresholds). */
  limits?: Partial<CollabLimits>;
}

/** Who may open the sync socket of which episode; decided before the upgrade. */
export interface CollabAccess {
  episodeId: string;
  /** Edits from a read-only connection are dropped on the server (used once accounts exist). */
  readOnly: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The open collaboration rooms (tests, benchmarks, diagnostics). */
    collabRooms: Rooms;
  }
  interface FastifyRequest {
    /** Set by the sync route's preValidation hook once the upgrade is authorized. */
    collabAccess: CollabAccess | null;
  }
}

// Longest episode id accepted in the URL (matches the REST schemas' Id).
const MAX_ID_LENGTH = 100;

/**
 * Decides whether `request` may open the sync socket, before the upgrade:
 * a refusal is an ordinary HTTP error response and no socket is opened [SY12].
 * For now the episode must exist; issue 3 replaces this with session and
 * membership checks (unauthorized, forbidden, read-only).
 */
export async function authorizeUpgrade(request: FastifyRequest, storage: Storage): Promise<CollabAccess> {
  const { episodeId } = request.params as { episodeId?: unknown };
  if (typeof episodeId !== 'string' || episodeId.length === 0 || episodeId.length > MAX_ID_LENGTH) {
    throw notFound('episode', String(episodeId));
  }
  if (!(await storage.getEpisode(episodeId))) throw notFound('episode', episodeId);
  return { episodeId, readOnly: false };
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

/**
 * The sync endpoint `GET /collab/:episodeId`: the standard y-websocket
 * protocol, so an unmodified WebsocketProvider connects to
 * `ws://host/collab` with the episode id as room name.
 */
async function collab(app: FastifyInstance, opts: CollabOptions): Promise<void> {
  const { storage } = opts;
  const limits = resolveLimits({ ...opts.config.collab, ...opts.limits });
  const rooms = new Rooms({ storage, limits, log: app.log });
  app.decorate('collabRooms', rooms);
  app.decorateRequest('collabAccess', null);

  await app.register(websocket, {
    options: { maxPayload: limits.maxMessageBytes },
    // preClose runs before the HTTP server stops and before any onClose hook
    // (where storage is closed): every room closes its sockets and stores
    // what is pending while storage is still open.
    preClose: async () => {
      await rooms.closeAll();
      for (const client of app.websocketServer.clients) client.terminate();
    },
  });

  app.get(
    '/collab/:episodeId',
    {
      websocket: true,
      // Checked by the access guard before the upgrade: signed in, member of the episode's series [AC5].
      config: { access: { kind: 'series', action: 'series.read' } },
      schema: { hide: true },
      preValidation: async (request) => {
        request.collabAccess = await authorizeUpgrade(request, storage);
      },
    },
    (socket, request) => {
      const access = request.collabAccess;
      if (!access) {
        socket.close(CloseCode.forbidden, 'not authorized');
        return;
      }
      serveSocket(socket, access, rooms, limits, app);
    },
  );
}

// Frames that arrive while the room loads are kept, in order, up to this many bytes.
const EARLY_BUFFER_FACTOR = 4;

function serveSocket(socket: WebSocket, access: CollabAccess, rooms: Rooms, limits: CollabLimits, app: FastifyInstance): void {
  const conn = new Connection(socket, access.readOnly);
  const early: Uint8Array[] = [];
  let earlyBytes = 0;
  let room: Room | null = null;
  let closed = false;

  socket.on('message', (data: RawData) => {
    const frame = toBytes(data);
    if (room) {
      receive(room, frame);
      return;
    }
    early.push(frame);
    earlyBytes += frame.byteLength;
    if (earlyBytes > limits.maxMessageBytes * EARLY_BUFFER_FACTOR) conn.close(CloseCode.rateLimited, 'too much data before sync');
  });
  socket.on('close', () => {
    closed = true;
    if (room) rooms.leave(room, conn);
  });

  function receive(target: Room, frame: Uint8Array): void {
    try {
      target.receive(conn, frame);
    } catch (err) {
      // A bug, not a bad message: log it and let the client reconnect.
      app.log.error({ err, episodeId: access.episodeId }, 'collab: unexpected error while handling a message');
      conn.close(CloseCode.unavailable, 'internal error');
    }
  }

  rooms.join(access.episodeId, conn).then(
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
      app.log.error({ err, episodeId: access.episodeId }, 'collab: room failed to load');
      conn.close(CloseCode.unavailable, 'room failed to load');
    },
  );
}

/** The collaboration plugin: WebSocket sync endpoint and the room registry. */
export const collabPlugin = fp(collab, { name: 'collab', fastify: '5.x' });
