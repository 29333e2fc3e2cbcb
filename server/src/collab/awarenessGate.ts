import type { AwarenessEntry } from './protocol.js';

/**
 * One awareness client id per connection [AC26]. A connection's own id is
 * the first id it announces that no other live connection owns; only
 * entries for that id are ever applied, so nobody can move another
 * writer's cursor or fill the room with fake presences.
 *
 * Entries for other ids are dropped, not refused: an unmodified
 * WebsocketProvider re-sends every awareness change it applies, including
 * the other clients' states the server just relayed to it (echoes) and,
 * in a browser, the states of its sibling tabs received over
 * BroadcastChannel before those tabs' own sockets announced them. Echoes
 * name ids the room knows; a sibling tab's id is unknown for a moment. So
 * a connection may relay up to `maxForeignIds` distinct unknown ids (all
 * dropped); the next one closes it, which is where a flood of fake ids
 * ends.
 */

/** A connection's awareness identity (kept on the Connection). */
export interface AwarenessIdentity {
  /** The one client id this connection speaks for; null until it announces one. */
  ownId: number | null;
  /** Unknown ids it relayed (dropped), counted against `maxForeignIds`. */
  readonly foreignIds: Set<number>;
}

/** What the room knows about awareness ids. */
export interface AwarenessRoomView {
  /** True when another live connection owns `clientId`. */
  ownedByOther(clientId: number): boolean;
  /** True when the room has ever seen `clientId` (its awareness keeps a clock per id). */
  known(clientId: number): boolean;
}

/** The gate's verdict on one awareness update. */
export type AwarenessVerdict =
  | {
      kind: 'accept';
      /** The entries to apply (the connection's own id only); may be empty. */
      entries: AwarenessEntry[];
      /** True when entries were dropped (re-encode before applying). */
      filtered: boolean;
      /** An id claimed by this update as the connection's own, or null. */
      claimed: number | null;
    }
  | { kind: 'refuse'; reason: string };

/** A new, empty identity. */
export function newAwarenessIdentity(): AwarenessIdentity {
  return { ownId: null, foreignIds: new Set() };
}

/**
 * Judges one awareness update from a connection; updates `identity` (the
 * claimed id, unknown ids seen). Pure apart from that.
 */
export function gateAwareness(
  entries: readonly AwarenessEntry[],
  identity: AwarenessIdentity,
  room: AwarenessRoomView,
  maxForeignIds: number,
): AwarenessVerdict {
  const kept: AwarenessEntry[] = [];
  let claimed: number | null = null;
  for (const entry of entries) {
    const id = entry.clientId;
    if (id === identity.ownId) {
      kept.push(entry);
      continue;
    }
    if (room.ownedByOther(id)) continue;
    if (identity.ownId === null) {
      identity.ownId = id;
      claimed = id;
      kept.push(entry);
      continue;
    }
    if (room.known(id)) continue;
    identity.foreignIds.add(id);
    if (identity.foreignIds.size > maxForeignIds) {
      return { kind: 'refuse', reason: `awareness for more than ${maxForeignIds} foreign client ids` };
    }
  }
  return { kind: 'accept', entries: kept, filtered: kept.length !== entries.length, claimed };
}
