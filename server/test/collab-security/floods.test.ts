import { CloseCode } from '@loopline/shared/collab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeAwarenessEntries, MessageType } from '../../src/collab/protocol.js';
import { awarenessFrame, syncFrame } from '../collab/support/rawClient.js';
import { SecureRawClient } from './support/client.js';
import { type ServerProcess, startServerProcess } from './support/serverProcess.js';
import { clientFrame, closeCodeIn, rawHandshake } from './support/wire.js';

/**
 * Floods against the app in its own process with production limits. Memory
 * is the server process's own: heapUsed after a full GC (the fixture runs
 * with --expose-gc) before and after each flood, so the test's buffers do
 * not count and garbage does not either: what is measured is what the
 * flood left behind. Each flood must end at its cap with its close code
 * and leave the server under 20 MB heavier, with /api/health still fast.
 * The peak during the flood (heapUsed and rss sampled every 2 ms in the
 * server, garbage included) is printed alongside, not asserted: it counts
 * what a flood costs while it lasts (e.g. ws assembling fragments up to the
 * limits), which the limits bound but GC timing makes noisy.
 */

const MB = 1024 * 1024;
const MAX_GROWTH = 20 * MB;
let server: ServerProcess;
const figures: string[] = [];

beforeAll(async () => {
  server = await startServerProcess();
  // Load the room and warm the code paths once, so the first flood does not pay for them.
  const warm = await SecureRawClient.open(server.wsUrl, server.episodeId, writer());
  await warm.requestState(new Y.Doc());
  warm.close();
  await warm.closed;
}, 60_000);
afterAll(async () => {
  console.log(`[AC31] server memory per flood (retained = heapUsed after GC before → after; peak = sampled during the flood):\n  ${figures.join('\n  ')}`);
  await server?.stop();
});

const writer = () => ({ cookie: server.cookies.writer, origin: server.origin });
const fmt = (n: number) => `${(n / MB).toFixed(1)} MB`;

/** Runs `flood`, then checks the server's retained memory growth and health; returns what `flood` returned. */
async function measured<T>(name: string, flood: () => Promise<T>): Promise<T> {
  const before = await server.memory();
  const result = await flood();
  const after = await server.memory();
  const health = await server.health();
  figures.push(
    `${name}: retained ${fmt(before.heapUsed)} → ${fmt(after.heapUsed)} (${fmt(after.heapUsed - before.heapUsed)}); ` +
      `peak heap +${fmt(after.peak.heapUsed - before.heapUsed)}, rss ${fmt(before.rss)} → peak ${fmt(after.peak.rss)} → ${fmt(after.rss)}; health ${health.ms.toFixed(1)} ms`,
  );
  expect(after.heapUsed - before.heapUsed).toBeLessThan(MAX_GROWTH);
  expect(health.status).toBe(200);
  expect(health.ms).toBeLessThan(200);
  expect(server.child.exitCode).toBeNull();
  return result;
}

/** Opens a writer socket, runs `send` on it, resolves with the close code. */
async function closeCode(send: (socket: SecureRawClient) => void): Promise<number> {
  const socket = await SecureRawClient.open(server.wsUrl, server.episodeId, writer());
  await socket.next((f) => f.kind === 'step1');
  send(socket);
  return (await socket.closed).code;
}

