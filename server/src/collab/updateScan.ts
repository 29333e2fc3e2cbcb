import * as decoding from 'lib0/decoding';

/**
 * A bounded pre-scan of a client's Yjs update (v1 encoding), run before Yjs
 * decodes it (issue 3, [AC27]). Yjs materializes every struct of an update
 * as an object before applying any: an 8 MiB frame of 2-byte structs costs
 * ~4 M objects, seconds of CPU and close to 1 GB of heap, and a nested JSON
 * or `any` value deeper than the stack makes every later encoding of the
 * document throw (a stored poison). This scan walks the bytes once without
 * allocating per struct and refuses what a real editor never sends: more
 * structs, delete ranges or `any` values than `maxItems`, values nested
 * deeper than `maxDepth`, unknown content kinds and subdocuments. The layout
 * mirrors yjs/src/utils/encoding.js (readClientsStructRefs, readDeleteSet)
 * and the content readers of yjs/src/structs; Yjs' own decoder still runs
 * afterwards as the authority on well-formedness.
 */

/** Bounds of one update. */
export interface UpdateScanLimits {
  /** Structs + delete-set ranges + elements of `any`/JSON contents. */
  maxItems: number;
  /** Deepest nesting of an `any` or JSON value. */
  maxDepth: number;
}

/** What the scan counted. */
export interface UpdateScan {
  structs: number;
  deleteRanges: number;
  /** Structs + delete ranges + `any`/JSON elements (what `maxItems` bounds). */
  items: number;
}

/** Why an update was refused by the scan (the caller closes the socket as malformed). */
export class UpdateRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpdateRefusedError';
  }
}

// Bits of a struct's info byte (lib0/binary BIT8, BIT7, BIT6, BITS5).
const HAS_ORIGIN = 0x80;
const HAS_RIGHT_ORIGIN = 0x40;
const HAS_PARENT_SUB = 0x20;
const CONTENT = 0x1f;

// Content kinds (yjs/src/structs/Item.js contentRefs).
const GC = 0;
const DELETED = 1;
const JSON_CONTENT = 2;
const BINARY = 3;
const STRING = 4;
const EMBED = 5;
const FORMAT = 6;
const TYPE = 7;
const ANY = 8;
const DOC = 9;
const SKIP = 10;

// Type refs (yjs/src/structs/ContentType.js); XmlElement (3) and XmlHook (5) carry a name.
const MAX_TYPE_REF = 6;
const NAMED_TYPE_REFS = new Set([3, 5]);

class Scanner {
  items = 0;
  constructor(
    readonly d: decoding.Decoder,
    readonly limits: UpdateScanLimits,
  ) {}

  count(n: number, what: string): void {
    this.items += n;
    if (this.items > this.limits.maxItems) throw new UpdateRefusedError(`update too large: more than ${this.limits.maxItems} items (${what})`);
  }

  uint(): number {
    return decoding.readVarUint(this.d);
  }

  byte(): number {
    if (this.d.pos >= this.d.arr.length) throw new UpdateRefusedError('update ends early');
    return decoding.readUint8(this.d);
  }

  skip(n: number): void {
    if (n > this.d.arr.length - this.d.pos) throw new UpdateRefusedError('length runs past the end of the update');
    this.d.pos += n;
  }

  /** A var-length string or byte array: length, then bytes (not decoded). */
  bytes(): void {
    this.skip(this.uint());
  }

  /** A JSON text: skipped, but its nesting is measured. */
  json(): void {
    const length = this.uint();
    const start = this.d.pos;
    this.skip(length);
    const depth = jsonDepth(this.d.arr, start, start + length);
    if (depth > this.limits.maxDepth) throw new UpdateRefusedError(`JSON value nested deeper than ${this.limits.maxDepth}`);
  }

