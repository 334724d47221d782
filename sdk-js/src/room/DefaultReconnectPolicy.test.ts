import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DefaultReconnectPolicy } from './DefaultReconnectPolicy.js';

describe('DefaultReconnectPolicy', () => {
  it('retries at once the first time, then backs off exponentially', () => {
    const policy = new DefaultReconnectPolicy({ baseDelayMs: 100, maxDelayMs: 10_000, random: () => 1 });
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((retryCount) => policy.nextRetryDelayInMs({ retryCount, elapsedMs: 0 })),
      [0, 100, 200, 400, 800],
    );
  });

  it('by default waits at most 2 s between retries and keeps going until a minute has passed', () => {
    const policy = new DefaultReconnectPolicy({ random: () => 1 });
    const delays = Array.from({ length: 12 }, (_, retryCount) => policy.nextRetryDelayInMs({ retryCount, elapsedMs: 0 }));
    assert.deepEqual(delays.slice(0, 5), [0, 300, 600, 1200, 2000]);
    assert.ok(delays.every((delay) => delay !== null && delay <= 2000));
    assert.equal(policy.nextRetryDelayInMs({ retryCount: 39, elapsedMs: 50_000 }), 2000);
    assert.equal(policy.nextRetryDelayInMs({ retryCount: 20, elapsedMs: 60_000 }), null);
  });

  it('backs off from the first retry when immediateFirstRetry is false', () => {
    const policy = new DefaultReconnectPolicy({ immediateFirstRetry: false, baseDelayMs: 100, random: () => 1 });
    assert.equal(policy.nextRetryDelayInMs({ retryCount: 0, elapsedMs: 0 }), 100);
    assert.equal(policy.nextRetryDelayInMs({ retryCount: 1, elapsedMs: 0 }), 200);
  });

  it('jitters the backed-off delays', () => {
    const policy = new DefaultReconnectPolicy({ baseDelayMs: 1000, maxDelayMs: 10_000, random: () => 0.25 });
    assert.equal(policy.nextRetryDelayInMs({ retryCount: 3, elapsedMs: 0 }), 1000); // 0.25 * 4000
  });

  it('caps every delay at maxDelayMs', () => {
    const policy = new DefaultReconnectPolicy({ baseDelayMs: 100, maxDelayMs: 1500, maxRetries: 100, random: () => 1 });
    assert.equal(policy.nextRetryDelayInMs({ retryCount: 50, elapsedMs: 0 }), 1500);
  });

  it('gives up after maxRetries retries', () => {
    const policy = new DefaultReconnectPolicy({ maxRetries: 3, random: () => 0.5 });
    assert.notEqual(policy.nextRetryDelayInMs({ retryCount: 2, elapsedMs: 0 }), null);
    assert.equal(policy.nextRetryDelayInMs({ retryCount: 3, elapsedMs: 0 }), null);
    assert.equal(policy.nextRetryDelayInMs({ retryCount: 4, elapsedMs: 0 }), null);
    assert.equal(new DefaultReconnectPolicy({ maxRetries: 0 }).nextRetryDelayInMs({ retryCount: 0, elapsedMs: 0 }), null);
  });

  it('gives up once maxElapsedMs has passed, and never schedules past it', () => {
    const policy = new DefaultReconnectPolicy({ baseDelayMs: 1000, maxDelayMs: 8000, maxElapsedMs: 20_000, random: () => 1 });
    assert.equal(policy.nextRetryDelayInMs({ retryCount: 4, elapsedMs: 10_000 }), 8000);
    assert.equal(policy.nextRetryDelayInMs({ retryCount: 4, elapsedMs: 17_000 }), 3000);
    assert.equal(policy.nextRetryDelayInMs({ retryCount: 0, elapsedMs: 20_000 }), null);
    assert.equal(policy.nextRetryDelayInMs({ retryCount: 1, elapsedMs: 25_000 }), null);
  });

  it('by default gives up after 40 retries or 60 s', () => {
    const policy = new DefaultReconnectPolicy();
    assert.equal(policy.nextRetryDelayInMs({ retryCount: 0, elapsedMs: 0 }), 0);
    assert.notEqual(policy.nextRetryDelayInMs({ retryCount: 39, elapsedMs: 0 }), null);
    assert.equal(policy.nextRetryDelayInMs({ retryCount: 40, elapsedMs: 0 }), null);
    assert.equal(policy.nextRetryDelayInMs({ retryCount: 1, elapsedMs: 60_000 }), null);
  });

  it('rejects invalid options and contexts', () => {
    assert.throws(() => new DefaultReconnectPolicy({ maxRetries: -1 }), RangeError);
    assert.throws(() => new DefaultReconnectPolicy({ maxElapsedMs: Number.NaN }), RangeError);
    assert.throws(() => new DefaultReconnectPolicy({ baseDelayMs: -5 }), RangeError);
    const policy = new DefaultReconnectPolicy();
    assert.throws(() => policy.nextRetryDelayInMs({ retryCount: -1, elapsedMs: 0 }), RangeError);
    assert.throws(() => policy.nextRetryDelayInMs({ retryCount: 0, elapsedMs: Number.NaN }), RangeError);
  });
});
