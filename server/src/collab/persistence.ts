import { LOAD_ORIGIN } from '@loopline/shared/collab';
import * as Y from 'yjs';
import type { Storage, StoredUpdate } from '../storage/types.js';
import type { CollabLogger } from './log.js';

/**
 * Loading an episode's Yjs document from storage, and compacting its update
 * log into a snapshot. The log is the source of truth; the snapshot is only a
 * shortcut that compaction writes transactionally.
 */

/** An episode document as loaded, with the log bookkeeping compaction needs. */
export interface LoadedDocument {
  doc: Y.Doc;
  /** Highest sequence number of the applied log (0 when the log was empty). */
  lastSeq: number;
  /** Updates and bytes in the log after the snapshot. */
  logUpdates: number;
  logBytes: number;
  /** Sequence numbers moved to quarantine during this load. */
  quarantined: number[];
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

// Applies the log inside one enclosing transaction, so observers and the
// update encoding run once rather than once per stored update (cold-load time
// is dominated by this). Returns the first update that throws, if any.
function applyAll(doc: Y.Doc, updates: StoredUpdate[]): { update: StoredUpdate; err: unknown } | null {
  let failed: { update: StoredUpdate; err: unknown } | null = null;
  doc.transact(() => {
    for (const update of updates) {
      try {
        Y.applyUpdate(doc, update.data, LOAD_ORIGIN);
      } catch (err) {
        failed = { update, err };
        return;
      }
    }
  }, LOAD_ORIGIN);
  return failed;
}

/**
 * Loads snapshot + log into a fresh Y.Doc, every change carrying LOAD_ORIGIN
 * (already stored: never persisted again, never broadcast). A stored update
 * that does not decode or apply is quarantined with a clear log line and the
 * rest still loads [SY6]; a broken snapshot makes the load fail (the room is
 * then unavailable, and nothing is overwritten).
 */
export async function loadEpisodeDocument(storage: Storage, episodeId: string, log: CollabLogger): Promise<LoadedDocument> {
  const stored = await storage.loadDocument(episodeId);
  const quarantined: number[] = [];
  const quarantine = async (update: StoredUpdate, reason: string): Promise<void> => {
    log.error(
      { episodeId, seq: update.seq, bytes: update.data.byteLength, reason },
      `collab: quarantined stored update ${update.seq} of episode ${episodeId}: ${reason}`,
    );
    await storage.quarantineUpdate(episodeId, update.seq, reason);
    quarantined.push(update.seq);
  };

  // Decoding first catches garbage without touching any document.
  let updates: StoredUpdate[] = [];
  for (const update of stored.updates) {
    try {
      Y.decodeUpdate(update.data);
      updates.push(update);
    } catch (err) {
      await quarantine(update, `does not decode (${describe(err)})`);
    }
  }

  // An update can decode and still throw halfway through integration, leaving
  // part of itself in the document; Yjs cannot roll that back. So a failure
  // discards the whole document and rebuilds it without the culprit: what
  // loads is exactly "the stored log minus the quarantine".
  for (;;) {
    const doc = new Y.Doc();
    if (stored.snapshot) {
      try {
        Y.applyUpdate(doc, stored.snapshot, LOAD_ORIGIN);
      } catch (err) {
        doc.destroy();
        log.error({ err, episodeId }, `collab: the stored snapshot of episode ${episodeId} does not apply`);
        throw err;
      }
    }
    const failed = applyAll(doc, updates);
    if (failed === null) {
      if (doc.store.pendingStructs || doc.store.pendingDs) {
        log.warn({ episodeId }, 'collab: stored updates wait for missing dependencies; their content stays hidden until a client supplies them');
      }
      const last = updates[updates.length - 1];
      return {
        doc,
        lastSeq: last ? last.seq : 0,
        logUpdates: updates.length,
        logBytes: updates.reduce((sum, u) => sum + u.data.byteLength, 0),
        quarantined,
      };
    }
    doc.destroy();
    await quarantine(failed.update, `does not apply (${describe(failed.err)})`);
    updates = updates.filter((u) => u !== failed.update);
  }
}

/** Thresholds that trigger compaction. */
export interface CompactionPolicy {
  compactAfterUpdates: number;
  compactAfterBytes: number;
}

/**
 * Bookkeeping of one room's update log: how much sits after the snapshot,
 * and the compaction that folds it into a new snapshot.
 */
export class DocumentLog {
  private lastSeq: number;
  private updates: number;
  private bytes: number;
  private compacting: Promise<void> | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly episodeId: string,
    private readonly policy: CompactionPolicy,
    private readonly log: CollabLogger,
    loaded: Pick<LoadedDocument, 'lastSeq' | 'logUpdates' | 'logBytes'>,
  ) {
    this.lastSeq = loaded.lastSeq;
    this.updates = loaded.logUpdates;
    this.bytes = loaded.logBytes;
  }

  /** Records a committed append. */
  recordAppend(seq: number, bytes: number): void {
    this.lastSeq = seq;
    this.updates += 1;
    this.bytes += bytes;
  }

  /** Updates in the log after the snapshot. */
  get length(): number {
    return this.updates;
  }

  /** Resolves when no compaction is running. */
  get settled(): Promise<void> {
    return this.compacting ?? Promise.resolve();
  }

  /** True when the log has grown past a threshold. */
  get needsCompaction(): boolean {
    return this.updates >= this.policy.compactAfterUpdates || this.bytes >= this.policy.compactAfterBytes;
  }

  /**
   * Writes `doc`'s full state as the snapshot and drops the log up to the last
   * committed append, in one storage transaction [SY7]. The snapshot is taken
   * in the same tick as the sequence number, so it holds every update it
   * replaces (it may hold newer ones too, which are harmless duplicates when
   * their log entries are replayed). A failure leaves the log as it was.
   */
  compact(doc: Y.Doc): Promise<void> {
    if (this.compacting) return this.compacting;
    if (this.updates === 0) return Promise.resolve();
    const upToSeq = this.lastSeq;
    const updates = this.updates;
    const bytes = this.bytes;
    const snapshot = Y.encodeStateAsUpdate(doc);
    this.compacting = this.storage
      .compactDocument(this.episodeId, snapshot, upToSeq)
      .then(
        () => {
          this.updates -= updates;
          this.bytes -= bytes;
          this.log.debug({ episodeId: this.episodeId, upToSeq, updates, snapshotBytes: snapshot.byteLength }, 'collab: compacted');
        },
        (err: unknown) => {
          this.log.error({ err, episodeId: this.episodeId }, 'collab: compaction failed; the update log is intact and is compacted later');
        },
      )
      .finally(() => {
        this.compacting = null;
      });
    return this.compacting;
  }
}
