/** Options for {@link BackOffStrategy}. All delays are in milliseconds. */
export interface BackOffOptions {
  /** Ceiling of the first attempt's delay; doubles with every attempt. Default 500. */
  readonly baseDelayMs?: number;
  /** No delay is ever longer than this. Default 30 000. */
  readonly maxDelayMs?: number;
  /** How many attempts get a delay; {@link BackOffStrategy.delayMs} returns null after that. Default unlimited. */
  readonly maxAttempts?: number;
  /** Source of randomness in [0, 1). Default `Math.random`; inject a fixed one in tests. */
  readonly random?: () => number;
}

/**
 * Exponential backoff with "full jitter": the delay before attempt `n` (0-based) is drawn
 * uniformly from `[0, min(maxDelayMs, baseDelayMs * 2^n)]`. Spreading retries over the whole
 * window keeps many clients that lost the same server from coming back in lockstep.
 *
 * Stateless: the caller counts attempts.
 */
export class BackOffStrategy {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxAttempts: number;
  private readonly random: () => number;

  constructor(options: BackOffOptions = {}) {
    const { baseDelayMs = 500, maxDelayMs = 30_000, maxAttempts = Number.POSITIVE_INFINITY } = options;
    if (!Number.isFinite(baseDelayMs) || baseDelayMs <= 0) {
      throw new RangeError(`baseDelayMs must be a positive number, got ${baseDelayMs}`);
    }
    if (!Number.isFinite(maxDelayMs) || maxDelayMs < baseDelayMs) {
      throw new RangeError(`maxDelayMs must be a number >= baseDelayMs (${baseDelayMs}), got ${maxDelayMs}`);
    }
    if (!(Number.isInteger(maxAttempts) || maxAttempts === Number.POSITIVE_INFINITY) || maxAttempts < 0) {
      throw new RangeError(`maxAttempts must be a non-negative integer or Infinity, got ${maxAttempts}`);
    }
    this.baseDelayMs = baseDelayMs;
    this.maxDelayMs = maxDelayMs;
    this.maxAttempts = maxAttempts;
    this.random = options.random ?? Math.random;
  }

  /** The upper bound of the delay before attempt `attempt` (0-based), before jitter. */
  ceilingMs(attempt: number): number {
    assertAttempt(attempt);
    // 2 ** attempt overflows to Infinity for large attempts; min() then yields maxDelayMs.
    return Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** attempt);
  }

  /**
   * The jittered delay before attempt `attempt` (0-based), a whole number of milliseconds
   * in `[0, ceilingMs(attempt)]`, or null once `attempt >= maxAttempts`.
   */
  delayMs(attempt: number): number | null {
    assertAttempt(attempt);
    if (attempt >= this.maxAttempts) return null;
    const r = this.random();
    const unit = Number.isNaN(r) ? 0 : Math.min(Math.max(r, 0), 1);
    return Math.floor(unit * this.ceilingMs(attempt));
  }
}

function assertAttempt(attempt: number): void {
  if (!Number.isInteger(attempt) || attempt < 0) {
    throw new RangeError(`attempt must be a non-negative integer, got ${attempt}`);
  }
}
