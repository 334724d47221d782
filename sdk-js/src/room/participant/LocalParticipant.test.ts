import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CpaasError } from '../../api/CpaasError.js';
import type { ClientMessage, TrackSource } from '../signal/messages.js';
import { LocalTrack } from '../track/LocalTrack.js';
import type { OutgoingTrack, WorkerSession } from '../WorkerSession.js';
import { LocalParticipant } from './LocalParticipant.js';

/** A media track as far as the participant uses one. */
function fakeTrack(kind: 'audio' | 'video'): MediaStreamTrack {
  const track = { kind, enabled: true, stopped: false, stop: () => void (track.stopped = true) };
  return track as unknown as MediaStreamTrack;
}

/** A session that answers publishes with sids `<prefix><n>` (or fails), and records the frames sent. */
function fakeSession(prefix: string, options: { fail?: boolean } = {}) {
  const sent: ClientMessage[] = [];
  let n = 0;
  const session = {
    signal: { send: (m: ClientMessage) => (sent.push(m), true) },
    publish: async (tracks: readonly OutgoingTrack[]) => {
      if (options.fail) throw new CpaasError({ type: 'urn:cpaas:sdk:not-connected', title: 'gone' });
      return tracks.map((t: OutgoingTrack) => {
        const mid = String(n++);
        const kind = t.track.kind === 'audio' ? 'audio' : 'video';
        return {
          transceiver: { mid, sender: { replaceTrack: async () => {} } } as unknown as RTCRtpTransceiver,
          info: { sid: `${prefix}${mid}`, kind, source: t.source, muted: false, mid } as const,
        };
      });
    },
    unpublish: async () => {},
  };
  return { session: session as unknown as WorkerSession, sent };
}

function participant(initial: WorkerSession) {
  let current: WorkerSession | undefined = initial;
  const events: string[] = [];
  const local = new LocalParticipant('PA_me', 'me', {
    session: () => current,
    emit: (event, ...args) => {
      const publication = args[0] as { source?: TrackSource };
      events.push(`${event} ${publication?.source ?? ''}`.trim());
    },
  });
  return { local, events, use: (s: WorkerSession | undefined) => (current = s) };
}

describe('LocalParticipant', () => {
  it('takes the sids from the worker answer and mutes by sid', async () => {
    const { session, sent } = fakeSession('TR_');
    const { local, events } = participant(session);
    const [camera] = await local.publishAll([new LocalTrack(fakeTrack('video'), 'camera'), new LocalTrack(fakeTrack('audio'), 'microphone')]);
    assert.deepEqual([...local.trackPublications.keys()], ['TR_0', 'TR_1']);
    await camera?.mute();
    assert.deepEqual(sent, [{ type: 'mute', trackSid: 'TR_0', muted: true }]);
    assert.equal(camera?.track.mediaStreamTrack.enabled, false);
    assert.equal(local.isCameraEnabled, false);
    assert.deepEqual(events, ['localTrackPublished camera', 'localTrackPublished microphone', 'trackMuted camera']);
  });

  it('refuses a second track of the same source and lifting a server mute', async () => {
    const { session } = fakeSession('TR_');
    const { local } = participant(session);
    await local.publishTrack(fakeTrack('video'));
    await assert.rejects(local.publishTrack(fakeTrack('video')), (e: CpaasError) => e.type === 'urn:cpaas:sdk:invalid-argument');
    local.mutedByServer('TR_0', true, true);
    const camera = local.getTrackPublication('camera');
    assert.equal(camera?.isServerMuted, true);
    await assert.rejects(camera?.unmute() ?? Promise.resolve(), (e: CpaasError) => e.type === 'urn:cpaas:sdk:not-allowed');
    local.mutedByServer('TR_0', false, true);
    assert.equal(camera?.isServerMuted, false);
    assert.equal(camera?.isMuted, false);
  });

  it('republishes on a new session with new sids, muted tracks muted again', async () => {
    const first = fakeSession('TR_a');
    const { local, use } = participant(first.session);
    const [camera] = await local.publishAll([new LocalTrack(fakeTrack('video'), 'camera'), new LocalTrack(fakeTrack('audio'), 'microphone')]);
    await camera?.mute();

    const failing = fakeSession('TR_x', { fail: true });
    use(failing.session);
    await assert.rejects(local.republish(failing.session));
    assert.deepEqual([...local.trackPublications.keys()], ['TR_a0', 'TR_a1'], 'a failed attempt keeps the publications');

    const second = fakeSession('TR_b');
    use(second.session);
    await local.republish(second.session);
    assert.deepEqual([...local.trackPublications.keys()], ['TR_b0', 'TR_b1']);
    assert.equal(camera?.trackSid, 'TR_b0');
    assert.deepEqual(second.sent, [{ type: 'mute', trackSid: 'TR_b0', muted: true }]);
  });

  it('sends data to the room or to identities, and fails clearly when not connected', () => {
    const { session, sent } = fakeSession('TR_');
    const { local, use } = participant(session);
    local.publishData('hi', { topic: 'chat' });
    local.publishData('psst', { destinationIdentities: ['bob'] });
    assert.deepEqual(sent, [
      { type: 'data', payload: 'hi', topic: 'chat' },
      { type: 'data', payload: 'psst', to: ['bob'] },
    ]);
    use(undefined);
    assert.throws(() => local.publishData('lost'), (e: CpaasError) => e.type === 'urn:cpaas:sdk:not-connected');
  });
});
