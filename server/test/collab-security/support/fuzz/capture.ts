import * as prng from 'lib0/prng';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { whenSynced } from '../../../collab/support/harness.js';
import { randomEdit } from '../../../collab/support/scriptOps.js';
import type { Credentials } from '../client.js';

/**
 * Captures what a real client sends: an unmodified WebsocketProvider
 * connects (with a session cookie and Origin), edits the script, moves its
 * cursor, goes offline, edits, and reconnects; every frame it writes to the
 * socket is recorded. These are the fuzz corpus: valid sync step 1 and
 * step 2, updates and awareness messages as they occur on the wire.
 */
export async function captureCorpus(wsUrl: string, episodeId: string, creds: Credentials, seed: number): Promise<Uint8Array[]> {
  const captured: Uint8Array[] = [];
  const headers: Record<string, string> = {};
  if (creds.cookie) headers.cookie = creds.cookie;
  if (creds.origin) headers.origin = creds.origin;
  class CapturingWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
    override send(data: Uint8Array, ...rest: unknown[]): void {
      captured.push(Uint8Array.from(data));
      (super.send as (d: Uint8Array, ...r: unknown[]) => void)(data, ...rest);
    }
  }
  const gen = prng.create(seed);
  const doc = new Y.Doc();
  // Seeded, so a seed replays the same corpus against a fresh server.
  doc.clientID = prng.uint32(gen, 1, 2 ** 31);
  const provider = new WebsocketProvider(wsUrl, episodeId, doc, {
    // The provider's type wants the DOM WebSocket; ws implements the same surface in Node.
    WebSocketPolyfill: CapturingWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  try {
    provider.awareness.setLocalStateField('user', { name: '林晚', color: '#d33' });
    await whenSynced(provider);
    for (let i = 0; i < 25; i++) {
      randomEdit(gen, doc);
      provider.awareness.setLocalStateField('cursor', { anchor: { type: null, tname: 'script', item: [doc.clientID, i], assoc: 0 }, head: i });
    }
    // Offline edits, then a reconnect: the provider's step 1 and a step 2 with content.
    provider.disconnect();
    for (let i = 0; i < 5; i++) randomEdit(gen, doc);
    provider.connect();
    await whenSynced(provider);
  } finally {
    provider.destroy();
    doc.destroy();
  }
  // queryAwareness (y-websocket's own clients never send it, other clients may).
  captured.push(Uint8Array.of(3));
  return captured;
}
