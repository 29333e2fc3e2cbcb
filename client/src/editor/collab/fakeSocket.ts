import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { messageSync } from 'y-websocket';
import * as Y from 'yjs';

// Test doubles: a WebSocket the test drives by hand and a y-protocols server
// that answers only when told to, so tests control every message's timing
// without sleeps. Used by the collab tests only.

/** A WebSocket whose open, messages and close are triggered by the test. */
export class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static instances: FakeSocket[] = [];
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readyState = 0;
  binaryType = 'arraybuffer';
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((e: { code: number; reason: string }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  /** Messages the client sent that the server has not processed yet. */
  outbox: Uint8Array[] = [];

  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }
  send(data: Uint8Array): void {
    this.outbox.push(data);
  }
  close(): void {
    this.readyState = 3;
  }
  /** The server accepted the connection. */
  open(): void {
    this.readyState = 1;
    this.onopen?.();
  }
  /** A message from the server. */
  receive(data: Uint8Array): void {
    this.onmessage?.({ data: data.slice().buffer });
  }
  /** The server (or network) closed the connection. */
  drop(code = 1006, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
  /** The most recently created socket. */
  static last(): FakeSocket {
    const s = FakeSocket.instances.at(-1);
    if (!s) throw new Error('no socket created');
    return s;
  }
}

/** A y-protocols sync peer standing in for the Loopline server. */
export class FakeServer {
  readonly doc = new Y.Doc();

  /** Sends the server's SyncStep1, as a y-websocket server does on connect. */
  greet(socket: FakeSocket): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    socket.receive(encoding.toUint8Array(encoder));
  }

  /** Processes every queued client message in order, answering as a server would. */
  process(socket: FakeSocket): void {
    while (socket.outbox.length > 0) {
      const message = socket.outbox.shift()!;
      const decoder = decoding.createDecoder(message);
      if (decoding.readVarUint(decoder) !== messageSync) continue; // awareness etc.
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageSync);
      syncProtocol.readSyncMessage(decoder, encoder, this.doc, 'client');
      if (encoding.length(encoder) > 1 && socket.readyState === socket.OPEN) socket.receive(encoding.toUint8Array(encoder));
    }
  }
}
