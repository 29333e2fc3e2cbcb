import type { EvidenceAnchor } from '@loopline/shared';
import { anchorIsKnown } from '@loopline/shared/collab';
import * as Y from 'yjs';
import type { CollabLogger } from '../collab/log.js';
import type { Rooms } from '../collab/rooms.js';
import type { Storage } from '../storage/types.js';

/**
 * An episode's current script as a Y.Doc (issue 5): the loaded room's, so
 * edits in progress count, or — when nobody has the episode open — what
 * storage holds, which is then all there is. Reads are synchronous callbacks:
 * a room's document is only borrowed for the call and never kept, so a room
 * that unloads later is not held on to.
 */
export class LiveDocs {
  constructor(
    private readonly storage: Pick<Storage, 'loadDocument'>,
    private readonly rooms: () => Rooms | undefined,
    private readonly log: CollabLogger,
  ) {}

  /** Runs `read` on the episode's current document. */
  async read<T>(episodeId: string, read: (doc: Y.Doc) => T): Promise<T> {
    const room = this.rooms()?.get(episodeId);
    if (room) return read(room.doc);
    const doc = await this.load(episodeId);
    try {
      return read(doc);
    } finally {
      doc.destroy();
    }
  }

  /** The episode's current state as one update (what a revision stores). */
  state(episodeId: string): Promise<Uint8Array> {
    return this.read(episodeId, (doc) => Y.encodeStateAsUpdate(doc));
  }

  /**
   * Whether the episode's document holds what `anchor` points at, waiting up
   * to `timeoutMs` for the room to receive it: a client sends a link right
   * after the keystrokes it quotes, and the two travel on different
   * connections [EV9]. Without a loaded room, storage is all there is.
   */
  async whenKnown(episodeId: string, anchor: EvidenceAnchor, timeoutMs: number): Promise<boolean> {
    const room = this.rooms()?.get(episodeId);
    if (!room) return this.read(episodeId, (doc) => anchorIsKnown(doc, anchor));
    const doc = room.doc;
    if (anchorIsKnown(doc, anchor)) return true;
    return new Promise((resolve) => {
      const done = (known: boolean): void => {
        clearTimeout(timer);
        doc.off('update', onUpdate);
        doc.off('destroy', onDestroy);
        resolve(known);
      };
      const onUpdate = (): void => {
        if (anchorIsKnown(doc, anchor)) done(true);
      };
      const onDestroy = (): void => done(false);
      const timer = setTimeout(() => done(false), timeoutMs);
      doc.on('update', onUpdate);
      doc.on('destroy', onDestroy);
    });
  }

  /**
   * The stored document, read only: unlike a room's load, an update that
   * fails to apply is skipped and logged, not quarantined — a REST read never
   * changes the log (the room quarantines it when it loads).
   */
  private async load(episodeId: string): Promise<Y.Doc> {
    const stored = await this.storage.loadDocument(episodeId);
    const doc = new Y.Doc();
    doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) {
        try {
          Y.applyUpdate(doc, update.data);
        } catch (err) {
          this.log.warn({ err, episodeId, seq: update.seq }, 'evidence: a stored update does not apply; read without it');
        }
      }
    });
    return doc;
  }
}
