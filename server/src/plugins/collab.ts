import websocket from '@fastify/websocket';
import { isReadOnlyRole } from '@loopline/shared';
import { CloseCode } from '@loopline/shared/collab';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AccessService } from '../auth/types.js';
import { type CollabLimits, resolveLimits } from '../collab/limits.js';
import { LiveSockets } from '../collab/liveSockets.js';
import { Rooms } from '../collab/rooms.js';
import { type SocketGrant, serveSocket } from '../collab/serveSocket.js';
import { AppError, notFound } from '../errors.js';
import type { Storage } from '../storage/types.js';

/** Options of the collab plugin. */
export interface CollabOptions {
  storage: Storage;
  /** `config.collab` holds the configurable limits (same names as CollabLimits). */
  config: { collab: Partial<CollabLimits> };
  /** Further overrides (tests and benchmarks: short idle delays, small compaction thresholds). */
  limits?: Partial<CollabLimits>;
  /**
   * Serve sockets without accounts: no session, Origin or role checks.
   * Only for the sync server's own tests and benchmarks, which run it
   * alone; without this flag the plugin refuses to start unless the access
   * plugin (`app.access`) is registered before it, so it can never serve
   * unauthenticated sockets by accident.
   */
  withoutAccounts?: boolean;
}

/** What the upgrade decided (also what the socket is then served with). */
export type CollabAccess = SocketGrant;

declare module 'fastify' {
  interface FastifyInstance {
    /** The open collaboration rooms (tests, benchmarks, diagnostics). */
    collabRooms: Rooms;
    /** The live sync sockets, for revocation [AC7] (tests, diagnostics). */
    collabSockets: LiveSockets;
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
 * a refusal is an ordinary HTTP error response and no socket is opened
 * [SY12]. With accounts, the route guard has already answered 401 (no
 * session) or 404 (not a member, unknown episode) [AC5][AC22]; this adds
 * the `Origin` check — required on an upgrade and allowed by
 * `AccessService.isAllowedOrigin`, else 403 [AC28] — and records who the
 * socket belongs to and whether it is read-only [AC3][AC6].
 */
export async function authorizeUpgrade(
  request: FastifyRequest,
  deps: { storage: Storage; access: AccessService | null; live: LiveSockets },
): Promise<CollabAccess> {
  const { episodeId } = request.params as { episodeId?: unknown };
  if (typeof episodeId !== 'string' || episodeId.length === 0 || episodeId.length > MAX_ID_LENGTH) {
    throw notFound('episode', String(episodeId));
  }
  const accessVersion = deps.live.version;
  if (!deps.access) {
    if (!(await deps.storage.getEpisode(episodeId))) throw notFound('episode', episodeId);
    return { episodeId, readOnly: false, identity: null, accessVersion };
  }
  const { principal, seriesAccess } = request;
  // The guard sets both on this route; fail closed if it somehow did not.
  if (!principal) throw new AppError('unauthorized');
  if (!seriesAccess) throw notFound('episode', episodeId);
  // Browsers always send Origin on a WebSocket handshake; a handshake without one is not a browser we serve.
  const origin = request.headers.origin;
  if (request.ws && (origin === undefined || !deps.access.isAllowedOrigin(origin, request.headers.host))) {
    throw new AppError('csrf_failed', `Origin ${origin ?? '(none)'} may not open a sync socket.`);
  }
  return {
    episodeId,
    readOnly: isReadOnlyRole(seriesAccess.role),
    identity: { userId: principal.userId, sessionId: principal.sessionId, seriesId: seriesAccess.seriesId, episodeId },
    accessVersion,
  };
}

/** Whether `request` is a WebSocket handshake (Connection: Upgrade, Upgrade: websocket). */
function isUpgrade(request: FastifyRequest): boolean {
  const { connection, upgrade } = request.raw.headers;
  return upgrade?.toLowerCase() === 'websocket' && (connection ?? '').toLowerCase().includes('upgrade');
}

/**
 * The sync endpoint `GET /collab/:episodeId`: the standard y-websocket
 * protocol, so an unmodified WebsocketProvider connects to
 * `ws://host/collab` with the episode id as room name. The session cookie
 * is the only credential (no token in the URL).
 */
async function collab(app: FastifyInstance, opts: CollabOptions): Promise<void> {
  const { storage } = opts;
  const access = app.hasDecorator('access') ? app.access : null;
  if (!access && !opts.withoutAccounts) {
    throw new Error('the collab plugin needs the access plugin registered before it (or withoutAccounts for tests)');
  }
  const limits = resolveLimits({ ...opts.config.collab, ...opts.limits });
  const rooms = new Rooms({ storage, limits, log: app.log });
  const live = new LiveSockets();
  app.decorate('collabRooms', rooms);
  app.decorate('collabSockets', live);
  app.decorateRequest('collabAccess', null);

  if (access) {
    // Synchronous: the sockets are closed before the API call that changed access answers [AC7].
    const unsubscribe = access.onChange((change) => {
      const closed = live.apply(change);
      if (closed > 0) app.log.info({ change, closed }, 'collab: access changed; closed sockets');
    });
    app.addHook('onClose', async () => unsubscribe());
  }

  // A refused handshake must not leave its TCP connection open: an upgraded
  // request's socket belongs to no HTTP server any more (no timeouts apply),
  // and @fastify/websocket only closes it when its own onRequest hook ran,
  // which a refusal by an earlier hook (the access guard, the CSRF check)
  // prevents. A hijacked reply (the accepted upgrade) has no onResponse.
  app.addHook('onResponse', async (request) => {
    if (isUpgrade(request)) request.raw.socket.destroy();
  });

  await app.register(websocket, {
    // Frames over maxPayload close with 1009, messages in more than maxFragments frames with 1008 [AC8].
    options: { maxPayload: limits.maxMessageBytes, maxFragments: limits.maxFragments },
    // ws has already sent its close frame (1009, 1008, 1002…) for a protocol error; terminating at once, as
    // the default handler does, resets the connection and the client sees 1006 instead of the reason.
    // ws still destroys the socket if the peer never completes the close handshake (closeTimeout, 30 s).
    errorHandler: (error, socket, request) => {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('WS_ERR_')) {
        request.log.warn({ episodeId: (request.params as { episodeId?: string }).episodeId, reason: error.message }, 'collab: WebSocket protocol violation; closing');
        return;
      }
      request.log.error({ err: error }, 'collab: socket error');
      socket.terminate();
    },
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
        request.collabAccess = await authorizeUpgrade(request, { storage, access, live });
      },
    },
    (socket, request) => {
      const grant = request.collabAccess;
      if (!grant) {
        socket.close(CloseCode.forbidden, 'not authorized');
        return;
      }
      const principal = request.principal;
      serveSocket(socket, grant, {
        rooms,
        limits,
        log: app.log,
        live,
        keepAlive: access && principal ? () => access.keepAlive(principal) : undefined,
      });
    },
  );
}

/** The collaboration plugin: WebSocket sync endpoint and the room registry. */
export const collabPlugin = fp(collab, { name: 'collab', fastify: '5.x' });
