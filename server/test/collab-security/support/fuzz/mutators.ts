import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';

/**
 * Seeded byte mutations of captured protocol messages (issue 3's fuzzing):
 * bit flips, byte overwrites with boundary values, truncation, extension,
 * insertion and deletion, length-prefix corruption (the frame's payload
 * length and the first counts inside a Yjs or awareness payload), splicing
 * two messages, duplicated chunks, and plain random bytes. Pure: the same
 * generator state gives the same bytes.
 */

/** A mutation's name (for the report) and its result. */
export interface Mutation {
  kinds: string[];
  bytes: Uint8Array;
}

const INTERESTING_BYTES = [0x00, 0x01, 0x02, 0x03, 0x7f, 0x80, 0xfe, 0xff];
const INTERESTING_LENGTHS = [0, 1, 2 ** 7, 2 ** 14, 2 ** 21, 2 ** 31, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER];

function withBytes(bytes: Uint8Array, edit: (b: number[]) => void): Uint8Array {
  const copy = Array.from(bytes);
  edit(copy);
  return Uint8Array.from(copy);
}

/**
 * Offsets of the varuints worth corrupting: the message type, the sync
 * sub-type, the payload length, and the first two varuints of the payload
 * (a Yjs update's client-group and struct counts; an awareness update's
 * entry count and first client id).
 */
export function lengthPrefixOffsets(bytes: Uint8Array): number[] {
  const offsets: number[] = [];
  try {
    const d = decoding.createDecoder(bytes);
    offsets.push(d.pos);
    const type = decoding.readVarUint(d);
    if (type === 0) {
      offsets.push(d.pos);
      decoding.readVarUint(d);
    }
    if (type !== 0 && type !== 1) return offsets;
    offsets.push(d.pos);
    decoding.readVarUint(d);
    for (let i = 0; i < 2 && decoding.hasContent(d); i++) {
      offsets.push(d.pos);
      decoding.readVarUint(d);
    }
  } catch {
    // A message already broken: corrupt what was found.
  }
  return offsets;
}

/** Replaces the varuint at `offset` with `value`. */
export function replaceVarUint(bytes: Uint8Array, offset: number, value: number): Uint8Array {
  const d = decoding.createDecoder(bytes);
  d.pos = offset;
  try {
    decoding.readVarUint(d);
  } catch {
    d.pos = bytes.length;
  }
  const e = encoding.createEncoder();
  encoding.writeUint8Array(e, bytes.subarray(0, offset));
  encoding.writeVarUint(e, value);
  encoding.writeUint8Array(e, bytes.subarray(d.pos));
  return encoding.toUint8Array(e);
}

type Mutator = (gen: prng.PRNG, bytes: Uint8Array, corpus: readonly Uint8Array[]) => Uint8Array;

const MUTATORS: Record<string, Mutator> = {
  bitFlip: (gen, bytes) =>
    withBytes(bytes, (b) => {
      if (b.length === 0) return;
      for (let n = prng.int32(gen, 1, 4); n > 0; n--) {
        const at = prng.int32(gen, 0, b.length - 1);
        b[at] = b[at]! ^ (1 << prng.int32(gen, 0, 7));
      }
    }),
  interestingByte: (gen, bytes) =>
    withBytes(bytes, (b) => {
      if (b.length > 0) b[prng.int32(gen, 0, b.length - 1)] = prng.oneOf(gen, INTERESTING_BYTES);
    }),
  truncate: (gen, bytes) => bytes.slice(0, prng.int32(gen, 0, Math.max(0, bytes.length - 1))),
  extend: (gen, bytes) => {
    const tail = prng.uint8Array(gen, prng.int32(gen, 1, 16));
    const out = new Uint8Array(bytes.length + tail.length);
    out.set(bytes);
    out.set(tail, bytes.length);
    return out;
  },
  insertByte: (gen, bytes) =>
    withBytes(bytes, (b) => b.splice(prng.int32(gen, 0, b.length), 0, prng.oneOf(gen, [...INTERESTING_BYTES, prng.uint32(gen, 0, 255)]))),
  deleteByte: (gen, bytes) =>
    withBytes(bytes, (b) => {
      if (b.length > 0) b.splice(prng.int32(gen, 0, b.length - 1), prng.int32(gen, 1, 4));
    }),
  lengthPrefix: (gen, bytes) => {
    const offsets = lengthPrefixOffsets(bytes);
    if (offsets.length === 0) return bytes;
    const offset = prng.oneOf(gen, offsets);
    const d = decoding.createDecoder(bytes);
    d.pos = offset;
    let current = 0;
    try {
      current = decoding.readVarUint(d);
    } catch {
      current = 0;
    }
    const value = prng.bool(gen) ? prng.oneOf(gen, INTERESTING_LENGTHS) : Math.max(0, current + prng.int32(gen, -3, 3));
    return replaceVarUint(bytes, offset, value);
  },
  splice: (gen, bytes, corpus) => {
    const other = prng.oneOf(gen, [...corpus]);
    const head = bytes.subarray(0, prng.int32(gen, 0, bytes.length));
    const tail = other.subarray(prng.int32(gen, 0, other.length));
    const out = new Uint8Array(head.length + tail.length);
    out.set(head);
    out.set(tail, head.length);
    return out;
  },
  duplicateChunk: (gen, bytes) => {
    if (bytes.length === 0) return bytes;
    const start = prng.int32(gen, 0, bytes.length - 1);
    const chunk = bytes.subarray(start, Math.min(bytes.length, start + prng.int32(gen, 1, 32)));
    const at = prng.int32(gen, 0, bytes.length);
    const out = new Uint8Array(bytes.length + chunk.length);
    out.set(bytes.subarray(0, at));
    out.set(chunk, at);
    out.set(bytes.subarray(at), at + chunk.length);
    return out;
  },
  random: (gen) => {
    const out = prng.uint8Array(gen, prng.int32(gen, 1, 64));
    // Mostly a known message type, so the bytes reach the deeper decoders.
    if (prng.int32(gen, 0, 3) > 0) out[0] = prng.oneOf(gen, [0, 0, 1, 2, 3]);
    if (out[0] === 0 && out.length > 1 && prng.bool(gen)) out[1] = prng.int32(gen, 0, 2);
    return out;
  },
};

/** The mutator names, for reports. */
export const MUTATOR_NAMES = Object.keys(MUTATORS);

/** One mutation of a message drawn from `corpus`: one to three mutators stacked. */
export function mutate(gen: prng.PRNG, corpus: readonly Uint8Array[]): Mutation {
  let bytes = prng.oneOf(gen, [...corpus]);
  const kinds: string[] = [];
  for (let n = prng.int32(gen, 1, 3); n > 0; n--) {
    const kind = prng.oneOf(gen, MUTATOR_NAMES);
    kinds.push(kind);
    bytes = MUTATORS[kind]!(gen, bytes, corpus);
  }
  return { kinds, bytes };
}
