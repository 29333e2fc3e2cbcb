import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { type AwarenessIdentity, newAwarenessIdentity } from './awarenessGate.js';

// A reader this far behind is not coming back in time (the step 2 of the
// largest document we plan for is ~2 MB).
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/**
 * One client socket in a room. It is also the Yjs transaction origin of
 * everything that client sends (STYLE.md habit 5), which is how the room
 * knows whom not to echo an update to.
 */
export class Connection {
  /** Short id for log lines. */
  readonly id = randomUUID().slice(0, 8);
  /** Awareness client ids this socket has announced; removed for everyone when it leaves. */
  readonly awarenessClients = new Set<number>();
  /** The one awareness client id this socket speaks for [AC26]. */
  readonly awareness: AwarenessIdentity = newAwarenessIdentity();
  /** Document updates dropped because the connection is read-only [AC6]. */
  droppedUpdates = 0;
  private alive = true;
  private pingTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly socket: WebSocket,
    /** Read-only connections receive the document but their edits are dropped [AC6]. */
    readonly readOnly = false,
  ) {
    socket.on('pong', () => {
      this.alive = true;
    });
    socket.on('close', () => this.stopPing());
  }

  /** True while frames can still be sent. */
  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  /**
   * Sends one frame; a send error terminates the socket (its close handler
   * then leaves the room). So does a peer that stopped reading: its backlog
   * would otherwise grow without bound; it reconnects and re-syncs.
   */
  send(frame: Uint8Array): void {
    if (!this.open) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.socket.terminate();
      return;
    }
    this.socket.send(frame, { binary: true }, (err) => {
      if (err) this.socket.terminate();
    });
  }

  /** Closes with an application close code (see @loopline/shared/collab CloseCode). */
  close(code: number, reason: string): void {
    this.stopPing();
    if (this.socket.readyState === this.socket.CLOSED || this.socket.readyState === this.socket.CLOSING) return;
    // Close reasons are limited to 123 bytes by RFC 6455.
    this.socket.close(code, reason.slice(0, 120));
  }

  /**
   * Pings every `intervalMs`; a peer that did not answer the previous ping is
   * terminated, so a vanished laptop does not keep its cursor in the room.
   */
  startPing(intervalMs: number): void {
    if (intervalMs <= 0 || this.pingTimer) return;
    this.pingTimer = setInterval(() => {
      if (!this.alive) {
        this.socket.terminate();
        return;
      }
      this.alive = false;
      this.socket.ping();
    }, intervalMs);
    this.pingTimer.unref();
  }

  private stopPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }
}
