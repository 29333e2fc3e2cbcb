import type { CollabLogger } from '../collab/log.js';
import type { Rooms } from '../collab/rooms.js';
import type { Storage } from '../storage/types.js';
import { LinkStates } from './linkStates.js';
import { LiveDocs } from './liveDoc.js';

export * from './coordination.js';
export * from './diff.js';
export * from './filter.js';
export * from './linkStates.js';
export * from './liveDoc.js';
export * from './snapshot.js';

/** The services the evidence, link and revision routes share. */
export interface EvidenceServices {
  live: LiveDocs;
  linkStates: LinkStates;
  now: () => number;
}

/** One set per app; `rooms` is read lazily (the collab plugin decorates it). */
export function createEvidenceServices(
  storage: Storage,
  opts: { rooms: () => Rooms | undefined; log: CollabLogger; now?: () => number },
): EvidenceServices {
  const now = opts.now ?? Date.now;
  return { live: new LiveDocs(storage, opts.rooms, opts.log), linkStates: new LinkStates(storage, opts.log, now), now };
}
