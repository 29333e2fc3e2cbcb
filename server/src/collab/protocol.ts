import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { jsonDepth, scanUpdate } from './updateScan.js';

/**
 * The y-websocket wire protocol, as an unmodified `WebsocketProvider` speaks
 * it: every frame is `[messageType: varUint, payload…]`; sync frames carry a
 * y-protocols sync sub-message. Decoding is defensive: anything that does not
 * parse completely throws MalformedMessageError, and the caller closes the
 * socket before a byte of it reaches the document or the store.
 */

/** Top-level message types (same numbers as y-websocket). */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

/** Sync sub-message types (same numbers as y-protocols/sync). */
export const SyncType = { step1: 0, step2: 1, update: 2 } as const;

/** A frame received from a client, decoded and validated. */
export type ClientMessage =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  | { type: 'syncStep2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array; entries: AwarenessEntry[] }
  | { type: 'queryAwareness' }
  /** Clients never send auth messages in y-websocket; accepted and ignored for forward compatibility. */
  | { type: 'auth' };

/** One client's entry in an awareness update. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state as sent (JSON text; `null` means the client left). */
  stateJson: string;
}

/** Bounds applied while decoding a client frame (see CollabLimits, issue 3). */
export interface DecodeLimits {
  /** Structs + delete ranges + values of one update [AC27]. */
  maxUpdateItems: number;
  /** Deepest JSON / `any` nesting in updates and awareness states [AC27]. */
  maxValueDepth: number;
  /** Largest awareness state JSON, in bytes [AC26]. */
  maxAwarenessStateBytes: number;
  /**
   * False for read-only connections: their updates are dropped unread, so
   * a reviewer cannot make the server spend time decoding them [AC6].
   */
  verifyUpdates: boolean;
}

/** The defaults of the sync server (same values as DEFAULT_COLLAB_LIMITS). */
export const DEFAULT_DECODE_LIMITS: DecodeLimits = {
  maxUpdateItems: 250_000,
  maxValueDepth: 64,
  maxAwarenessStateBytes: 8 * 1024,
  verifyUpdates: true,
};

/** A frame that does not decode; the socket that sent it is closed with CloseCode.malformed. */
export class MalformedMessageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MalformedMessageError';
  }
}

// lib0's readVarUint8Array returns a short view instead of failing when the
// declared length runs past the end of the frame, so check bounds ourselves.
function readBytes(decoder: decoding.Decoder): Uint8Array {
  const length = decoding.readVarUint(decoder);
  if (decoder.pos + length > decoder.arr.length) throw new MalformedMessageError('length runs past the end of the frame');
  return decoding.readUint8Array(decoder, length);
}

function expectEnd(decoder: decoding.Decoder): void {
  if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes after the message');
}

/**
 * Throws unless `update` is a well-formed Yjs update (v1 encoding) within
 * `limits`: a bounded scan first, so Yjs never materializes more than
 * `maxUpdateItems` structs [AC27], then Yjs' own decoder.
 */
