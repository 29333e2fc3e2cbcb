import type { CollabLimits } from '../../src/collab/limits.js';

/**
 * The fuzzing server's limits: the per-connection budget out of the way
 * (the fuzzer sends two messages per mutation as fast as the server
 * answers; the budget has its own flood test), everything else as in
 * production.
 */
export const FUZZ_SERVER_LIMITS: Partial<CollabLimits> = {
  messagesPerSecond: 1e9,
  messageBurst: 1e9,
  bytesPerSecond: 1e12,
  byteBurst: 1e12,
};
