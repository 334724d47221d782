import { CpaasError } from '../api/CpaasError.js';
import { DisconnectReason } from './events.js';
import type { ReconnectPolicy } from './ReconnectPolicy.js';
import { CloseCode } from './signal/messages.js';
import type { SessionLoss } from './WorkerSession.js';

/** What to do about a lost session: join again, or end with a reason. */
export type LossDecision =
  | { readonly reconnect: true }
  | { readonly reconnect: false; readonly reason: DisconnectReason };

/**
 * Decides whether a lost session is worth a new join (docs/signaling.md, close codes):
 * - 4001: this identity joined again elsewhere; coming back would kick that session out in turn.
 * - 4002: room-service removed us (removed by the back end, room ended, or our identity joined
 *   again through room-service, which evicts the older session): coming back would undo it.
 * - 4005: the room left this worker (it stops, or room-service released it): join again.
 * - 1000 (after our own leave) never reaches here; any other close, a ping timeout or failed
 *   ICE means the worker or the network went away: reconnect.
 */
export function decideOnLoss(loss: SessionLoss): LossDecision {
  if (loss.kind === 'media') return { reconnect: true };
  const { code, removed } = loss.close;
  if (code === CloseCode.Replaced) return { reconnect: false, reason: DisconnectReason.DuplicateIdentity };
  if (removed !== undefined || code === CloseCode.Removed) {
    return {
      reconnect: false,
      reason: removed === 'room_ended' ? DisconnectReason.RoomEnded : DisconnectReason.ParticipantRemoved,
    };
  }
  return { reconnect: true };
}

/**
 * Whether a failed rejoin attempt is final. Refusals of the token or the room (401, 403: expired
 * or revoked token, full room, disabled tenant) and bad arguments will not change by retrying;
 * network failures, 5xx, 429 and a refused ticket or a signaling failure may.
 */
export function isFatalJoinError(error: unknown): boolean {
  if (!(error instanceof CpaasError)) return false;
  if (error.status === undefined) return error.type === 'urn:cpaas:sdk:invalid-argument';
  return !error.retryable;
}

export interface ReconnectLoopOptions {
  readonly policy: ReconnectPolicy;
  /** One attempt at joining again; throws on failure. */
  readonly attempt: () => Promise<void>;
  /** Stops retrying early (the app disconnected meanwhile). */
  readonly cancelled: () => boolean;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

/** How a reconnection ended. */
export type ReconnectOutcome =
  | { readonly ok: true; readonly attempts: number }
  | { readonly ok: false; readonly attempts: number; readonly cancelled: boolean; readonly error: unknown };

/**
 * Retries `attempt` as the policy allows: stops on the first success, on a fatal error
 * ({@link isFatalJoinError}), on cancellation, or when the policy gives up.
 */
export async function reconnectLoop(options: ReconnectLoopOptions): Promise<ReconnectOutcome> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const startedAt = now();
  let lastError: unknown;
  for (let retryCount = 0; ; retryCount++) {
    const delay = options.policy.nextRetryDelayInMs({
      retryCount,
      elapsedMs: now() - startedAt,
      ...(lastError instanceof Error ? { retryReason: lastError } : {}),
    });
    if (delay === null) return { ok: false, attempts: retryCount, cancelled: false, error: lastError };
    if (delay > 0) await sleep(delay);
    if (options.cancelled()) return { ok: false, attempts: retryCount, cancelled: true, error: lastError };
    try {
      await options.attempt();
      return { ok: true, attempts: retryCount + 1 };
    } catch (error) {
      lastError = error;
      if (options.cancelled()) return { ok: false, attempts: retryCount + 1, cancelled: true, error };
      if (isFatalJoinError(error)) return { ok: false, attempts: retryCount + 1, cancelled: false, error };
    }
  }
}