export function assertUpdate(update: Uint8Array, limits: Pick<DecodeLimits, 'maxUpdateItems' | 'maxValueDepth'> = DEFAULT_DECODE_LIMITS): void {
  try {
    scanUpdate(update, { maxItems: limits.maxUpdateItems, maxDepth: limits.maxValueDepth });
  } catch (cause) {
    throw new MalformedMessageError(cause instanceof Error ? cause.message : 'invalid Yjs update', { cause });
  }
  try {
    Y.decodeUpdate(update);
  } catch (cause) {
    throw new MalformedMessageError('invalid Yjs update', { cause });
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes an awareness update (client ids, clocks, JSON states), refusing a
 * state larger than `maxAwarenessStateBytes` or nested deeper than
 * `maxValueDepth` before it is parsed [AC26].
 */
export function decodeAwarenessUpdate(
  update: Uint8Array,
  limits: Pick<DecodeLimits, 'maxAwarenessStateBytes' | 'maxValueDepth'> = DEFAULT_DECODE_LIMITS,
): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  // Each entry takes at least 3 bytes: refuse an impossible count before looping on it.
  if (count * 3 > update.length) throw new MalformedMessageError('awareness entry count runs past the end');
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const length = decoding.readVarUint(decoder);
    if (length > limits.maxAwarenessStateBytes) {
      throw new MalformedMessageError(`awareness state of ${length} bytes (limit ${limits.maxAwarenessStateBytes})`);
    }
    if (decoder.pos + length > decoder.arr.length) throw new MalformedMessageError('length runs past the end of the frame');
    const bytes = decoding.readUint8Array(decoder, length);
    if (jsonDepth(bytes) > limits.maxValueDepth) throw new MalformedMessageError('awareness state nested too deeply');
    const stateJson = utf8.decode(bytes);
    JSON.parse(stateJson);
    entries.push({ clientId, clock, stateJson });
  }
  expectEnd(decoder);
  return entries;
}

/** Throws unless `update` is a well-formed awareness update within the default limits. */
export function assertAwarenessUpdate(update: Uint8Array): void {
  decodeAwarenessUpdate(update);
}

/** Re-encodes awareness entries (after the room dropped some) as an awareness update. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.stateJson);
  }
  return encoding.toUint8Array(encoder);
}

function decodeSync(decoder: decoding.Decoder, limits: DecodeLimits): ClientMessage {
  const syncType = decoding.readVarUint(decoder);
  const payload = readBytes(decoder);
  expectEnd(decoder);
  switch (syncType) {
    case SyncType.step1:
      try {
        Y.decodeStateVector(payload);
      } catch (cause) {
        throw new MalformedMessageError('invalid state vector', { cause });
      }
      return { type: 'syncStep1', stateVector: payload };
    case SyncType.step2:
      if (limits.verifyUpdates) assertUpdate(payload, limits);
      return { type: 'syncStep2', update: payload };
    case SyncType.update:
      if (limits.verifyUpdates) assertUpdate(payload, limits);
      return { type: 'update', update: payload };
    default:
      throw new MalformedMessageError(`unknown sync message type ${syncType}`);
  }
}

/** Decodes and validates one client frame; throws MalformedMessageError on anything else. */
export function decodeClientMessage(frame: Uint8Array, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): ClientMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.sync:
        return decodeSync(decoder, limits);
      case MessageType.awareness: {
        const update = readBytes(decoder);
        expectEnd(decoder);
        return { type: 'awareness', update, entries: decodeAwarenessUpdate(update, limits) };
      }
      case MessageType.queryAwareness:
        expectEnd(decoder);
        return { type: 'queryAwareness' };
      case MessageType.auth:
        return { type: 'auth' };
      default:
        throw new MalformedMessageError(`unknown message type ${type}`);
    }
  } catch (err) {
    if (err instanceof MalformedMessageError) throw err;
    throw new MalformedMessageError('frame does not decode', { cause: err });
  }
}

function frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** The server's sync step 1: its state vector, asking the client for what the server lacks. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return frame(MessageType.sync, (e) => {
    encoding.writeVarUint(e, SyncType.step1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });
}

/** Sync step 2 carrying `update` (the answer to a client's step 1). */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return frame(MessageType.sync, (e) => {
    encoding.writeVarUint(e, SyncType.step2);
    encoding.writeVarUint8Array(e, update);
  });
}

/** An incremental document update. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
  return frame(MessageType.sync, (e) => {
    encoding.writeVarUint(e, SyncType.update);
    encoding.writeVarUint8Array(e, update);
  });
}

/** An awareness update (already encoded by y-protocols/awareness). */
export function encodeAwareness(update: Uint8Array): Uint8Array {
  return frame(MessageType.awareness, (e) => encoding.writeVarUint8Array(e, update));
}
