import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CollabLimits } from '../../../src/collab/limits.js';
import type { MemberRole } from './secureApp.js';

/** A request to the server process (see fixtures/app-server.ts). */
export type ServerRequest = { id: number; cmd: 'memory' } | { id: number; cmd: 'state' };

/** Its answers. */
export type ServerReply =
  | { id: number; memory: NodeJS.MemoryUsage; peak: { heapUsed: number; rss: number }; gc: boolean }
  | { id: number; room: string | null; stored: string }
  | { id: number; error: string };

interface Ready {
  origin: string;
  wsUrl: string;
  episodeId: string;
  cookies: Record<MemberRole | 'outsider', string>;
}

/** The app running in a child process, and how to ask it about itself. */
export interface ServerProcess extends Ready {
  child: ChildProcess;
  /** Resolves with the exit code/signal if the server process dies. */
  exited: Promise<string>;
  /** The server's memory after a full GC, and the peak sampled since the previous call. */
  memory(): Promise<NodeJS.MemoryUsage & { peak: { heapUsed: number; rss: number } }>;
  /** The episode's room state and stored state (after a flush). */
  state(): Promise<{ room: string | null; stored: string }>;
  /** GET /api/health; resolves with its status and latency in ms. */
  health(): Promise<{ status: number; ms: number }>;
  stop(): Promise<void>;
}

const fixture = fileURLToPath(new URL('../fixtures/app-server.ts', import.meta.url));

/** Forks the app server with `limits` overrides; resolves once it listens. */
export async function startServerProcess(limits: Partial<CollabLimits> = {}): Promise<ServerProcess> {
  const child = fork(fixture, [JSON.stringify(limits)], {
    execArgv: ['--expose-gc', '--conditions=source', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(`exit ${code ?? signal}`)));
  const pending = new Map<number, (reply: ServerReply) => void>();
  let nextId = 1;
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.on('message', (message: { ready?: Ready } | ServerReply) => {
      if ('ready' in message && message.ready) resolve(message.ready);
      else if ('id' in message) pending.get(message.id)?.(message);
    });
    void exited.then((how) => reject(new Error(`the server process ended before listening (${how})`)));
  });

  function ask(cmd: ServerRequest['cmd']): Promise<ServerReply> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, (reply) => {
        pending.delete(id);
        if ('error' in reply) reject(new Error(reply.error));
        else resolve(reply);
      });
      void exited.then((how) => reject(new Error(`the server process died (${how})`)));
      child.send({ id, cmd } satisfies ServerRequest);
    });
  }

  return {
    ...ready,
    child,
    exited,
    async memory() {
      const reply = await ask('memory');
      if (!('memory' in reply)) throw new Error('unexpected reply');
      if (!reply.gc) throw new Error('the server process runs without --expose-gc');
      return { ...reply.memory, peak: reply.peak };
    },
    async state() {
      const reply = await ask('state');
      if (!('stored' in reply)) throw new Error('unexpected reply');
      return { room: reply.room, stored: reply.stored };
    },
    async health() {
      const started = performance.now();
      const res = await fetch(`${ready.origin}/api/health`);
      await res.arrayBuffer();
      return { status: res.status, ms: performance.now() - started };
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.disconnect();
      await exited;
    },
  };
}