describe('floods', () => {
  it('[AC31][AC8] 200 unauthenticated handshakes, each with 64 KiB of frames behind it: all 401, none upgraded, nothing kept', async () => {
    const frames = Buffer.concat(Array.from({ length: 16 }, () => clientFrame(new Uint8Array(4000).fill(MessageType.queryAwareness))));
    const answers = await measured('200 unauthenticated handshakes + frames', () =>
      Promise.all(
        Array.from({ length: 200 }, () => rawHandshake(server.origin, `/collab/${server.episodeId}`, { Origin: server.origin }, frames, true)),
      ),
    );
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([401]));
  });

  it('[AC31][AC25] 5,000 frames pipelined right behind an authorized handshake: closed at the budget with 4429', async () => {
    const frames = Buffer.concat(Array.from({ length: 5000 }, () => clientFrame(Uint8Array.of(MessageType.queryAwareness))));
    const answer = await measured('5,000 frames right after the upgrade', () =>
      rawHandshake(server.origin, `/collab/${server.episodeId}`, { Origin: server.origin, Cookie: server.cookies.writer }, frames, true),
    );
    expect(answer.status).toBe(101);
    expect(closeCodeIn(answer.text)).toBe(CloseCode.rateLimited);
  });

  it('[AC31][AC25] 100,000 small messages: closed at the budget with 4429', async () => {
    const code = await measured('100,000 small messages', () =>
      closeCode((s) => {
        for (let i = 0; i < 100_000; i++) s.send(Uint8Array.of(MessageType.queryAwareness));
      }),
    );
    expect(code).toBe(CloseCode.rateLimited);
  });

  it('[AC31][AC8] an oversize frame (9 MiB against the 8 MiB limit): closed with 1009', async () => {
    const code = await measured('one 9 MiB frame', () => closeCode((s) => s.send(new Uint8Array(9 * MB))));
    expect(code).toBe(CloseCode.messageTooBig);
  });

  it('[AC31][AC8] up to 20,000 fragments of one message: closed at 1,024 with 1008', async () => {
    // Sent 100 at a time until the server's close frame arrives: a client that blasts on after it has its
    // connection reset (and sees 1006) before it reads the close frame.
    let sent = 0;
    const code = await measured('20,000 fragments', async () => {
      const socket = await SecureRawClient.open(server.wsUrl, server.episodeId, writer());
      await socket.next((f) => f.kind === 'step1');
      while (sent < 20_000 && socket.open) {
        for (let i = 0; i < 100; i++, sent++) socket.socket.send(new Uint8Array(64), { fin: false });
        await new Promise<void>((resolve) => socket.socket.send(new Uint8Array(0), { fin: false }, () => resolve()));
        sent++;
      }
      return (await socket.closed).code;
    });
    expect(code).toBe(CloseCode.policyViolation);
    expect(sent).toBeGreaterThan(1024);
  });

  it('[AC31][AC26] 10,000 fake awareness client ids in one message: closed with 4422', async () => {
    const entries = Array.from({ length: 10_000 }, (_, i) => ({ clientId: 5_000_000 + i, clock: 1, stateJson: JSON.stringify({ user: { name: `fake${i}` } }) }));
    const code = await measured('10,000 awareness ids in one message', () => closeCode((s) => s.send(awarenessFrame(encodeAwarenessEntries(entries)))));
    expect(code).toBe(CloseCode.malformed);
  });

  it('[AC31][AC26] 10,000 fake awareness client ids in 10,000 messages: closed at the cap with 4422', async () => {
    const code = await measured('10,000 awareness ids in 10,000 messages', () =>
      closeCode((s) => {
        for (let i = 0; i < 10_000; i++) {
          s.send(awarenessFrame(encodeAwarenessEntries([{ clientId: 6_000_000 + i, clock: 1, stateJson: '{"user":{"name":"x"}}' }])));
        }
      }),
    );
    expect(code).toBe(CloseCode.malformed);
  });

  it('[AC31][AC26] 50 sockets × 200 fake awareness ids each: every one closed with 4422', async () => {
    const codes = await measured('50 sockets × 200 fake awareness ids', () =>
      Promise.all(
        Array.from({ length: 50 }, (_, n) =>
          closeCode((s) => {
            for (let i = 0; i < 200; i++) {
              s.send(awarenessFrame(encodeAwarenessEntries([{ clientId: 7_000_000 + n * 1000 + i, clock: 1, stateJson: 'null' }])));
            }
          }),
        ),
      ),
    );
    expect(new Set(codes)).toEqual(new Set([CloseCode.malformed]));
  });

  it('[AC31][AC27] an update of 4 million 2-byte structs (8 MB): refused by the pre-scan with 4422, not materialized', async () => {
    const bytes = new Uint8Array(8 * MB - 64);
    // [groups=1][structs=4,000,000][client=5][clock=0] then (GC, len 1) pairs.
    const head = [1, 0x80 | (4_000_000 & 0x7f), 0x80 | ((4_000_000 >> 7) & 0x7f), (4_000_000 >> 14) & 0x7f, 5, 0];
    bytes.set(head);
    for (let i = head.length; i + 1 < bytes.length; i += 2) bytes[i + 1] = 1;
    const code = await measured('one update of 4 M structs', () => closeCode((s) => s.send(syncFrame('update', bytes))));
    expect(code).toBe(CloseCode.malformed);
  });
});
