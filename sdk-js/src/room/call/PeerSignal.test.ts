import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodePeerSignal, encodePeerSignal, type PeerSignal } from './PeerSignal.js';

const roundTrip = (signal: PeerSignal) => decodePeerSignal(JSON.parse(JSON.stringify(encodePeerSignal(signal))) as Record<string, unknown>);

describe('peer signals', () => {
  it('survive the trip through the worker', () => {
    const signals: PeerSignal[] = [
      { kind: 'description', description: { type: 'offer', sdp: 'v=0' }, tracks: [{ mid: '1', trackSid: 'TR_cam' }] },
      { kind: 'description', description: { type: 'answer', sdp: 'v=0' }, tracks: [] },
      { kind: 'candidate', candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 } },
      { kind: 'fallback', reason: 'direct path failed' },
    ];
    for (const signal of signals) assert.deepEqual(roundTrip(signal), signal);
  });

  it('are null, with a reason, when they are not what the SDK sends', () => {
    const reasons: string[] = [];
    const bad = [
      {},
      { description: 'offer' },
      { description: { type: 'rollback', sdp: 'v=0' } },
      { description: { type: 'offer', sdp: '' } },
      { description: { type: 'offer', sdp: 'v=0' }, tracks: [{ mid: 1 }] },
      { candidate: { sdpMid: '0' } },
    ];
    for (const value of bad) assert.equal(decodePeerSignal(value, (r) => reasons.push(r)), null, JSON.stringify(value));
    assert.equal(reasons.length, bad.length);
  });

  it('keep only the known fields of a candidate', () => {
    assert.deepEqual(decodePeerSignal({ candidate: { candidate: 'c', sdpMid: 7, evil: true } }), { kind: 'candidate', candidate: { candidate: 'c' } });
  });
});
