import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Participant } from './participant/Participant.js';
import { RemoteParticipant } from './participant/RemoteParticipant.js';
import { SpeakerAndQuality } from './SpeakerAndQuality.js';

function setup() {
  const people = new Map<string, Participant>(
    ['ann', 'bob', 'me'].map((identity) => [identity, new RemoteParticipant({ sid: `PA_${identity}`, identity, tracks: [] })]),
  );
  const events: string[] = [];
  const status = new SpeakerAndQuality(
    (identity) => people.get(identity),
    (event, ...args) => {
      const [first, second] = args as unknown[];
      if (event === 'activeSpeakersChanged') events.push(`speakers ${(first as Participant[]).map((p) => p.identity).join(',')}`);
      else events.push(`quality ${(second as Participant).identity} ${String(first)}`);
    },
  );
  return { people, events, status };
}

describe('active speakers and connection quality', () => {
  it('marks the speakers loudest first with their level and clears those who stopped', () => {
    const { people, events, status } = setup();
    status.applySpeakers([
      { sid: 'PA_bob', identity: 'bob', level: 0.3 },
      { sid: 'PA_ann', identity: 'ann', level: 0.01 },
    ]);
    assert.deepEqual(
      status.speakers.map((p) => p.identity),
      ['bob', 'ann'],
    );
    assert.equal(people.get('bob')?.isSpeaking, true);
    assert.equal(people.get('bob')?.audioLevel, 0.3);
    status.applySpeakers([{ sid: 'PA_ann', identity: 'ann', level: 0.02 }]);
    assert.equal(people.get('bob')?.isSpeaking, false);
    assert.equal(people.get('bob')?.audioLevel, 0);
    assert.equal(people.get('ann')?.audioLevel, 0.02);
    status.applySpeakers([]);
    assert.deepEqual(events, ['speakers bob,ann', 'speakers ann', 'speakers ']);
    assert.equal(people.get('ann')?.isSpeaking, false);
  });

  it('skips participants it does not know', () => {
    const { events, status } = setup();
    status.applySpeakers([{ sid: 'PA_x', identity: 'hidden', level: 0.5 }]);
    status.applyQuality([{ sid: 'PA_x', identity: 'hidden', quality: 'poor' }]);
    assert.deepEqual(events, []);
  });

  it('takes a repeated speakers frame silently, updating only the levels', () => {
    const { people, events, status } = setup();
    status.applySpeakers([{ sid: 'PA_bob', identity: 'bob', level: 0.3 }]);
    status.applySpeakers([{ sid: 'PA_bob', identity: 'bob', level: 0.2 }]);
    assert.equal(people.get('bob')?.audioLevel, 0.2);
    status.applySpeakers([
      { sid: 'PA_ann', identity: 'ann', level: 0.4 },
      { sid: 'PA_bob', identity: 'bob', level: 0.2 },
    ]);
    status.applySpeakers([
      { sid: 'PA_bob', identity: 'bob', level: 0.5 },
      { sid: 'PA_ann', identity: 'ann', level: 0.4 },
    ]);
    assert.deepEqual(events, ['speakers bob', 'speakers ann,bob', 'speakers bob,ann']);
  });

  it('emits a quality change once per participant and change', () => {
    const { people, events, status } = setup();
    assert.equal(people.get('ann')?.connectionQuality, 'unknown');
    status.applyQuality([
      { sid: 'PA_ann', identity: 'ann', quality: 'excellent' },
      { sid: 'PA_bob', identity: 'bob', quality: 'poor' },
    ]);
    status.applyQuality([
      { sid: 'PA_ann', identity: 'ann', quality: 'excellent' },
      { sid: 'PA_bob', identity: 'bob', quality: 'lost' },
    ]);
    assert.deepEqual(events, ['quality ann excellent', 'quality bob poor', 'quality bob lost']);
    assert.equal(people.get('bob')?.connectionQuality, 'lost');
  });

  it('forgets the speakers on reset', () => {
    const { people, status } = setup();
    status.applySpeakers([{ sid: 'PA_me', identity: 'me', level: 0.2 }]);
    status.reset();
    assert.equal(people.get('me')?.isSpeaking, false);
    assert.equal(status.speakers.length, 0);
  });
});
