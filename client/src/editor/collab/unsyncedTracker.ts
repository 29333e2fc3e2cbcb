import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { messageSync, type WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';

/**
 * Counts local changes the server has not yet acknowledged [ED21].
 *
 * The y-websocket protocol has no acknowledgements, so "sent" is not "stored".
 * We get an honest acknowledgement from message ordering instead: the server
 * answers every SyncStep1 with a SyncStep2 and handles one connection's
 * messages in order, so the SyncStep2 answering a SyncStep1 we sent *after* a
 * change proves the server processed that change. The tracker therefore
 *  1. counts every local update (any origin but the provider and local storage),
 *  2. after the connection handshake (our reply to the server's SyncStep1,
 *     which carries everything made offline) and after each local change,
 *     sends one SyncStep1 "probe" at a time, remembering the count at sending,
 *  3. on the answering SyncStep2 marks everything up to that count acknowledged.
 * Answers are matched to probes first-in first-out; the provider's own
 * SyncStep1 on connect is queued as a probe that acknowledges nothing.
 * The count survives a reload through `store` (the changes themselves survive
 * in IndexedDB), so a reload while offline still shows them as unsynced.
 */
export interface UnsyncedTrackerOptions {
  /** True for updates made on this client (typing, undo, scene-id repair …). */
  isLocal: (origin: unknown) => boolean;
  /** Unacknowledged changes carried over from before a reload. */
  initial?: number;
  /** Called with the new count whenever it changes. */
  onChange: (count: number) => void;
}

/** Queue entry for the provider's own SyncStep1 on connect: it acknowledges nothing. */
const PROVIDER_PROBE = -1;

/** Stops tracking and restores the provider's sync handler. */
export type StopTracking = () => void;

/** Attaches the tracker to a provider and its document. */
export function trackUnsynced(provider: WebsocketProvider, doc: Y.Doc, opts: UnsyncedTrackerOptions): StopTracking {
  let total = opts.initial ?? 0;
  let acked = 0;
  // Per connection: the `total` each outstanding SyncStep1 will acknowledge.
  let probes: number[] = [];
  let handshakeDone = false;
  let probeScheduled = false;
  let stopped = false;

  const report = () => opts.onChange(total - acked);

  const sendProbe = () => {
    probeScheduled = false;
    const ws = provider.ws;
    // One probe of ours in flight at a time: its answer schedules the next one
    // if more changes arrived meanwhile, so fast typing costs one round trip
    // per answer, not per keystroke.
    if (stopped || !handshakeDone || total <= acked || probes.some((p) => p !== PROVIDER_PROBE)) return;
    if (!provider.wsconnected || ws === null || ws.readyState !== ws.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    syncProtocol.writeSyncStep1(encoder, doc);
    probes.push(total);
    ws.send(encoding.toUint8Array(encoder));
  };
  // A microtask lets the provider send the update (or its handshake reply)
  // first, and batches a burst of updates from one task into one probe.
  const scheduleProbe = () => {
    if (probeScheduled) return;
    probeScheduled = true;
    queueMicrotask(sendProbe);
  };

  const original = provider.messageHandlers[messageSync]!;
  provider.messageHandlers[messageSync] = (encoder, decoder, prov, emitSynced, messageType) => {
    const syncType = decoding.peekVarUint(decoder);
    original(encoder, decoder, prov, emitSynced, messageType);
    // emitSynced is false for BroadcastChannel messages from other tabs: those
    // say nothing about what the server has.
    if (!emitSynced || stopped) return;
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      handshakeDone = true;
      scheduleProbe();
    } else if (syncType === syncProtocol.messageYjsSyncStep2) {
      const upTo = probes.shift();
      if (upTo !== undefined && upTo !== PROVIDER_PROBE && upTo > acked) {
        acked = upTo;
        report();
      }
      scheduleProbe();
    }
  };

  const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
    handshakeDone = false;
    // The provider sends its own SyncStep1 right after reporting "connected".
    probes = status === 'connected' ? [PROVIDER_PROBE] : [];
  };
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (!opts.isLocal(origin)) return;
    total += 1;
    report();
    scheduleProbe();
  };

  provider.on('status', onStatus);
  doc.on('update', onUpdate);
  report();
  return () => {
    stopped = true;
    provider.messageHandlers[messageSync] = original;
    provider.off('status', onStatus);
    doc.off('update', onUpdate);
  };
}
