import type { EvidenceLink, LinkState } from '@loopline/shared';
import { anchorIsKnown, evaluateLinks } from '@loopline/shared/collab';
import type * as Y from 'yjs';
import type { CollabLogger } from '../collab/log.js';
import type { Rooms } from '../collab/rooms.js';
import type { Storage } from '../storage/types.js';

/**
 * Keeps stored link states in step with the script [EV4]: every time a
 * room stores its canonical snapshot (debounced after edits), the episode's
 * links are evaluated against the room's document with shared's
 * `evaluateLinks` and the states stored. Recomputations of one episode run
 * one after another, so an older evaluation never lands after a newer one.
 */
export class LinkStates {
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly seriesOf = new Map<string, string>();

  constructor(
    private readonly storage: Pick<Storage, 'getEpisode' | 'listLinks' | 'setLinkStates'>,
    private readonly log: CollabLogger,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Recomputes and stores the states of the episode's links on `doc`;
   * resolves with how many changed. Links whose span the document has not
   * received yet keep their state [EV9].
   */
  recompute(episodeId: string, doc: Y.Doc): Promise<number> {
    const previous = this.chains.get(episodeId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.run(episodeId, doc));
    this.chains.set(episodeId, next);
    void next.then(
      () => this.forget(episodeId, next),
      () => this.forget(episodeId, next),
    );
    return next;
  }

  /** Hooks every room the registry loads from now on: states are recomputed after each canonical save. */
  attach(rooms: Rooms): () => void {
    const onLoaded = (episodeId: string): void => {
      const room = rooms.get(episodeId);
      if (room) room.onCanonicalSaved = (doc) => this.recompute(episodeId, doc).then(() => undefined);
    };
    rooms.on('loaded', onLoaded);
    return () => rooms.off('loaded', onLoaded);
  }

  /** The state of each link on `doc`, in order (for links not yet stored, or a read that must not wait). */
  static evaluate(doc: Y.Doc, links: readonly Pick<EvidenceLink, 'anchor' | 'state'>[]): LinkState[] {
    const states = evaluateLinks(
      doc,
      links.map((l) => l.anchor),
    );
    return states.map((state, i) => (anchorIsKnown(doc, links[i]!.anchor) ? state : links[i]!.state));
  }

  private async run(episodeId: string, doc: Y.Doc): Promise<number> {
    let seriesId = this.seriesOf.get(episodeId);
    if (seriesId === undefined) {
      const episode = await this.storage.getEpisode(episodeId);
      if (!episode) return 0;
      seriesId = episode.seriesId;
      this.seriesOf.set(episodeId, seriesId);
    }
    const links = await this.storage.listLinks({ seriesId, episodeId });
    if (links.length === 0) return 0;
    // Evaluated after the read, synchronously: the states are those of the document as it is now.
    const states = LinkStates.evaluate(doc, links);
    const changed = await this.storage.setLinkStates(
      links.map((l, i) => ({ id: l.id, state: states[i]! })),
      new Date(this.now()).toISOString(),
    );
    if (changed > 0) this.log.debug({ episodeId, changed }, 'evidence: link states changed');
    return changed;
  }

  private forget(episodeId: string, chain: Promise<unknown>): void {
    if (this.chains.get(episodeId) === chain) this.chains.delete(episodeId);
  }
}
