/**
 * A per-connection message budget [AC25]: two token buckets, one counting
 * messages and one counting bytes, refilled continuously. A connection that
 * spends more than it has is over budget and is closed with 4429; a client
 * reconnects and re-syncs, so the budget only bites a flood, never a
 * typist (who sends tens of small messages a second).
 */

/** The rates and bursts of a budget. */
export interface BudgetLimits {
  messagesPerSecond: number;
  messageBurst: number;
  bytesPerSecond: number;
  byteBurst: number;
}

class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly perSecond: number,
    private readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.at = now;
  }

  take(amount: number, now: number): boolean {
    const elapsed = Math.max(0, now - this.at);
    this.at = now;
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.perSecond) / 1000);
    if (amount > this.tokens) return false;
    this.tokens -= amount;
    return true;
  }
}

/** One connection's budget; `now` is in milliseconds (injectable for tests). */
export class MessageBudget {
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;

  constructor(
    limits: BudgetLimits,
    /** The largest message accepted: the byte burst is never smaller, so one always fits. */
    maxMessageBytes: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    const start = now();
    this.messages = new TokenBucket(limits.messagesPerSecond, limits.messageBurst, start);
    this.bytes = new TokenBucket(limits.bytesPerSecond, Math.max(limits.byteBurst, maxMessageBytes), start);
  }

  /** Spends one message of `bytes`; false once the connection is over budget. */
  spend(bytes: number): boolean {
    const now = this.now();
    // Both buckets are charged even when the first refuses: the connection is closed then anyway.
    const withinCount = this.messages.take(1, now);
    const withinBytes = this.bytes.take(bytes, now);
    return withinCount && withinBytes;
  }
}
