import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RemoteParticipant } from './participant/RemoteParticipant.js';
import { RoomRoster } from './RoomRoster.js';
import type { ParticipantInfo } from './signal/messages.js';
import type { RemoteTrackPublication } from './track/TrackPublication.js';

/** Records every event as "name identity/source" for readable assertions. */
function roster(autoSubscribe = true) {
  const events: string[] = [];
  const requests: string[] = [];
  const describe = (arg: unknown): string => {
    if (arg && typeof arg === 'object' && 'identity' in arg) return (arg as RemoteParticipant).identity;
    if (arg && typeof arg === 'object' && 'trackSid' in arg && 'source' in arg) return (arg as RemoteTrackPublication).source;
    return '';
  };
  const r = new RoomRoster(
    (event, ...args) => {
      const parts = (args as unknown[]).map(describe).filter((s) => s !== '');
      events.push([event, ...parts.reverse()].join(' '));
    },
    {
      autoSubscribe,
      requestSubscription: (publication, subscribe) => {
        requests.push(`${publication.trackSid}:${subscribe}`);
        r.subscriptionChanged(publication);
      },
    },
  );
  return { r, events, requests };
}

const fakeTrack = (kind: 'audio' | 'video') => ({ kind }) as unknown as MediaStreamTrack;
const ann: ParticipantInfo = {
  sid: 'PA_ann',
  identity: 'ann',
  tracks: [
    { sid: 'TR_cam', kind: 'video', source: 'camera', muted: false },
    { sid: 'TR_mic', kind: 'audio', source: 'microphone', muted: false },
  ],
};

describe('RoomRoster', () => {
  it('fills silently from joined, then announces joins, publications, mutes and departures in order', () => {
    const { r, events } = roster();
    r.reset([ann], false);
    assert.deepEqual(events, []);
    assert.equal(r.participants.get('ann')?.trackPublications.size, 2);

    r.apply({ type: 'participantJoined', participant: { sid: 'PA_bob', identity: 'bob', tracks: [] } });
    r.apply({ type: 'trackPublished', participantSid: 'PA_bob', track: { sid: 'TR_scr', kind: 'video', source: 'screen', muted: false } });
    r.apply({ type: 'trackMuted', participantSid: 'PA_ann', trackSid: 'TR_mic', muted: true });
    r.apply({ type: 'trackMuted', participantSid: 'PA_ann', trackSid: 'TR_mic', muted: true });
    r.apply({ type: 'trackMuted', participantSid: 'PA_ann', trackSid: 'TR_mic', muted: false });
    r.apply({ type: 'participantLeft', sid: 'PA_bob', identity: 'bob' });
    assert.deepEqual(events, [
      'participantJoined bob',
      'trackPublished bob screen',
      'trackMuted ann microphone',
      'trackUnmuted ann microphone',
      'trackUnpublished bob screen',
      'participantLeft bob',
    ]);
    assert.equal(r.participants.has('bob'), false);
  });

  it('binds forwarded tracks to publications and unbinds those the worker stops forwarding', () => {
    const { r, events } = roster();
    r.reset([ann], false);
    const cam = fakeTrack('video');
    const mic = fakeTrack('audio');
    const unwanted = r.forwarded([
      { trackSid: 'TR_cam', participantSid: 'PA_ann', mediaStreamTrack: cam },
      { trackSid: 'TR_mic', participantSid: 'PA_ann', mediaStreamTrack: mic },
    ]);
    assert.deepEqual(unwanted, []);
    // The same offer again (renegotiation for someone else's track) changes nothing.
    r.forwarded([
      { trackSid: 'TR_cam', participantSid: 'PA_ann', mediaStreamTrack: cam },
      { trackSid: 'TR_mic', participantSid: 'PA_ann', mediaStreamTrack: mic },
    ]);
    const publication = r.participants.get('ann')?.trackPublications.get('TR_cam');
    assert.equal(publication?.track?.mediaStreamTrack, cam);
    r.apply({ type: 'trackUnpublished', participantSid: 'PA_ann', trackSid: 'TR_cam' });
    r.forwarded([{ trackSid: 'TR_mic', participantSid: 'PA_ann', mediaStreamTrack: mic }]);
    assert.deepEqual(events, [
      'trackSubscribed ann camera',
      'trackSubscribed ann microphone',
      'trackUnsubscribed ann camera',
      'trackUnpublished ann camera',
    ]);
  });

  it('without autoSubscribe, answers forwarded tracks as unwanted until the app subscribes', () => {
    const { r, events, requests } = roster(false);
    r.reset([ann], false);
    const media = [
      { trackSid: 'TR_cam', participantSid: 'PA_ann', mediaStreamTrack: fakeTrack('video') },
      { trackSid: 'TR_mic', participantSid: 'PA_ann', mediaStreamTrack: fakeTrack('audio') },
    ];
    assert.deepEqual(r.forwarded(media), ['TR_cam', 'TR_mic']);
    assert.deepEqual(events, []);
    r.participants.get('ann')?.trackPublications.get('TR_cam')?.setSubscribed(true);
    assert.deepEqual(requests, ['TR_cam:true']);
    assert.deepEqual(events, ['trackSubscribed ann camera']);
    assert.deepEqual(r.forwarded(media), ['TR_mic']);
    r.participants.get('ann')?.trackPublications.get('TR_cam')?.setSubscribed(false);
    assert.deepEqual(events, ['trackSubscribed ann camera', 'trackUnsubscribed ann camera']);
  });

  it('after a reconnection announces only what changed, matching participants by identity', () => {
    const { r, events } = roster();
    r.reset([ann, { sid: 'PA_bob', identity: 'bob', tracks: [] }], false);
    r.forwarded([{ trackSid: 'TR_cam', participantSid: 'PA_ann', mediaStreamTrack: fakeTrack('video') }]);
    events.length = 0;
    r.unbindAll();
    // On the new worker: ann republished (new sids for the camera, microphone kept), bob is gone, cid is new.
    r.reset(
      [
        {
          sid: 'PA_ann2',
          identity: 'ann',
          tracks: [
            { sid: 'TR_cam2', kind: 'video', source: 'camera', muted: false },
            { sid: 'TR_mic', kind: 'audio', source: 'microphone', muted: true },
          ],
        },
        { sid: 'PA_cid', identity: 'cid', tracks: [] },
      ],
      true,
    );
    assert.deepEqual(events, [
      'trackUnsubscribed ann camera',
      'participantLeft bob',
      'trackUnpublished ann camera',
      'trackPublished ann camera',
      'trackMuted ann microphone',
      'participantJoined cid',
    ]);
    assert.equal(r.participantBySid('PA_ann2')?.identity, 'ann');
    assert.equal(r.participantBySid('PA_ann'), undefined);
  });

  it('ignores frames about unknown participants and leaves non-roster frames to the room', () => {
    const { r, events } = roster();
    assert.equal(r.apply({ type: 'trackMuted', participantSid: 'PA_me', trackSid: 'TR_1', muted: true }), false);
    assert.equal(r.apply({ type: 'data', from: 'x', payload: 'p' }), false);
    assert.deepEqual(events, []);
  });
});
