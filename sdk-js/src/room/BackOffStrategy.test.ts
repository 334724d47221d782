import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BackOffStrategy } from './BackOffStrategy.js';

/** A random source that returns the given values in turn, then fails the test. */
function sequence(...values: number[]): () => number {
  let i = 0;
  return () => {
    const value = values[i++];
    if (value === undefined) throw new Error('random() called more often than expected');
    return value;
  };
}

describe('BackOffStrategy', () => {
  it('doubles the ceiling with every attempt, from the base', () => {
    const backOff = new BackOffStrategy({ baseDelayMs: 100, maxDelayMs: 100_000 });
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((n) => backOff.ceilingMs(n)),
      [100, 200, 400, 800, 1600],
    );
  });

  it('never lets the ceiling exceed maxDelayMs, even for huge attempts', () => {
    const backOff = new BackOffStrategy({ baseDelayMs: 100, maxDelayMs: 1000, random: () => 1 });
    assert.equal(backOff.ceilingMs(3), 800);
    assert.equal(backOff.ceilingMs(4), 1000);
    assert.equal(backOff.ceilingMs(5000), 1000);
    assert.equal(backOff.delayMs(5000), 1000);
  });

  it('applies full jitter: the delay is random() times the ceiling', () => {
    const backOff = new BackOffStrategy({ baseDelayMs: 1000, maxDelayMs: 60_000, random: sequence(0, 0.5, 0.25, 0.999) });
    assert.equal(backOff.delayMs(0), 0); // 0 * 1000
    assert.equal(backOff.delayMs(1), 1000); // 0.5 * 2000
    assert.equal(backOff.delayMs(2), 1000); // 0.25 * 4000
    assert.equal(backOff.delayMs(3), 7992); // floor(0.999 * 8000)
  });

  it('keeps every delay within [0, ceiling] with the real random source', () => {
    const backOff = new BackOffStrategy({ baseDelayMs: 50, maxDelayMs: 5000 });
    for (let attempt = 0; attempt < 20; attempt++) {
      for (let sample = 0; sample < 50; sample++) {
        const delay = backOff.delayMs(attempt);
        assert.ok(delay !== null && Number.isInteger(delay), `delay ${delay} is a whole number`);
        assert.ok(delay >= 0 && delay <= backOff.ceilingMs(attempt), `delay ${delay} within ceiling`);
      }
    }
  });

  it('clamps a misbehaving random source into [0, 1]', () => {
    const backOff = new BackOffStrategy({ baseDelayMs: 100, random: sequence(-3, 7, Number.NaN) });
    assert.equal(backOff.delayMs(0), 0);
    assert.equal(backOff.delayMs(0), 100);
    assert.equal(backOff.delayMs(0), 0);
  });

  it('returns null once maxAttempts attempts have had a delay', () => {
    const backOff = new BackOffStrategy({ baseDelayMs: 10, maxAttempts: 3, random: () => 1 });
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((n) => backOff.delayMs(n)),
      [10, 20, 40, null, null],
    );
    assert.equal(new BackOffStrategy({ maxAttempts: 0 }).delayMs(0), null);
  });

  it('uses 500 ms base, 30 s max and no attempt cap by default', () => {
    const backOff = new BackOffStrategy({ random: () => 1 });
    assert.equal(backOff.delayMs(0), 500);
    assert.equal(backOff.delayMs(100), 30_000);
  });

  it('rejects invalid options and attempts', () => {
    assert.throws(() => new BackOffStrategy({ baseDelayMs: 0 }), RangeError);
    assert.throws(() => new BackOffStrategy({ baseDelayMs: 100, maxDelayMs: 50 }), RangeError);
    assert.throws(() => new BackOffStrategy({ maxAttempts: -1 }), RangeError);
    assert.throws(() => new BackOffStrategy({ maxAttempts: 1.5 }), RangeError);
    const backOff = new BackOffStrategy();
    assert.throws(() => backOff.delayMs(-1), RangeError);
    assert.throws(() => backOff.ceilingMs(0.5), RangeError);
  });
});
