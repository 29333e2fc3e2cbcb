import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MessageType, SyncType } from '../../../src/collab/protocol.js';

/**
 * A bare WebSocket speaking the y-websocket protocol by hand, for tests that
 * must see every frame the server sends (echo, ordering, awareness) or send
 * frames a real provider never would.
 */

/** A received frame, decoded far enough for assertions. */
export type Frame =
  | { kind: 'step1' | 'step2' | 'update'; payload: Uint8Array }
  | { kind: 'awareness'; payload: Uint8Array }
  | { kind: 'other'; type: number };

/** Decodes the type (and sync sub-type) of a server frame. */
export function describeFrame(bytes: Uint8Array): Frame {
  const decoder = decoding.createDecoder(bytes);
  const type = decoding.readVarUint(decoder);
  if (type === MessageType.awareness) return { kind: 'awareness', payload: decoding.readVarUint8Array(decoder) };
  if (type !== MessageType.sync) return { kind: 'other', type };
  const sub = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  const kind = sub === SyncType.step1 ? 'step1' : sub === SyncType.step2 ? 'step2' : 'update';
  return { kind, payload };
}

/** Encodes a sync frame. */
export function syncFrame(kind: 'step1' | 'step2' | 'update', payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, SyncType[kind === 'step1' ? 'step1' : kind === 'step2' ? 'step2' : 'update']);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** Encodes an awareness frame. */
export function awarenessFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** A raw protocol client with a log of every frame received. */
export class RawClient {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: { match: (f: Frame) => boolean; from: number; resolve: (f: Frame) => void }[] = [];

  private constructor(readonly socket: WebSocket) {
    // A reset after the test is done with the socket is not a failure.
    socket.on('error', () => {});
    socket.on('message', (data: Buffer) => {
      const frame = describeFrame(new Uint8Array(data));
      this.frames.push(frame);
      const index = this.frames.length - 1;
      this.waiters = this.waiters.filter((w) => {
        if (index < w.from || !w.match(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** Opens a socket to `${wsUrl}/${episodeId}` and resolves once it is open. */
  static open(wsUrl: string, episodeId: string): Promise<RawClient> {
    const socket = new WebSocket(`${wsUrl}/${episodeId}`);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Resolves with the first frame at index ≥ `from` (default: any, including already received) matching `match`. */
  next(match: (f: Frame) => boolean, from = 0): Promise<Frame> {
    for (let i = from; i < this.frames.length; i++) if (match(this.frames[i]!)) return Promise.resolve(this.frames[i]!);
    return new Promise((resolve) => this.waiters.push({ match, from, resolve }));
  }

  send(frame: Uint8Array): void {
    this.socket.send(frame);
  }

  /**
   * Full sync like a provider: sends step 1 for `doc`, applies the server's
   * step 2 to `doc` and answers the server's step 1.
   */
  async sync(doc: Y.Doc): Promise<void> {
    const from = this.frames.length;
    const serverStep1 = await this.next((f) => f.kind === 'step1');
    if (serverStep1.kind === 'step1') this.send(syncFrame('step2', Y.encodeStateAsUpdate(doc, serverStep1.payload)));
    this.send(syncFrame('step1', Y.encodeStateVector(doc)));
    const step2 = await this.next((f) => f.kind === 'step2', from);
    if (step2.kind === 'step2') Y.applyUpdate(doc, step2.payload, this);
  }

  /** Closes abruptly (no close frame, no awareness goodbye), like a vanished laptop. */
  terminate(): void {
    this.socket.terminate();
  }

  close(): void {
    this.socket.close();
  }
}
