import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { decodeClientMessage, encodeSyncStep1, encodeUpdate, MalformedMessageError, MessageType } from './protocol.js';

/** A frame exactly as y-websocket's provider writes it. */
function providerFrame(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  write(e);
  return encoding.toUint8Array(e);
}

describe('protocol', () => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'hello');

  it('[SY15] decodes the frames a WebsocketProvider sends', () => {
    const step1 = providerFrame(MessageType.sync, (e) => syncProtocol.writeSyncStep1(e, doc));
    expect(decodeClientMessage(step1)).toMatchObject({ type: 'syncStep1' });
    const step2 = providerFrame(MessageType.sync, (e) => syncProtocol.writeSyncStep2(e, doc));
    expect(decodeClientMessage(step2)).toMatchObject({ type: 'syncStep2' });
    const update = providerFrame(MessageType.sync, (e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc)));
    const decoded = decodeClientMessage(update);
    expect(decoded.type).toBe('update');
    const awareness = new Awareness(doc);
    const aw = providerFrame(MessageType.awareness, (e) =>
      encoding.writeVarUint8Array(e, encodeAwarenessUpdate(awareness, [doc.clientID])),
    );
    awareness.destroy();
    expect(decodeClientMessage(aw)).toMatchObject({ type: 'awareness' });
    expect(decodeClientMessage(new Uint8Array([MessageType.queryAwareness]))).toEqual({ type: 'queryAwareness' });
  });

  it('[SY15] what the server encodes, y-protocols reads', () => {
    const other = new Y.Doc();
    for (const frame of [encodeSyncStep1(doc), encodeUpdate(Y.encodeStateAsUpdate(doc))]) {
      const decoder = decoding.createDecoder(frame);
      expect(decoding.readVarUint(decoder)).toBe(MessageType.sync);
      syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), other, null);
    }
    expect(other.getText('t').toString()).toBe('hello');
  });

  it('[SY8] rejects truncated, padded, unknown and non-Yjs frames', () => {
    const bad: Uint8Array[] = [
      new Uint8Array([]),
      new Uint8Array([0]),
      new Uint8Array([0, 2, 9, 1, 2]), // length past the end
      new Uint8Array([MessageType.queryAwareness, 0]), // trailing byte
      new Uint8Array([7]), // unknown type
      new Uint8Array([0, 5, 0]), // unknown sync type
      encodeUpdate(new Uint8Array([255, 255, 255, 255, 7, 1, 2, 3])), // not an update
      providerFrame(MessageType.awareness, (e) => encoding.writeVarUint8Array(e, new Uint8Array([1, 5, 1, 3, 123, 123, 123]))),
    ];
    for (const frame of bad) expect(() => decodeClientMessage(frame), `frame ${Array.from(frame)}`).toThrow(MalformedMessageError);
  });
});
