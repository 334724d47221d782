import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeServerMessage, encodeClientMessage } from './messages.js';

const decode = (value: unknown) => {
  const reasons: string[] = [];
  const message = decodeServerMessage(JSON.stringify(value), (r) => reasons.push(r));
  return { message, reasons };
};

describe('signaling codec', () => {
  it('decodes joined with the participants and their tracks, dropping unknown fields', () => {
    const { message } = decode({
      type: 'joined',
      protocol: 1,
      participant: { sid: 'PA_me', identity: 'me', tracks: [], permissions: { publish: false, sources: ['camera', 'bogus'] } },
      room: { name: 'r' },
      participants: [
        { sid: 'PA_1', identity: 'ann', name: 'Ann', future: 1, tracks: [{ sid: 'TR_1', kind: 'video', source: 'camera', muted: true }] },
      ],
    });
    assert.deepEqual(message, {
      type: 'joined',
      protocol: 1,
      participant: { sid: 'PA_me', identity: 'me', tracks: [], permissions: { publish: false, subscribe: true, publishData: true, sources: ['camera'] } },
      room: { name: 'r' },
      participants: [{ sid: 'PA_1', identity: 'ann', name: 'Ann', tracks: [{ sid: 'TR_1', kind: 'video', source: 'camera', muted: true }] }],
    });
  });

  it('decodes peerSignal with its sender and opaque signal, and refuses one without an object', () => {
    assert.deepEqual(decode({ type: 'peerSignal', from: 'PA_b', signal: { fallback: 'x' } }).message, {
      type: 'peerSignal',
      from: 'PA_b',
      signal: { fallback: 'x' },
    });
    const { message, reasons } = decode({ type: 'peerSignal', from: 'PA_b', signal: 'offer' });
    assert.equal(message, null);
    assert.match(reasons[0] ?? '', /signal must be an object/);
  });

  it('decodes the media frames', () => {
    assert.deepEqual(decode({ type: 'publishAnswer', sdp: 'v=0', tracks: [{ sid: 'TR_1', kind: 'audio', source: 'microphone', muted: false, mid: '0' }] }).message, {
      type: 'publishAnswer',
      sdp: 'v=0',
      tracks: [{ sid: 'TR_1', kind: 'audio', source: 'microphone', muted: false, mid: '0' }],
    });
    assert.deepEqual(decode({ type: 'publishAnswer', sdp: 'v=0' }).message, { type: 'publishAnswer', sdp: 'v=0' });
    assert.deepEqual(decode({ type: 'subscribeOffer', sdp: 'v=0', tracks: [{ mid: '1', trackSid: 'TR_1', participantSid: 'PA_1' }] }).message, {
      type: 'subscribeOffer',
      sdp: 'v=0',
      tracks: [{ mid: '1', trackSid: 'TR_1', participantSid: 'PA_1' }],
    });
    assert.deepEqual(decode({ type: 'trackMuted', participantSid: 'PA_1', trackSid: 'TR_1', muted: true, serverMuted: true }).message, {
      type: 'trackMuted',
      participantSid: 'PA_1',
      trackSid: 'TR_1',
      muted: true,
      serverMuted: true,
    });
    assert.deepEqual(decode({ type: 'data', from: 'ann', payload: '', topic: 't' }).message, { type: 'data', from: 'ann', payload: '', topic: 't' });
  });

  it('ignores unknown frame types silently, so newer workers do not break older clients', () => {
    const { message, reasons } = decode({ type: 'speakersMoved', speakers: [] });
    assert.equal(message, null);
    assert.deepEqual(reasons, []);
  });

  it('decodes active speakers and connection quality', () => {
    assert.deepEqual(decode({ type: 'activeSpeakers', speakers: [{ sid: 'PA_1', identity: 'ann', level: 0.25, extra: 1 }] }).message, {
      type: 'activeSpeakers',
      speakers: [{ sid: 'PA_1', identity: 'ann', level: 0.25 }],
    });
    assert.deepEqual(decode({ type: 'connectionQuality', updates: [{ sid: 'PA_1', identity: 'ann', quality: 'poor' }] }).message, {
      type: 'connectionQuality',
      updates: [{ sid: 'PA_1', identity: 'ann', quality: 'poor' }],
    });
  });

  it('refuses malformed frames and says why', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ type: 'participantLeft', sid: 'PA_1' }, /identity/],
      [{ type: 'trackPublished', participantSid: 'PA_1', track: { sid: 'TR', kind: 'text', source: 'camera' } }, /kind/],
      [{ type: 'trackPublished', participantSid: 'PA_1', track: { sid: 'TR', kind: 'video', source: 'webcam' } }, /source/],
      [{ type: 'trackMuted', participantSid: 'PA_1', trackSid: 'TR', muted: 'yes' }, /muted/],
      [{ type: 'subscribeOffer', sdp: 'v=0', tracks: [{ mid: '0' }] }, /trackSid/],
      [{ type: 'data', from: 'a', payload: 5 }, /payload/],
      [{ type: 'activeSpeakers', speakers: [{ sid: 'PA_1', identity: 'ann', level: 7 }] }, /level/],
      [{ type: 'activeSpeakers' }, /speakers/],
      [{ type: 'connectionQuality', updates: [{ sid: 'PA_1', identity: 'ann', quality: 'superb' }] }, /quality/],
      [[1, 2], /object/],
    ];
    for (const [value, reason] of cases) {
      const { message, reasons } = decode(value);
      assert.equal(message, null, JSON.stringify(value));
      assert.match(reasons[0] ?? '', reason);
    }
    const reasons: string[] = [];
    assert.equal(decodeServerMessage('{not json', (r) => reasons.push(r)), null);
    assert.deepEqual(reasons, ['not JSON']);
  });

  it('encodes client frames as JSON objects with their type', () => {
    assert.deepEqual(JSON.parse(encodeClientMessage({ type: 'data', payload: 'hi', to: ['bob'] })), { type: 'data', payload: 'hi', to: ['bob'] });
    assert.deepEqual(JSON.parse(encodeClientMessage({ type: 'join', ticket: 't', protocol: 1 })), { type: 'join', ticket: 't', protocol: 1 });
  });
  it('decodes publishLayers and refuses one whose layers lack rid or active', () => {
    assert.deepEqual(decode({ type: 'publishLayers', trackSid: 'TR_1', layers: [{ rid: 'q', active: true }, { rid: 'f', active: false, x: 1 }] }).message, {
      type: 'publishLayers',
      trackSid: 'TR_1',
      layers: [
        { rid: 'q', active: true },
        { rid: 'f', active: false },
      ],
    });
    const bad = decode({ type: 'publishLayers', trackSid: 'TR_1', layers: [{ rid: 'q' }] });
    assert.equal(bad.message, null);
    assert.match(bad.reasons[0] ?? '', /active/);
    assert.equal(decode({ type: 'publishLayers', trackSid: 'TR_1' }).message, null);
  });

  it('encodes videoQuality', () => {
    assert.equal(encodeClientMessage({ type: 'videoQuality', trackSid: 'TR_1', quality: 'low' }), '{"type":"videoQuality","trackSid":"TR_1","quality":"low"}');
  });
});
