import type { FieldError, Problem } from './Problem.js';

/** Problem types for failures detected by the SDK itself, where no server answered with one. */
export const SdkProblemType = {
  /** The request never got an HTTP answer (DNS, refused connection, TLS, CORS, offline...). */
  Network: 'urn:cpaas:sdk:network',
  /** The server answered 2xx but the body is not what this SDK version understands. */
  InvalidResponse: 'urn:cpaas:sdk:invalid-response',
  /** The SDK was called with an argument it cannot use. */
  InvalidArgument: 'urn:cpaas:sdk:invalid-argument',
} as const;

export type SdkProblemType = (typeof SdkProblemType)[keyof typeof SdkProblemType];

/** Everything a {@link CpaasError} is made of. */
export interface CpaasErrorInit extends Problem {
  /** Seconds to wait before trying again, from the `Retry-After` header. */
  readonly retryAfter?: number;
  /** The underlying error, if any (e.g. the fetch TypeError of a network failure). */
  readonly cause?: unknown;
}

/**
 * The one error type the SDK throws for a failed request. Mirrors the server's RFC 9457
 * problem document: branch on `type` (stable), show `detail` (human-readable).
 */
export class CpaasError extends Error {
  override readonly name = 'CpaasError';
  /** The problem type URI, e.g. `urn:cpaas:problem:unauthenticated` or one of {@link SdkProblemType}. */
  readonly type: string;
  readonly title: string;
  /** The HTTP status of the answer; undefined when there was no answer (network failure). */
  readonly status: number | undefined;
  readonly detail: string | undefined;
  readonly instance: string | undefined;
  /** Which request fields were invalid, for validation failures. */
  readonly errors: readonly FieldError[];
  /** Seconds to wait before retrying, when the server said so with `Retry-After`. */
  readonly retryAfter: number | undefined;

  constructor(init: CpaasErrorInit) {
    super(describe(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.type = init.type;
    this.title = init.title;
    this.status = init.status;
    this.detail = init.detail;
    this.instance = init.instance;
    this.errors = init.errors ?? [];
    this.retryAfter = init.retryAfter;
  }

  /** Whether the same request may succeed later: network failures, 408, 429 and 5xx other than 501. */
  get retryable(): boolean {
    const { status } = this;
    if (status === undefined) return this.type === SdkProblemType.Network;
    return status === 408 || status === 429 || (status >= 500 && status !== 501);
  }
}

function describe({ title, status, detail, type }: CpaasErrorInit): string {
  const head = [status, title || type].filter((part) => part !== undefined && part !== '').join(' ');
  return detail ? `${head}: ${detail}` : head;
}
