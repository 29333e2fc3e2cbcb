import { connect } from 'node:net';

/**
 * WebSocket bytes written by hand, for what a well-behaved client library
 * never sends: frames pipelined behind a handshake before any answer.
 */

/** A masked client frame (RFC 6455): binary by default, final unless `fin` is false. */
export function clientFrame(payload: Uint8Array, opts: { opcode?: number; fin?: boolean } = {}): Buffer {
  const { opcode = 2, fin = true } = opts;
  const mask = Buffer.from([0x5a, 0x13, 0xc7, 0x2e]);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  let length: Buffer;
  if (payload.length < 126) length = Buffer.from([0x80 | payload.length]);
  else if (payload.length < 65536) length = Buffer.from([0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  else {
    length = Buffer.alloc(9);
    length[0] = 0x80 | 127;
    length.writeBigUInt64BE(BigInt(payload.length), 1);
  }
  return Buffer.concat([Buffer.from([(fin ? 0x80 : 0) | opcode]), length, mask, masked]);
}

/** What a raw handshake got back. */
export interface RawAnswer {
  /** The HTTP status line's code (101 when upgraded). */
  status: number;
  /** Everything the server wrote, as latin1. */
  text: string;
}

/**
 * Writes a handshake for `path` with `headers` and `extra` bytes right
 * behind it, in one write; resolves when the connection ends. A refused
 * handshake must be ended by the server. After an accepted one (101) we end
 * it ourselves: right away, or with `untilClosed` once the server's close
 * frame arrived (we never answer it, so the server would otherwise wait
 * for our close frame).
 */
export function rawHandshake(origin: string, path: string, headers: Record<string, string>, extra: Buffer, untilClosed = false): Promise<RawAnswer> {
  const { port, hostname, host } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const text = () => Buffer.concat(chunks).toString('latin1');
    socket.on('data', (d) => {
      chunks.push(d);
      if (text().startsWith('HTTP/1.1 101') && (!untilClosed || closeCodeIn(text()) !== null)) socket.destroy();
    });
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text())?.[1] ?? 0), text: text() }));
    const lines = [
      `GET ${path} HTTP/1.1`,
      `Host: ${host}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    socket.write(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), extra]));
  });
}

/** The close code in the first close frame (opcode 8) of a server's bytes after the 101, or null. */
export function closeCodeIn(text: string): number | null {
  const bytes = Buffer.from(text, 'latin1');
  let at = bytes.indexOf('\r\n\r\n');
  if (at < 0) return null;
  at += 4;
  while (at + 2 <= bytes.length) {
    const opcode = bytes[at]! & 0x0f;
    let length = bytes[at + 1]! & 0x7f;
    let head = 2;
    if (length === 126) {
      length = bytes.readUInt16BE(at + 2);
      head = 4;
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(at + 2));
      head = 10;
    }
    if (opcode === 8) return length >= 2 ? bytes.readUInt16BE(at + head) : null;
    at += head + length;
  }
  return null;
}
