import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideCallRoute } from './CallRoutePolicy.js';

const none = new Set<string>();

describe('call route', () => {
  it('is always the SFU outside call rooms (or with peer-to-peer off)', () => {
    assert.deepEqual(decideCallRoute({ peerToPeer: false, peerSids: ['PA_b'], movedToSfu: none }), { kind: 'sfu' });
    assert.deepEqual(decideCallRoute({ peerToPeer: false, peerSids: [], movedToSfu: none }), { kind: 'sfu' });
  });

  it('holds the media while alone and goes direct with the one other participant', () => {
    assert.deepEqual(decideCallRoute({ peerToPeer: true, peerSids: [], movedToSfu: none }), { kind: 'alone' });
    assert.deepEqual(decideCallRoute({ peerToPeer: true, peerSids: ['PA_b'], movedToSfu: none }), { kind: 'direct', peerSid: 'PA_b' });
  });

  it('moves to the SFU for a third participant or a peer the direct path failed with', () => {
    assert.deepEqual(decideCallRoute({ peerToPeer: true, peerSids: ['PA_b', 'PA_c'], movedToSfu: none }), { kind: 'sfu' });
    assert.deepEqual(decideCallRoute({ peerToPeer: true, peerSids: ['PA_b'], movedToSfu: new Set(['PA_b']) }), { kind: 'sfu' });
    assert.deepEqual(decideCallRoute({ peerToPeer: true, peerSids: ['PA_d'], movedToSfu: new Set(['PA_b']) }), { kind: 'direct', peerSid: 'PA_d' });
  });
});
