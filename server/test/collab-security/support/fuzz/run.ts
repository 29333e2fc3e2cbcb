import * as prng from 'lib0/prng';
import { Awareness, applyAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { describeFrame, syncFrame } from '../../../collab/support/rawClient.js';
import { docState } from '../../../collab/support/wait.js';
import { type Credentials, SecureRawClient } from '../client.js';
import { mutate } from './mutators.js';

/**
 * The sync-message fuzzer (issue 3): seeded mutations of captured messages
 * sent over raw, authorized WebSockets to a running server. After each
 * mutation a probe (queryAwareness, answered at once) tells whether the
 * socket survived it; a closed socket is replaced. A read-only observer
 * socket receives everything the server relays. After every batch:
 * `/api/health` must answer 200 within the latency limit, and the room's
 * document, the stored document and the observer's copy must be equal —
 * and unchanged unless a message of the batch was accepted as an update.
 * Every accepted message must also decode with the reference decoders
 * (Yjs, y-protocols): the server never accepts what they reject.
 */

/** The server under test. */
export interface FuzzTarget {
  wsUrl: string;
  episodeId: string;
  /** Credentials of a writer (the fuzzing sockets) and of a reviewer (the observer). */
  writer: Credentials;
  reviewer: Credentials;
  health(): Promise<{ status: number; ms: number }>;
  /** The room's and the stored document's docState, after a flush. */
  state(): Promise<{ room: string | null; stored: string }>;
}

/** What a run saw. */
export interface FuzzReport {
  seed: number;
  mutations: number;
  /** Messages the server accepted (socket still open after the probe). */
  accepted: number;
  /** Accepted messages that were document updates (sync step 2 or update). */
  acceptedUpdates: number;
  /** Sockets closed by the server, by close code. */
  closedByCode: Record<number, number>;
  socketsOpened: number;
  healthProbes: number;
  maxHealthMs: number;
  elapsedMs: number;
  /** Problems found: each names the seed and the mutation index. */
  failures: string[];
}

/** Options of a run. */
export interface FuzzOptions {
  seed: number;
  mutations: number;
  /** Mutations between health and document checks. */
  batch?: number;
  /** Highest acceptable /api/health latency. */
  maxHealthMs?: number;
  /** Stops at the first failure (tests); otherwise collects them (the CLI). */
  stopOnFailure?: boolean;
}

type Outcome = { closed: false } | { closed: true; code: number };

/** A sync step 1 with an empty state vector: answered only to its sender, in order, after everything before it. */
const PROBE = syncFrame('step1', Y.encodeStateVector(new Y.Doc()));

/** Resolves once `socket` received `count` sync step 2 frames at index ≥ `from`. */
function step2s(socket: SecureRawClient, from: number, count: number): Promise<void> {
  const seen = (): number => socket.frames.slice(from).filter((f) => f.kind === 'step2').length;
  if (seen() >= count) return Promise.resolve();
  return socket.next((f) => f.kind === 'step2', socket.frames.length).then(() => step2s(socket, from, count));
}

/**
 * Sends `bytes` then a probe step 1; resolves with whether the socket
 * survived. Awareness frames cannot serve as the probe's answer: the room
 * also sends them unasked (a departed socket's goodbye). A mutation that is
 * itself a valid step 1 is answered too, so its step 2 is counted.
 */
async function sendAndProbe(socket: SecureRawClient, bytes: Uint8Array): Promise<Outcome> {
  const from = socket.frames.length;
  socket.send(bytes);
  socket.send(PROBE);
  const expected = 1 + (isValidStep1(bytes) ? 1 : 0);
  const answered = step2s(socket, from, expected).then(() => ({ closed: false }) as const);
  const closed = socket.closed.then((c) => ({ closed: true, code: c.code }) as const);
  return Promise.race([answered, closed]);
}

function isValidStep1(bytes: Uint8Array): boolean {
  try {
    const frame = describeFrame(bytes);
    if (frame.kind !== 'step1') return false;
    Y.decodeStateVector(frame.payload);
    return true;
  } catch {
    return false;
  }
}

/** Whether an accepted message is well-formed by the reference decoders; returns a reason if not. */
function referenceCheck(bytes: Uint8Array): { update: boolean; problem: string | null } {
  try {
    const frame = describeFrame(bytes);
    if (frame.kind === 'step1') Y.decodeStateVector(frame.payload);
    else if (frame.kind === 'step2' || frame.kind === 'update') {
      Y.decodeUpdate(frame.payload);
      return { update: true, problem: null };
    } else if (frame.kind === 'awareness') {
      const scratch = new Awareness(new Y.Doc());
      try {
        applyAwarenessUpdate(scratch, frame.payload, null);
      } finally {
        scratch.destroy();
      }
    }
    return { update: false, problem: null };
  } catch (err) {
    return { update: false, problem: `accepted a message the reference decoders reject: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function hex(bytes: Uint8Array): string {
  const shown = Buffer.from(bytes.subarray(0, 48)).toString('hex');
  return bytes.length > 48 ? `${shown}… (${bytes.length} bytes)` : shown;
}

/** Runs the fuzzer against `target` with `corpus`; never throws for findings (they are in `failures`). */
export async function runFuzz(target: FuzzTarget, corpus: readonly Uint8Array[], opts: FuzzOptions): Promise<FuzzReport> {
  const batch = opts.batch ?? 50;
  const maxHealthMs = opts.maxHealthMs ?? 200;
  const gen = prng.create(opts.seed);
  const started = performance.now();
  const report: FuzzReport = {
    seed: opts.seed,
    mutations: 0,
    accepted: 0,
    acceptedUpdates: 0,
    closedByCode: {},
    socketsOpened: 0,
    healthProbes: 0,
    maxHealthMs: 0,
    elapsedMs: 0,
    failures: [],
  };
  const fail = (index: number, what: string): void => {
    report.failures.push(`seed ${opts.seed}, mutation ${index}: ${what}`);
  };

  const observer = await SecureRawClient.open(target.wsUrl, target.episodeId, target.reviewer);
  const observed = new Y.Doc();
  Y.applyUpdate(observed, await observer.requestState(observed));
  const relayFrom = { index: observer.frames.length };
  let socket: SecureRawClient | null = null;
  let last = await target.state();

  const openSocket = async (): Promise<SecureRawClient> => {
    report.socketsOpened += 1;
    const s = await SecureRawClient.open(target.wsUrl, target.episodeId, target.writer);
    const outcome = await sendAndProbe(s, PROBE);
    if (outcome.closed) throw new Error(`a fresh fuzzing socket was closed with ${outcome.code}`);
    return s;
  };

  try {
    for (let index = 0; index < opts.mutations; ) {
      let updatesInBatch = 0;
      for (const end = Math.min(opts.mutations, index + batch); index < end; index++) {
        socket ??= await openSocket();
        const { bytes } = mutate(gen, corpus);
        report.mutations += 1;
        const outcome = await sendAndProbe(socket, bytes);
        if (outcome.closed) {
          report.closedByCode[outcome.code] = (report.closedByCode[outcome.code] ?? 0) + 1;
          socket = null;
          continue;
        }
        report.accepted += 1;
        const check = referenceCheck(bytes);
        if (check.problem) fail(index, `${check.problem} [${hex(bytes)}]`);
        if (check.update) {
          report.acceptedUpdates += 1;
          updatesInBatch += 1;
        }
      }

      const health = await target.health();
      report.healthProbes += 1;
      report.maxHealthMs = Math.max(report.maxHealthMs, health.ms);
      if (health.status !== 200 || health.ms > maxHealthMs) fail(index, `/api/health answered ${health.status} in ${health.ms.toFixed(1)} ms`);

      const now = await target.state();
      if (now.room !== null && now.room !== now.stored) fail(index, 'the stored document differs from the room');
      if (updatesInBatch === 0 && now.stored !== last.stored) fail(index, 'the document changed although no update was accepted');
      // Everything relayed so far has been sent (the room flushed); a probe answered after it marks the end.
      const from = observer.frames.length;
      observer.send(Uint8Array.of(3));
      await observer.next((f) => f.kind === 'awareness', from);
      for (const frame of observer.frames.slice(relayFrom.index)) if (frame.kind === 'update') Y.applyUpdate(observed, frame.payload);
      relayFrom.index = observer.frames.length;
      if (now.room !== null && docState(observed) !== now.room) fail(index, 'what the server relayed differs from the room');
      last = now;
      if (opts.stopOnFailure && report.failures.length > 0) break;
    }
  } finally {
    socket?.close();
    observer.close();
    observed.destroy();
  }
  report.elapsedMs = performance.now() - started;
  return report;
}

/** One line per figure, for logs and the CLI. */
export function formatReport(r: FuzzReport): string {
  const codes = Object.entries(r.closedByCode)
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code}×${n}`)
    .join(' ');
  return [
    `seed ${r.seed}: ${r.mutations} mutations in ${(r.elapsedMs / 1000).toFixed(1)} s`,
    `  accepted ${r.accepted} (of which document updates ${r.acceptedUpdates}), sockets closed ${r.mutations - r.accepted}: ${codes || 'none'}`,
    `  sockets opened ${r.socketsOpened}; /api/health probed ${r.healthProbes}×, max ${r.maxHealthMs.toFixed(1)} ms`,
    `  failures ${r.failures.length}${r.failures.length ? `:\n    ${r.failures.slice(0, 20).join('\n    ')}` : ''}`,
  ].join('\n');
}
