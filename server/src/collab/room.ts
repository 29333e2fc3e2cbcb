import type { Language } from '@loopline/shared';
import { CloseCode, isServerOrigin, repairSceneIds } from '@loopline/shared/collab';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { deriveCanonical } from '../documents/canonical.js';
import type { Storage } from '../storage/types.js';
import { gateAwareness } from './awarenessGate.js';
import { CanonicalSaver } from './canonicalSaver.js';
import { Connection } from './connection.js';
import type { CollabLimits } from './limits.js';
import type { CollabLogger } from './log.js';
import { Outbox } from './outbox.js';
import { DocumentLog, type LoadedDocument, loadEpisodeDocument } from './persistence.js';
import {
  type AwarenessEntry,
  type ClientMessage,
  type DecodeLimits,
  decodeClientMessage,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from './protocol.js';

/** What a room needs to exist. */
export interface RoomOptions {
  episodeId: string;
  storage: Storage;
  limits: CollabLimits;
  log: CollabLogger;
  /** Called once if the room's memory can no longer be trusted; the registry discards it. */
  onFailed?: (room: Room) => void;
}

/** Thrown by Room.load for an episode that does not exist. */
export class EpisodeNotFoundError extends Error {
  constructor(readonly episodeId: string) {
    super(`no episode ${episodeId}`);
    this.name = 'EpisodeNotFoundError';
  }
}

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

/**
 * One episode being edited: its Y.Doc, its awareness, its connections, and
 * the ordered outbox through which every change is stored before anyone else
 * sees it. Lifecycle (after Hocuspocus): load → join/receive/leave → (idle and
 * saved) unload, or shutdown with the server.
 */
export class Room {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly connections = new Set<Connection>();
  /** Which connection speaks for which awareness client id [AC26]. */
  private readonly awarenessOwners = new Map<number, Connection>();
  private readonly decodeLimits: DecodeLimits;
  private readonly readOnlyDecodeLimits: DecodeLimits;
  private readonly outbox: Outbox;
  private readonly docLog: DocumentLog;
  private readonly canonical: CanonicalSaver;
  /** While a client update is being applied, the updates it produced (see applyClientUpdate). */
  private capture: Uint8Array[] | null = null;
  private state: 'open' | 'closing' | 'failed' | 'closed' = 'open';
  /** Called after each canonical snapshot is stored (set by the evidence link-state service, issue 5). */
  onCanonicalSaved: ((doc: Y.Doc) => Promise<void>) | null = null;

  /** Loads an episode's document from storage and opens a room on it. */
  static async load(opts: RoomOptions): Promise<Room> {
    const episode = await opts.storage.getEpisode(opts.episodeId);
    if (!episode) throw new EpisodeNotFoundError(opts.episodeId);
    const loaded = await loadEpisodeDocument(opts.storage, opts.episodeId, opts.log);
    const room = new Room(opts, episode.language, loaded);
    // Off the load path (it parses the stored JSON): a missing canonical snapshot is derived soon after.
    opts.storage.getCanonical(opts.episodeId).then(
      (canonical) => canonical === null && room.canonical.markDirty(),
      (err: unknown) => opts.log.warn({ err, episodeId: opts.episodeId }, 'collab: reading the canonical snapshot failed'),
    );
    // Stored documents written before a repair (or by an old client) are fixed once on load.
    room.repairSceneIds();
    if (room.docLog.needsCompaction) void room.docLog.compact(room.doc);
    return room;
  }

  private constructor(
    private readonly opts: RoomOptions,
    language: Language,
    loaded: LoadedDocument,
  ) {
    const { episodeId, storage, limits, log } = opts;
    this.decodeLimits = { ...limits, verifyUpdates: true };
    this.readOnlyDecodeLimits = { ...limits, verifyUpdates: false };
    this.doc = loaded.doc;
    this.awareness = new Awareness(this.doc);
    // The server is not a participant: it relays awareness but has no state of its own.
    this.awareness.setLocalState(null);
    this.docLog = new DocumentLog(storage, episodeId, limits, log, loaded);
    this.outbox = new Outbox({
      append: (update) => storage.appendUpdate(episodeId, update),
      onAppended: (seq, bytes) => {
        this.docLog.recordAppend(seq, bytes);
        if (this.state === 'open' && this.docLog.needsCompaction) void this.docLog.compact(this.doc);
      },
      retryInitialMs: limits.appendRetryInitialMs,
      retryMaxMs: limits.appendRetryMaxMs,
      log,
      label: episodeId,
    });
    this.canonical = new CanonicalSaver({
      save: async () => {
        await storage.saveCanonical(deriveCanonical(episodeId, this.doc, language));
        // Issue 5: evidence link states follow the script on this same debounce (not per keystroke), and
        // flush() resolves with them current. Its failure is logged here: it must never fail or retry the save.
        await this.onCanonicalSaved?.(this.doc).catch((err: unknown) => log.error({ err, episodeId }, 'collab: after-save hook failed'));
      },
      debounceMs: limits.canonicalDebounceMs,
      maxWaitMs: limits.canonicalMaxWaitMs,
      log,
      label: episodeId,
    });
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** The episode this room edits. */
  get episodeId(): string {
    return this.opts.episodeId;
  }

  /** Updates stored after the last snapshot (for tests and diagnostics). */
  get logLength(): number {
    return this.docLog.length;
  }

  /** True when every change is stored and delivered and the canonical snapshot is current. */
  get saved(): boolean {
    return this.outbox.idle && this.canonical.clean;
  }

  /** Adds a connection and opens the sync: the server's step 1, then everyone's awareness. */
  join(conn: Connection): void {
    if (this.state !== 'open') throw new Error(`room ${this.episodeId} is ${this.state}`);
    this.connections.add(conn);
    conn.send(encodeSyncStep1(this.doc));
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length > 0) conn.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, clients)));
    conn.startPing(this.opts.limits.pingIntervalMs);
  }

  /** Removes a connection and, for everyone else, the awareness states it announced [SY5]. */
  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    const own = conn.awareness.ownId;
    if (own !== null && this.awarenessOwners.get(own) === conn) this.awarenessOwners.delete(own);
    if (this.state === 'closed') return;
    removeAwarenessStates(this.awareness, [...conn.awarenessClients], null);
  }

  /** Handles one frame from `conn`. A frame that fails to decode or apply closes that socket [SY8]. */
  receive(conn: Connection, frame: Uint8Array): void {
    if (this.state !== 'open' || !this.connections.has(conn)) return;
    let message: ClientMessage;
    try {
      message = decodeClientMessage(frame, conn.readOnly ? this.readOnlyDecodeLimits : this.decodeLimits);
    } catch (err) {
      this.reject(conn, err);
      return;
    }
    switch (message.type) {
      case 'syncStep1': {
        // Computed now, delivered once every update applied before it is
        // stored: a step 2 never carries content a crash could lose [SY1].
        const update = Y.encodeStateAsUpdate(this.doc, message.stateVector);
        this.outbox.deliver(() => conn.send(encodeSyncStep2(update)));
        return;
      }
      case 'syncStep2':
      case 'update':
        if (conn.readOnly) {
          // Never decoded, applied, relayed or stored; the client still got the document [AC6].
          conn.droppedUpdates += 1;
          this.opts.log.debug(
            { episodeId: this.episodeId, connection: conn.id, dropped: conn.droppedUpdates },
            'collab: dropped an update from a read-only connection',
          );
          return;
        }
        this.applyClientUpdate(conn, message.update);
        return;
      case 'awareness':
        this.receiveAwareness(conn, message.update, message.entries);
        return;
      case 'queryAwareness': {
        const clients = [...this.awareness.getStates().keys()];
        conn.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, clients)));
        return;
      }
      case 'auth':
        return;
    }
  }

  /**
   * Applies the entries of an awareness update that speak for `conn`'s own
   * client id and drops the rest; too many unknown ids close it [AC26].
   */
  private receiveAwareness(conn: Connection, update: Uint8Array, entries: AwarenessEntry[]): void {
    const verdict = gateAwareness(
      entries,
      conn.awareness,
      {
        ownedByOther: (id) => {
          const owner = this.awarenessOwners.get(id);
          return owner !== undefined && owner !== conn;
        },
        known: (id) => this.awareness.meta.has(id),
      },
      this.opts.limits.maxForeignAwarenessIds,
    );
    if (verdict.kind === 'refuse') {
      this.reject(conn, new Error(verdict.reason));
      return;
    }
    if (verdict.claimed !== null) this.awarenessOwners.set(verdict.claimed, conn);
    if (verdict.entries.length === 0) return;
    try {
      applyAwarenessUpdate(this.awareness, verdict.filtered ? encodeAwarenessEntries(verdict.entries) : update, conn);
    } catch (err) {
      this.reject(conn, err);
    }
  }

  /**
   * Resolves when everything received so far is stored and delivered, the
   * canonical snapshot is saved and no compaction is running.
   */
  async flush(): Promise<void> {
    await this.outbox.whenIdle();
    await this.canonical.flush();
    await this.docLog.settled;
  }

  /**
   * Idle unload (no connections, everything saved): final canonical save and
   * compaction, then the memory is released.
   */
  async unload(): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'closing';
    await this.finish(this.opts.limits.shutdownFlushMs);
  }

  /** Server shutdown: closes every connection (clients reconnect later), then saves and releases. */
  async shutdown(): Promise<void> {
    if (this.state === 'closing' || this.state === 'closed') return;
    const failed = this.state === 'failed';
    this.state = 'closing';
    for (const conn of this.connections) conn.close(CloseCode.goingAway, 'server shutting down');
    if (failed) {
      await this.outbox.drain(this.opts.limits.shutdownFlushMs);
      this.destroy();
      return;
    }
    await this.finish(this.opts.limits.shutdownFlushMs);
  }

  /** After a failure: stores what was queued before it, then releases the room without compacting. */
  async discard(): Promise<void> {
    await this.outbox.drain(this.opts.limits.shutdownFlushMs);
    this.destroy();
  }

  private async finish(deadlineMs: number): Promise<void> {
    await this.outbox.drain(deadlineMs);
    await this.canonical.flush();
    await this.docLog.compact(this.doc);
    this.destroy();
  }

  private destroy(): void {
    this.state = 'closed';
    this.canonical.stop();
    this.connections.clear();
    this.awareness.off('update', this.onAwarenessUpdate);
    this.doc.off('update', this.onDocUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  /**
   * Applies a client's update with the connection as origin. The updates Yjs
   * emits for it are captured and only queued if the whole apply succeeded;
   * if it threw halfway, part of it may already sit in memory and Yjs cannot
   * undo that, so the room is failed and reloaded from storage (clients
   * reconnect and re-sync) rather than store or relay a half-applied change.
   */
  private applyClientUpdate(conn: Connection, update: Uint8Array): void {
    const produced: Uint8Array[] = [];
    this.capture = produced;
    let error: unknown = null;
    try {
      Y.applyUpdate(this.doc, update, conn);
    } catch (err) {
      error = err;
    } finally {
      this.capture = null;
    }
    if (error !== null) {
      this.reject(conn, error);
      if (produced.length > 0) this.fail('a client update failed halfway through applying');
      return;
    }
    for (const u of produced) this.store(u, conn);
    this.repairSceneIds();
    this.boundPending(conn);
  }

  /**
   * Content waiting for something the room does not have (Yjs keeps it in
   * memory, unapplied) is bounded [AC27]: past `maxPendingBytes` it is
   * discarded, which loses nothing (it was never applied, stored or relayed;
   * a real client re-sends it in its next sync) and the sender is closed.
   */
  private boundPending(conn: Connection): void {
    const { pendingStructs, pendingDs } = this.doc.store;
    const bytes = (pendingStructs?.update.byteLength ?? 0) + (pendingDs?.byteLength ?? 0);
    if (bytes <= this.opts.limits.maxPendingBytes) return;
    this.doc.store.pendingStructs = null;
    this.doc.store.pendingDs = null;
    this.reject(conn, new Error(`${bytes} bytes of updates wait for missing content`));
  }

  // Deterministic, so a client repairing the same duplicate writes the same
  // ids and the two converge [SY9]. The repair carries its own origin and is
  // stored and relayed to everyone, the sender included.
  private repairSceneIds(): void {
    repairSceneIds(this.doc);
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    // Loaded content is already stored (typed origin: persistence follows it).
    if (isServerOrigin(origin) && origin.kind === 'load') return;
    if (this.capture) {
      this.capture.push(update);
      return;
    }
    this.store(update, origin instanceof Connection ? origin : null);
  };

  // Append, then relay to every connection but the sender [SY1][SY2].
  private store(update: Uint8Array, sender: Connection | null): void {
    this.outbox.append(update, () => {
      const frame = encodeUpdate(update);
      for (const conn of this.connections) if (conn !== sender) conn.send(frame);
    });
    this.canonical.markDirty();
  }

  private readonly onAwarenessUpdate = ({ added, updated, removed }: AwarenessChange, origin: unknown): void => {
    const sender = origin instanceof Connection ? origin : null;
    if (sender) {
      for (const id of added) sender.awarenessClients.add(id);
      for (const id of updated) sender.awarenessClients.add(id);
      for (const id of removed) sender.awarenessClients.delete(id);
    }
    const changed = [...added, ...updated, ...removed];
    const frame = encodeAwareness(encodeAwarenessUpdate(this.awareness, changed));
    for (const conn of this.connections) if (conn !== sender) conn.send(frame);
  };

  private reject(conn: Connection, err: unknown): void {
    this.opts.log.warn(
      { episodeId: this.episodeId, connection: conn.id, err: err instanceof Error ? err.message : String(err) },
      'collab: message failed to decode or apply; closing the connection',
    );
    conn.close(CloseCode.malformed, 'malformed message');
  }

  private fail(reason: string): void {
    if (this.state !== 'open') return;
    this.state = 'failed';
    this.opts.log.error({ episodeId: this.episodeId, reason }, 'collab: room failed; reloading it from storage');
    this.canonical.stop();
    for (const conn of this.connections) conn.close(CloseCode.unavailable, 'room reloading');
    this.opts.onFailed?.(this);
  }
}
