import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { describeFrame, type Frame, syncFrame } from '../../collab/support/rawClient.js';

/**
 * Sync-socket clients that present credentials as a browser does: the
 * session cookie and an Origin header on the handshake (never a token in
 * the URL).
 */

/** Handshake headers: the session's cookie and the page's Origin (omit either with undefined). */
export interface Credentials {
  cookie?: string;
  origin?: string;
}

function headersOf(creds: Credentials): Record<string, string> {
  const headers: Record<string, string> = {};
  if (creds.cookie !== undefined) headers.cookie = creds.cookie;
  if (creds.origin !== undefined) headers.origin = creds.origin;
  return headers;
}

/** How a refused handshake was answered: the HTTP status, and whether a socket ever opened (it must not). */
export interface Refusal {
  status: number;
  opened: boolean;
}

/** Attempts a handshake that should be refused; resolves with the HTTP status the server answered. */
export function refusedUpgrade(url: string, creds: Credentials): Promise<Refusal> {
  const socket = new WebSocket(url, { headers: headersOf(creds) });
  return new Promise((resolve, reject) => {
    let opened = false;
    socket.on('open', () => {
      opened = true;
      socket.terminate();
      reject(new Error(`the server upgraded ${url}`));
    });
    socket.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, opened });
      res.resume();
      socket.terminate();
    });
    socket.on('error', () => {});
  });
}

/** A raw protocol client with credentials; logs every frame received. */
export class SecureRawClient {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string; at: number }>;
  private waiters: { match: (f: Frame) => boolean; from: number; resolve: (f: Frame) => void }[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('error', () => {});
    socket.on('message', (data: Buffer) => {
      let frame: Frame;
      try {
        frame = describeFrame(new Uint8Array(data));
      } catch {
        frame = { kind: 'other', type: -1 };
      }
      this.frames.push(frame);
      const index = this.frames.length - 1;
      this.waiters = this.waiters.filter((w) => {
        if (index < w.from || !w.match(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString(), at: performance.now() })),
    );
  }

  /** Opens `${wsUrl}/${episodeId}` with `creds`; rejects if the handshake is refused. */
  static open(wsUrl: string, episodeId: string, creds: Credentials): Promise<SecureRawClient> {
    const socket = new WebSocket(`${wsUrl}/${episodeId}`, { headers: headersOf(creds) });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new SecureRawClient(socket)));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`handshake refused with ${res.statusCode}`)));
      socket.once('error', reject);
    });
  }

  /** The first frame at index ≥ `from` matching `match` (already received or future). */
  next(match: (f: Frame) => boolean, from = 0): Promise<Frame> {
    for (let i = from; i < this.frames.length; i++) if (match(this.frames[i]!)) return Promise.resolve(this.frames[i]!);
    return new Promise((resolve) => this.waiters.push({ match, from, resolve }));
  }

  send(frame: Uint8Array): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(frame);
  }

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends a sync step 1 for `doc` and resolves with the step 2 the server answers. */
  async requestState(doc: Y.Doc): Promise<Uint8Array> {
    const from = this.frames.length;
    this.send(syncFrame('step1', Y.encodeStateVector(doc)));
    const step2 = await this.next((f) => f.kind === 'step2', from);
    return step2.kind === 'step2' ? step2.payload : new Uint8Array();
  }

  close(): void {
    this.socket.close();
  }

  terminate(): void {
    this.socket.terminate();
  }
}

/**
 * A WebSocket class for y-websocket's provider in Node that sends
 * `creds` on every handshake (the provider itself takes no headers).
 */
export function credentialedWebSocket(creds: Credentials): typeof globalThis.WebSocket {
  const headers = headersOf(creds);
  class CredentialedWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  // The provider's type wants the DOM WebSocket; ws implements the same surface in Node.
  return CredentialedWebSocket as unknown as typeof globalThis.WebSocket;
}

/** An unmodified WebsocketProvider (no BroadcastChannel) presenting `creds`. */
export function connectProvider(wsUrl: string, episodeId: string, creds: Credentials): { doc: Y.Doc; provider: WebsocketProvider; destroy(): void } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, episodeId, doc, {
    WebSocketPolyfill: credentialedWebSocket(creds),
    disableBc: true,
    maxBackoffTime: 200,
  });
  return {
    doc,
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}
