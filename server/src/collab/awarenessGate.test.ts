import { describe, expect, it } from 'vitest';
import { type AwarenessRoomView, gateAwareness, newAwarenessIdentity } from './awarenessGate.js';
import type { AwarenessEntry } from './protocol.js';

const entry = (clientId: number, clock = 1): AwarenessEntry => ({ clientId, clock, stateJson: '{"user":{"name":"林晚"}}' });

/** A room where `others` are owned by other live connections and `departed` are known but unowned. */
function room(others: number[] = [], departed: number[] = []): AwarenessRoomView {
  return { ownedByOther: (id) => others.includes(id), known: (id) => others.includes(id) || departed.includes(id) };
}

describe('awareness gate', () => {
  it('[AC26] the first id a connection announces becomes its own; only its entries are applied', () => {
    const identity = newAwarenessIdentity();
    const first = gateAwareness([entry(10)], identity, room(), 32);
    expect(first).toMatchObject({ kind: 'accept', claimed: 10, filtered: false });
    expect(identity.ownId).toBe(10);
    const again = gateAwareness([entry(10, 2)], identity, room(), 32);
    expect(again).toMatchObject({ kind: 'accept', claimed: null, filtered: false });
  });

  it("[AC26] echoes of other clients' states (live or departed) are dropped, never applied", () => {
    const identity = newAwarenessIdentity();
    gateAwareness([entry(10)], identity, room([20]), 32);
    const verdict = gateAwareness([entry(20, 5), entry(10, 2), entry(30, 1)], identity, room([20], [30]), 32);
    expect(verdict).toEqual({ kind: 'accept', entries: [entry(10, 2)], filtered: true, claimed: null });
    expect(identity.foreignIds.size).toBe(0);
  });

  it("[AC26] an id another live connection owns is never claimed (no cursor spoofing)", () => {
    const identity = newAwarenessIdentity();
    const verdict = gateAwareness([entry(20), entry(11)], identity, room([20]), 32);
    expect(verdict).toMatchObject({ kind: 'accept', claimed: 11 });
    expect(identity.ownId).toBe(11);
  });

  it('[AC26] unknown ids are dropped up to the cap; one more closes the connection (10,000 fake ids in one message)', () => {
    const identity = newAwarenessIdentity();
    const fake = Array.from({ length: 10_000 }, (_, i) => entry(1000 + i));
    const verdict = gateAwareness(fake, identity, room(), 32);
    expect(verdict.kind).toBe('refuse');
    // Own id + 32 tolerated foreign ids, refused at the 34th entry.
    expect(identity.foreignIds.size).toBe(33);
  });

  it('[AC26] the cap counts distinct ids across messages', () => {
    const identity = newAwarenessIdentity();
    gateAwareness([entry(1)], identity, room(), 3);
    for (const id of [2, 3, 4, 2, 3, 4]) expect(gateAwareness([entry(id)], identity, room(), 3).kind).toBe('accept');
    expect(gateAwareness([entry(5)], identity, room(), 3).kind).toBe('refuse');
  });
});
