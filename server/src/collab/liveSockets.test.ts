import { CloseCode } from '@loopline/shared/collab';
import { describe, expect, it } from 'vitest';
import { type LiveSocket, LiveSockets, type SocketIdentity } from './liveSockets.js';

function socket(identity: Partial<SocketIdentity> = {}): LiveSocket & { closedWith: number | null } {
  const s = {
    identity: { userId: 'u1', sessionId: 's1', seriesId: 'series1', episodeId: 'e1', ...identity },
    closedWith: null as number | null,
    close(code: number) {
      s.closedWith = code;
    },
  };
  return s;
}

describe('live sockets', () => {
  it('[AC7] a session end closes that session\'s sockets with 4401, nobody else\'s', () => {
    const live = new LiveSockets();
    const mine = socket();
    const otherTab = socket({ sessionId: 's2' });
    live.add(mine, live.version);
    live.add(otherTab, live.version);
    expect(live.apply({ kind: 'session-ended', sessionId: 's1' })).toBe(1);
    expect(mine.closedWith).toBe(CloseCode.unauthorized);
    expect(otherTab.closedWith).toBeNull();
    expect(live.size).toBe(1);
  });

  it('[AC7] disabling an account closes all its sessions\' sockets with 4401', () => {
    const live = new LiveSockets();
    const a = socket();
    const b = socket({ sessionId: 's2', episodeId: 'e2' });
    const other = socket({ userId: 'u2', sessionId: 's3' });
    for (const s of [a, b, other]) live.add(s, live.version);
    expect(live.apply({ kind: 'user-disabled', userId: 'u1' })).toBe(2);
    expect([a.closedWith, b.closedWith, other.closedWith]).toEqual([CloseCode.unauthorized, CloseCode.unauthorized, null]);
  });

  it('[AC7] a membership change closes the user\'s sockets in that series only, with 4403', () => {
    const live = new LiveSockets();
    const inSeries = socket();
    const elsewhere = socket({ seriesId: 'series2' });
    const colleague = socket({ userId: 'u2', sessionId: 's2' });
    for (const s of [inSeries, elsewhere, colleague]) live.add(s, live.version);
    live.apply({ kind: 'membership-changed', userId: 'u1', seriesId: 'series1' });
    expect([inSeries.closedWith, elsewhere.closedWith, colleague.closedWith]).toEqual([CloseCode.forbidden, null, null]);
  });

  it('[AC7] a change between authorization and registration closes the socket as it registers', () => {
    const live = new LiveSockets();
    const authorizedAt = live.version;
    live.apply({ kind: 'membership-changed', userId: 'u1', seriesId: 'series1' });
    live.apply({ kind: 'session-ended', sessionId: 'other' });
    const s = socket();
    expect(live.add(s, authorizedAt)).toBe(false);
    expect(s.closedWith).toBe(CloseCode.forbidden);
    const unaffected = socket({ userId: 'u9', sessionId: 's9' });
    expect(live.add(unaffected, authorizedAt)).toBe(true);
  });

  it('[AC7] when too many changes happened to tell, the socket is closed as going away (it reconnects and is re-checked)', () => {
    const live = new LiveSockets();
    const authorizedAt = live.version;
    for (let i = 0; i < 1500; i++) live.apply({ kind: 'session-ended', sessionId: `x${i}` });
    const s = socket();
    expect(live.add(s, authorizedAt)).toBe(false);
    expect(s.closedWith).toBe(CloseCode.goingAway);
  });
});
