import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { CollabLimits } from '../../../src/collab/limits.js';
import type { Rooms } from '../../../src/collab/rooms.js';
import { collabPlugin } from '../../../src/plugins/collab.js';
import { openStorage } from '../../../src/storage/index.js';
import type { Storage } from '../../../src/storage/types.js';

/**
 * A Fastify instance with only the collab plugin, over SQLite in a temporary
 * directory, listening on 127.0.0.1 with an OS-chosen port; and real
 * y-websocket clients for it.
 */

/** Limits for tests: everything as in production except what a test overrides. */
export const TEST_LIMITS: Partial<CollabLimits> = { pingIntervalMs: 0 };

export interface CollabTestServer {
  app: FastifyInstance;
  storage: Storage;
  rooms: Rooms;
  dir: string;
  /** Base URL a WebsocketProvider takes (the episode id is the room name). */
  wsUrl: string;
  /** Log lines (JSON) at warn level and above. */
  logs: string[];
  /** Creates a series and an episode, optionally storing `initial` as its first update. */
  createEpisode(initial?: Uint8Array): Promise<string>;
  /** Closes the app (flushing rooms), storage, and deletes the directory unless kept. */
  close(opts?: { keepDir?: boolean }): Promise<void>;
}

/** A fresh temporary directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'loopline-collab-'));
}

/** Starts the collab server; `wrapStorage` lets a test observe or break storage calls. */
export async function startCollabServer(
  opts: { limits?: Partial<CollabLimits>; dir?: string; wrapStorage?: (s: Storage) => Storage } = {},
): Promise<CollabTestServer> {
  const dir = opts.dir ?? tempDir();
  const base = await openStorage({ kind: 'sqlite', file: join(dir, 'loopline.db') });
  const storage = opts.wrapStorage ? opts.wrapStorage(base) : base;
  const logs: string[] = [];
  const app = Fastify({ logger: { level: 'warn', stream: { write: (line: string) => void logs.push(line) } } });
  await app.register(collabPlugin, {
    storage,
    config: { collab: { maxMessageBytes: 8 * 1024 * 1024, compactAfterUpdates: 500, compactAfterBytes: 1024 * 1024, idleUnloadMs: 30_000 } },
    limits: { ...TEST_LIMITS, ...opts.limits },
    // The sync server alone, without accounts (issue 3's checks are tested in test/collab-security).
    withoutAccounts: true,
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const wsUrl = `${address.replace(/^http/, 'ws')}/collab`;
  return {
    app,
    storage,
    rooms: app.collabRooms,
    dir,
    wsUrl,
    logs,
    async createEpisode(initial) {
      const series = await storage.createSeries({ title: '签收双胞胎', language: 'zh' });
      const episode = await storage.createEpisode({ seriesId: series.id, title: '第1集' });
      if (initial) await storage.appendUpdate(episode.id, initial);
      return episode.id;
    },
    async close(closeOpts = {}) {
      await app.close();
      await base.close();
      if (!closeOpts.keepDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A y-websocket client in Node, recording every document update it received from the server. */
export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Updates applied from the server, in order (what this client was sent). */
  received: Uint8Array[];
  destroy(): void;
}

/** Connects an unmodified WebsocketProvider (ws polyfill, no BroadcastChannel). */
export function connectClient(wsUrl: string, episodeId: string, opts: { clientID?: number; connect?: boolean } = {}): TestClient {
  const doc = new Y.Doc();
  if (opts.clientID !== undefined) doc.clientID = opts.clientID;
  const provider = new WebsocketProvider(wsUrl, episodeId, doc, {
    // The provider's type wants the DOM WebSocket; ws implements the same surface in Node.
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: opts.connect ?? true,
    maxBackoffTime: 200,
  });
  const received: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === provider) received.push(update);
  });
  return {
    doc,
    provider,
    received,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves once the provider has completed a sync with the server. */
export function whenSynced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const onSync = (synced: boolean): void => {
      if (!synced) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
}
