import { CloseCode } from '@loopline/shared/collab';
import type { AccessChange } from '../auth/types.js';

/**
 * Revocation of live sync sockets [AC7]: every authorized socket is listed
 * here with whose session and which series it stands for, and an access
 * change closes the sockets it concerns at once (synchronously, in the
 * listener), so a removed member, a changed role, a disabled account or an
 * ended session loses its socket well within a second.
 *
 * A change can also land between the authorization (before the upgrade)
 * and the socket's registration (after it). Changes are therefore numbered
 * and the recent ones kept: a socket registers with the number it was
 * authorized at and is closed at once if a change since then concerns it.
 */

/** Whose socket it is: recorded at authorization [AC7]. */
export interface SocketIdentity {
  userId: string;
  sessionId: string;
  seriesId: string;
  episodeId: string;
}

/** A registered socket: its identity and how to close it. */
export interface LiveSocket {
  identity: SocketIdentity;
  close(code: number, reason: string): void;
}

/** How a change closes a socket it concerns. */
export interface Revocation {
  code: number;
  reason: string;
}

/**
 * Whether `change` concerns a socket of `identity`, and how to close it:
 * 4401 when the session or account is gone (sign in again), 4403 when the
 * membership changed (the client reloads its rights; the next upgrade is
 * refused with 404 if the user is no longer a member, or gets the new
 * role's rights).
 */
export function revocationFor(change: AccessChange, identity: SocketIdentity): Revocation | null {
  switch (change.kind) {
    case 'session-ended':
      return change.sessionId === identity.sessionId ? { code: CloseCode.unauthorized, reason: 'session ended' } : null;
    case 'user-disabled':
      return change.userId === identity.userId ? { code: CloseCode.unauthorized, reason: 'account disabled' } : null;
    case 'membership-changed':
      return change.userId === identity.userId && change.seriesId === identity.seriesId
        ? { code: CloseCode.forbidden, reason: 'membership changed' }
        : null;
  }
}

// Long enough for any upgrade in flight (they take milliseconds).
const RECENT_CHANGES = 1_000;

/** The registry of live sockets, fed by AccessService.onChange. */
export class LiveSockets {
  private readonly sockets = new Set<LiveSocket>();
  private readonly recent: { seq: number; change: AccessChange }[] = [];
  private seq = 0;

  /** The number of the latest change; record it at authorization, pass it to `add`. */
  get version(): number {
    return this.seq;
  }

  /** Live sockets (diagnostics and tests). */
  get size(): number {
    return this.sockets.size;
  }

  /**
   * Registers a socket authorized at `version`. If a change since then
   * concerns it, it is closed right away (and not registered); if too many
   * changes happened to tell, it is closed as going away (the client
   * reconnects and is authorized afresh). Returns false when closed.
   */
  add(socket: LiveSocket, version: number): boolean {
    const oldest = this.recent[0]?.seq ?? this.seq + 1;
    if (version + 1 < oldest) {
      socket.close(CloseCode.goingAway, 'access changed; reconnect');
      return false;
    }
    for (const { seq, change } of this.recent) {
      if (seq <= version) continue;
      const revocation = revocationFor(change, socket.identity);
      if (revocation) {
        socket.close(revocation.code, revocation.reason);
        return false;
      }
    }
    this.sockets.add(socket);
    return true;
  }

  /** Forgets a socket (it closed). */
  remove(socket: LiveSocket): void {
    this.sockets.delete(socket);
  }

  /** Closes every socket `change` concerns; returns how many. */
  apply(change: AccessChange): number {
    this.seq += 1;
    this.recent.push({ seq: this.seq, change });
    if (this.recent.length > RECENT_CHANGES) this.recent.shift();
    let closed = 0;
    for (const socket of [...this.sockets]) {
      const revocation = revocationFor(change, socket.identity);
      if (!revocation) continue;
      this.sockets.delete(socket);
      socket.close(revocation.code, revocation.reason);
      closed += 1;
    }
    return closed;
  }
}