  /** lib0's `any` encoding (lib0/decoding.js readAny), depth-bounded. */
  any(depth: number): void {
    if (depth > this.limits.maxDepth) throw new UpdateRefusedError(`value nested deeper than ${this.limits.maxDepth}`);
    const tag = this.byte();
    switch (tag) {
      case 127: // undefined
      case 126: // null
      case 121: // false
      case 120: // true
        return;
      case 125: // varint
        decoding.readVarInt(this.d);
        return;
      case 124: // float32
        this.skip(4);
        return;
      case 123: // float64
      case 122: // bigint64
        this.skip(8);
        return;
      case 119: // string
      case 116: // Uint8Array
        this.bytes();
        return;
      case 118: {
        // object: length, then (key, value) pairs
        const length = this.uint();
        this.count(length, 'object entries');
        for (let i = 0; i < length; i++) {
          this.bytes();
          this.any(depth + 1);
        }
        return;
      }
      case 117: {
        const length = this.uint();
        this.count(length, 'array elements');
        for (let i = 0; i < length; i++) this.any(depth + 1);
        return;
      }
      default:
        throw new UpdateRefusedError(`unknown value tag ${tag}`);
    }
  }

  content(kind: number): void {
    switch (kind) {
      case DELETED:
        this.uint();
        return;
      case JSON_CONTENT: {
        const length = this.uint();
        this.count(length, 'JSON elements');
        for (let i = 0; i < length; i++) this.json();
        return;
      }
      case BINARY:
      case STRING:
        this.bytes();
        return;
      case EMBED:
        this.json();
        return;
      case FORMAT:
        this.bytes();
        this.json();
        return;
      case TYPE: {
        const ref = this.uint();
        if (ref > MAX_TYPE_REF) throw new UpdateRefusedError(`unknown type ref ${ref}`);
        if (NAMED_TYPE_REFS.has(ref)) this.bytes();
        return;
      }
      case ANY: {
        const length = this.uint();
        this.count(length, 'values');
        for (let i = 0; i < length; i++) this.any(1);
        return;
      }
      case DOC:
        // Loopline's documents have no subdocuments; a room would not sync them anyway.
        throw new UpdateRefusedError('subdocuments are not accepted');
      default:
        throw new UpdateRefusedError(`unknown content kind ${kind}`);
    }
  }

  struct(): void {
    const info = this.byte();
    const kind = info & CONTENT;
    if (kind === GC || kind === SKIP) {
      this.uint();
      return;
    }
    if (info & HAS_ORIGIN) {
      this.uint();
      this.uint();
    }
    if (info & HAS_RIGHT_ORIGIN) {
      this.uint();
      this.uint();
    }
    if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
      // Parent: a root type's name, or the id of the parent item.
      if (this.uint() === 1) this.bytes();
      else {
        this.uint();
        this.uint();
      }
      if (info & HAS_PARENT_SUB) this.bytes();
    }
    this.content(kind);
  }
}

/**
 * Walks `update` and throws UpdateRefusedError when it exceeds `limits` or
 * is not laid out as a v1 update; otherwise returns its counts. Linear in
 * the update's bytes, with memory independent of its content.
 */
export function scanUpdate(update: Uint8Array, limits: UpdateScanLimits): UpdateScan {
  const s = new Scanner(decoding.createDecoder(update), limits);
  let structs = 0;
  let deleteRanges = 0;
  try {
    const groups = s.uint();
    for (let g = 0; g < groups; g++) {
      const count = s.uint();
      // A group costs Yjs a map entry even when empty, so groups count too.
      s.count(count + 1, 'structs');
      structs += count;
      s.uint(); // client
      s.uint(); // first clock
      for (let i = 0; i < count; i++) s.struct();
    }
    const dsClients = s.uint();
    for (let c = 0; c < dsClients; c++) {
      s.uint(); // client
      const ranges = s.uint();
      s.count(ranges + 1, 'delete ranges');
      deleteRanges += ranges;
      for (let r = 0; r < ranges; r++) {
        s.uint();
        s.uint();
      }
    }
  } catch (err) {
    if (err instanceof UpdateRefusedError) throw err;
    // lib0 throws plain errors at the end of the buffer or on an oversized varint.
    throw new UpdateRefusedError(err instanceof Error ? err.message : String(err));
  }
  return { structs, deleteRanges, items: s.items };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/**
 * The deepest bracket nesting of JSON text in `bytes[start, end)`, ignoring
 * brackets inside strings (UTF-8: every byte of a multi-byte character is
 * ≥ 0x80, so it never looks like a quote or a bracket). Not a validator.
 */
export function jsonDepth(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_BRACKET || b === OPEN_BRACE) {
      depth++;
      if (depth > max) max = depth;
    } else if (b === CLOSE_BRACKET || b === CLOSE_BRACE) depth--;
  }
  return max;
}
