/** What a {@link ReconnectPolicy} knows when asked for the next retry. */
export interface ReconnectContext {
  /** Retries already made since the connection was lost (0 before the first retry). */
  readonly retryCount: number;
  /** Milliseconds since the connection was lost. */
  readonly elapsedMs: number;
  /** Why the last attempt failed, when known. */
  readonly retryReason?: Error;
}

/** Decides whether and when a lost connection is retried. */
export interface ReconnectPolicy {
  /** Milliseconds to wait before the next retry, or null to give up and disconnect. */
  nextRetryDelayInMs(context: ReconnectContext): number | null;
}
