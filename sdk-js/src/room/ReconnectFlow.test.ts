import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CpaasError } from '../api/CpaasError.js';
import { DefaultReconnectPolicy } from './DefaultReconnectPolicy.js';
import { decideOnLoss, isFatalJoinError, reconnectLoop } from './ReconnectFlow.js';

const signal = (code: number, removed?: string) => ({ kind: 'signal' as const, close: { code, reason: '', ...(removed ? { removed } : {}) } });
const problem = (status: number | undefined, type = 'urn:cpaas:problem:x') => new CpaasError({ type, title: 't', ...(status === undefined ? {} : { status }) });

describe('decideOnLoss', () => {
  it('reconnects after a dropped socket, a ping timeout, failed ICE or a 4005 (the room left the worker)', () => {
    for (const loss of [signal(1006), signal(4900), signal(1001), signal(4005), { kind: 'media' as const, reason: 'ICE failed' }]) {
      assert.deepEqual(decideOnLoss(loss), { reconnect: true }, JSON.stringify(loss));
    }
  });

  it('does not come back when replaced or removed on purpose', () => {
    assert.deepEqual(decideOnLoss(signal(4001)), { reconnect: false, reason: 'duplicate-identity' });
    assert.deepEqual(decideOnLoss(signal(4002, 'participant_removed')), { reconnect: false, reason: 'participant-removed' });
    assert.deepEqual(decideOnLoss(signal(4002, 'room_ended')), { reconnect: false, reason: 'room-ended' });
    // Without a removed frame: room-service evicted the session (e.g. the identity joined again elsewhere).
    assert.deepEqual(decideOnLoss(signal(4002)), { reconnect: false, reason: 'participant-removed' });
  });
});

describe('isFatalJoinError', () => {
  it('gives up on refused tokens and full rooms, retries network failures and overload', () => {
    assert.equal(isFatalJoinError(problem(401, 'urn:cpaas:problem:invalid-token')), true);
    assert.equal(isFatalJoinError(problem(403, 'urn:cpaas:problem:limit-reached')), true);
    assert.equal(isFatalJoinError(problem(undefined, 'urn:cpaas:sdk:network')), false);
    assert.equal(isFatalJoinError(problem(undefined, 'urn:cpaas:sdk:signal-failed')), false);
    assert.equal(isFatalJoinError(problem(503)), false);
    assert.equal(isFatalJoinError(problem(429)), false);
    assert.equal(isFatalJoinError(new Error('boom')), false);
  });
});

describe('reconnectLoop', () => {
  const noJitter = new DefaultReconnectPolicy({ random: () => 1, baseDelayMs: 100, maxRetries: 4 });

  it('retries at once, then with backoff, until an attempt succeeds', async () => {
    const slept: number[] = [];
    let calls = 0;
    const outcome = await reconnectLoop({
      policy: noJitter,
      cancelled: () => false,
      sleep: async (ms) => void slept.push(ms),
      now: () => 0,
      attempt: async () => {
        if (++calls < 3) throw problem(undefined, 'urn:cpaas:sdk:network');
      },
    });
    assert.deepEqual(outcome, { ok: true, attempts: 3 });
    assert.deepEqual(slept, [100, 200]);
  });

  it('stops at the first fatal error', async () => {
    const expired = problem(401, 'urn:cpaas:problem:invalid-token');
    const outcome = await reconnectLoop({
      policy: noJitter,
      cancelled: () => false,
      sleep: async () => {},
      attempt: async () => {
        throw expired;
      },
    });
    assert.deepEqual(outcome, { ok: false, attempts: 1, cancelled: false, error: expired });
  });

  it('gives up when the policy does', async () => {
    let calls = 0;
    const outcome = await reconnectLoop({
      policy: noJitter,
      cancelled: () => false,
      sleep: async () => {},
      attempt: async () => {
        calls++;
        throw new Error('worker down');
      },
    });
    assert.equal(outcome.ok, false);
    assert.equal(calls, 4);
  });

  it('stops when cancelled between attempts', async () => {
    let cancelled = false;
    const outcome = await reconnectLoop({
      policy: noJitter,
      cancelled: () => cancelled,
      sleep: async () => {
        cancelled = true;
      },
      attempt: async () => {
        throw new Error('down');
      },
    });
    assert.deepEqual({ ok: outcome.ok, attempts: outcome.attempts, cancelled: !outcome.ok && outcome.cancelled }, { ok: false, attempts: 1, cancelled: true });
  });
});
