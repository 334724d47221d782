import { BackOffStrategy } from './BackOffStrategy.js';
import type { ReconnectContext, ReconnectPolicy } from './ReconnectPolicy.js';

/** Options for {@link DefaultReconnectPolicy}. All durations are in milliseconds. */
export interface DefaultReconnectPolicyOptions {
  /** Retry at once the first time (a short network blip is the common case). Default true. */
  readonly immediateFirstRetry?: boolean;
  /** Ceiling of the first backed-off delay. Default 300. */
  readonly baseDelayMs?: number;
  /**
   * Longest delay between two retries. Default 2 000: when a worker dies, room-service re-places its
   * rooms only once it has missed its heartbeats, and a retry should find that out within ~2 s,
   * not after a long back-off.
   */
  readonly maxDelayMs?: number;
  /** Give up after this many retries. Default 40 (with 2 s delays, `maxElapsedMs` is what ends it). */
  readonly maxRetries?: number;
  /** Give up once the connection has been lost this long. Default 60 000. */
  readonly maxElapsedMs?: number;
  /** Source of randomness in [0, 1) for the jitter. Default `Math.random`. */
  readonly random?: () => number;
}

/**
 * The reconnect policy a room uses unless told otherwise: an immediate first retry, then
 * exponential backoff with full jitter ({@link BackOffStrategy}), giving up after
 * `maxRetries` retries or `maxElapsedMs` since the connection was lost. A delay never
 * reaches past `maxElapsedMs`: the last retry is made at the deadline, not after it.
 */
export class DefaultReconnectPolicy implements ReconnectPolicy {
  readonly immediateFirstRetry: boolean;
  readonly maxRetries: number;
  readonly maxElapsedMs: number;
  private readonly backOff: BackOffStrategy;

  constructor(options: DefaultReconnectPolicyOptions = {}) {
    const { immediateFirstRetry = true, maxRetries = 40, maxElapsedMs = 60_000 } = options;
    if (!Number.isInteger(maxRetries) || maxRetries < 0) {
      throw new RangeError(`maxRetries must be a non-negative integer, got ${maxRetries}`);
    }
    if (Number.isNaN(maxElapsedMs) || maxElapsedMs < 0) {
      throw new RangeError(`maxElapsedMs must be a non-negative number, got ${maxElapsedMs}`);
    }
    this.immediateFirstRetry = immediateFirstRetry;
    this.maxRetries = maxRetries;
    this.maxElapsedMs = maxElapsedMs;
    this.backOff = new BackOffStrategy({
      baseDelayMs: options.baseDelayMs ?? 300,
      maxDelayMs: options.maxDelayMs ?? 2_000,
      ...(options.random ? { random: options.random } : {}),
    });
  }

  nextRetryDelayInMs({ retryCount, elapsedMs }: ReconnectContext): number | null {
    if (!Number.isInteger(retryCount) || retryCount < 0) {
      throw new RangeError(`retryCount must be a non-negative integer, got ${retryCount}`);
    }
    if (Number.isNaN(elapsedMs) || elapsedMs < 0) {
      throw new RangeError(`elapsedMs must be a non-negative number, got ${elapsedMs}`);
    }
    if (retryCount >= this.maxRetries) return null;
    const remainingMs = this.maxElapsedMs - elapsedMs;
    if (remainingMs <= 0) return null;
    if (this.immediateFirstRetry && retryCount === 0) return 0;

    const attempt = this.immediateFirstRetry ? retryCount - 1 : retryCount;
    const delay = this.backOff.delayMs(attempt);
    return delay === null ? null : Math.min(delay, remainingMs);
  }
}
