import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CpaasError } from './CpaasError.js';
import { parseJoinResponse } from './JoinResponse.js';

const body = (room: unknown) => ({
  signalUrl: 'wss://sfu.example.test/rtc',
  ticket: 't',
  iceServers: [],
  participant: { sid: 'PA_1', identity: 'alice' },
  ...(room === undefined ? {} : { room }),
});

describe('join response: the room', () => {
  it('carries the room name and mode', () => {
    assert.deepEqual(parseJoinResponse(body({ name: 'consult', mode: 'call' }), 200).room, { name: 'consult', mode: 'call' });
    assert.deepEqual(parseJoinResponse(body({ name: 'show', mode: 'broadcast' }), 200).room, { name: 'show', mode: 'broadcast' });
  });

  it('takes an unknown mode for a conference and an older answer without room as none', () => {
    assert.deepEqual(parseJoinResponse(body({ name: 'r', mode: 'hologram' }), 200).room, { name: 'r', mode: 'conference' });
    assert.equal(parseJoinResponse(body(undefined), 200).room, undefined);
  });

  it('refuses a room without a name', () => {
    assert.throws(() => parseJoinResponse(body({ mode: 'call' }), 200), (e: unknown) => e instanceof CpaasError && /room\.name/.test(e.message));
  });
});
