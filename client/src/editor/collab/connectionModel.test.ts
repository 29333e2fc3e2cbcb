import { describe, expect, it } from 'vitest';
import {
  type ConnectionEvent,
  type ConnectionState,
  initialConnectionState,
  OFFLINE_AFTER_FAILED_ATTEMPTS,
  reduceConnection,
} from './connectionModel.js';

const run = (events: ConnectionEvent[], start: ConnectionState = initialConnectionState()) =>
  events.reduce(reduceConnection, start);

describe('connection state model', () => {
  it('[ED20] starts connecting and becomes connected once synced', () => {
    expect(initialConnectionState().status).toBe('connecting');
    expect(run([{ type: 'attempt' }, { type: 'synced' }]).status).toBe('connected');
  });

  it('[ED20] losing a synced connection shows reconnecting, then offline after repeated failures', () => {
    let s = run([{ type: 'synced' }, { type: 'lost' }]);
    expect(s.status).toBe('reconnecting');
    for (let i = 0; i < OFFLINE_AFTER_FAILED_ATTEMPTS; i++) s = run([{ type: 'attempt' }, { type: 'lost' }], s);
    expect(s.status).toBe('offline');
    s = run([{ type: 'attempt' }, { type: 'synced' }], s);
    expect(s.status).toBe('connected');
    expect(s.failedAttempts).toBe(0);
  });

  it('[ED20] a first load that never reaches the server ends offline, keeping the unsynced count', () => {
    let s = initialConnectionState(4);
    for (let i = 0; i < OFFLINE_AFTER_FAILED_ATTEMPTS; i++) s = run([{ type: 'attempt' }, { type: 'lost' }], s);
    expect(s).toMatchObject({ status: 'offline', unsynced: 4 });
  });

  it('[ED20] the browser going offline shows offline at once', () => {
    const s = run([{ type: 'synced' }, { type: 'browser', online: false }]);
    expect(s.status).toBe('offline');
    expect(run([{ type: 'browser', online: true }], s).status).toBe('connected');
  });

  it('[ED22] a terminal close stays offline with its reason', () => {
    const s = run([{ type: 'synced' }, { type: 'terminal', code: 4403, reason: 'forbidden' }, { type: 'lost' }]);
    expect(s.status).toBe('offline');
    expect(s.closed).toEqual({ code: 4403, reason: 'forbidden' });
  });

  it('[ED20] returns the same object when an event changes nothing', () => {
    const s = run([{ type: 'synced' }]);
    expect(reduceConnection(s, { type: 'unsynced', count: 0 })).toBe(s);
    expect(reduceConnection(s, { type: 'attempt' })).toBe(s);
  });
});
