import { EventEmitter } from 'node:events';
import type { Storage } from '../storage/types.js';
import type { Connection } from './connection.js';
import type { CollabLimits } from './limits.js';
import type { CollabLogger } from './log.js';
import { Room } from './room.js';

/** What the registry needs. */
export interface RoomsOptions {
  storage: Storage;
  limits: CollabLimits;
  log: CollabLogger;
}

/** Events for tests, benchmarks and diagnostics. */
export interface RoomsEvents {
  loaded: [episodeId: string];
  /** A connection left; `remaining` connections are still in the room. */
  left: [episodeId: string, remaining: number];
  unloaded: [episodeId: string];
}

/** Thrown to joiners once the server is shutting down. */
export class RoomsClosedError extends Error {
  constructor() {
    super('the sync server is shutting down');
    this.name = 'RoomsClosedError';
  }
}

type Entry =
  | { state: 'loading'; promise: Promise<Room> }
  | { state: 'ready'; room: Room; idleTimer: NodeJS.Timeout | null }
  | { state: 'unloading'; promise: Promise<void> };

/**
 * The registry of open rooms, one per episode. Concurrent joins of a cold
 * episode share one load [SY3]; a room unloads only after `idleUnloadMs`
 * with no connections and nothing unsaved [SY11]; a join that arrives while
 * a room is unloading waits and then loads the saved state afresh.
 */
export class Rooms extends EventEmitter<RoomsEvents> {
  private readonly entries = new Map<string, Entry>();
  private closing: Promise<void> | null = null;

  constructor(private readonly opts: RoomsOptions) {
    super();
  }

  /** The loaded room of an episode, if any. */
  get(episodeId: string): Room | undefined {
    const entry = this.entries.get(episodeId);
    return entry?.state === 'ready' ? entry.room : undefined;
  }

  /** Number of episodes loaded, loading or unloading. */
  get size(): number {
    return this.entries.size;
  }

  /** Loads the episode's room if needed and adds `conn` to it. */
  async join(episodeId: string, conn: Connection): Promise<Room> {
    for (;;) {
      if (this.closing) throw new RoomsClosedError();
      const entry = this.entries.get(episodeId) ?? this.startLoad(episodeId);
      if (entry.state !== 'ready') {
        await entry.promise;
        continue;
      }
      this.clearIdle(entry);
      entry.room.join(conn);
      return entry.room;
    }
  }

  /** Removes `conn` from `room`; an emptied room starts its idle countdown. */
  leave(room: Room, conn: Connection): void {
    room.leave(conn);
    this.emit('left', room.episodeId, room.connections.size);
    if (room.connections.size === 0) this.scheduleIdle(room);
  }

  /** Shutdown: closes every connection and saves and releases every room. Idempotent. */
  closeAll(): Promise<void> {
    this.closing ??= this.closeEverything();
    return this.closing;
  }

  private async closeEverything(): Promise<void> {
    const pending: Promise<unknown>[] = [];
    for (const [episodeId, entry] of this.entries) {
      if (entry.state === 'ready') {
        this.clearIdle(entry);
        pending.push(this.release(episodeId, entry.room, entry.room.shutdown()));
      } else if (entry.state === 'loading') {
        pending.push(entry.promise.then((room) => this.release(episodeId, room, room.shutdown())).catch(() => {}));
      } else {
        pending.push(entry.promise);
      }
    }
    await Promise.all(pending);
  }

  private startLoad(episodeId: string): Entry {
    const { storage, limits, log } = this.opts;
    const promise = Room.load({ episodeId, storage, limits, log, onFailed: (room) => this.onFailed(room) }).then(
      (room) => {
        this.entries.set(episodeId, { state: 'ready', room, idleTimer: null });
        this.emit('loaded', episodeId);
        // Joiners add themselves right after this; if they all left meanwhile, the room still idles out.
        this.scheduleIdle(room);
        return room;
      },
      (err: unknown) => {
        this.entries.delete(episodeId);
        throw err;
      },
    );
    // Joiners await the promise and see the error; this only silences the
    // unhandled-rejection report when nobody is waiting any more.
    promise.catch(() => {});
    const entry: Entry = { state: 'loading', promise };
    this.entries.set(episodeId, entry);
    return entry;
  }

  private scheduleIdle(room: Room): void {
    const entry = this.entries.get(room.episodeId);
    if (entry?.state !== 'ready' || entry.room !== room || this.closing) return;
    this.clearIdle(entry);
    entry.idleTimer = setTimeout(() => {
      entry.idleTimer = null;
      void this.unloadIfIdle(room);
    }, this.opts.limits.idleUnloadMs);
    entry.idleTimer.unref();
  }

  private clearIdle(entry: Extract<Entry, { state: 'ready' }>): void {
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = null;
  }

  // The room stays joinable while it saves; it is only committed to
  // unloading once it is still empty and fully saved afterwards.
  private async unloadIfIdle(room: Room): Promise<void> {
    await room.flush();
    const entry = this.entries.get(room.episodeId);
    if (entry?.state !== 'ready' || entry.room !== room || this.closing) return;
    if (room.connections.size > 0) return;
    if (!room.saved) {
      this.scheduleIdle(room);
      return;
    }
    this.clearIdle(entry);
    void this.release(room.episodeId, room, room.unload());
  }

  private onFailed(room: Room): void {
    const entry = this.entries.get(room.episodeId);
    if (entry?.state !== 'ready' || entry.room !== room) return;
    this.clearIdle(entry);
    void this.release(room.episodeId, room, room.discard());
  }

  // Marks the episode as unloading until `done` settles, then forgets it.
  private release(episodeId: string, room: Room, done: Promise<void>): Promise<void> {
    const promise = done
      .catch((err: unknown) => this.opts.log.error({ err, episodeId }, 'collab: error while closing a room'))
      .finally(() => {
        const current = this.entries.get(episodeId);
        if (current?.state === 'unloading' && current.promise === promise) this.entries.delete(episodeId);
        this.emit('unloaded', episodeId);
      });
    const current = this.entries.get(episodeId);
    if (current?.state === 'ready' && current.room === room) this.entries.set(episodeId, { state: 'unloading', promise });
    return promise;
  }
}
