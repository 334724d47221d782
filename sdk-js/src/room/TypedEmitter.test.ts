import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RoomEvent } from './events.js';
import { TypedEmitter } from './TypedEmitter.js';

type TestEvents = {
  connected: () => void;
  dataReceived: (payload: Uint8Array, from: string) => void;
};

describe('TypedEmitter', () => {
  it('calls listeners in order with the emitted arguments', () => {
    const emitter = new TypedEmitter<TestEvents>();
    const calls: string[] = [];
    emitter
      .on('dataReceived', (payload, from) => calls.push(`a:${payload.length}:${from}`))
      .on('dataReceived', (payload, from) => calls.push(`b:${payload.length}:${from}`));
    assert.equal(emitter.emit('dataReceived', new Uint8Array(3), 'alice'), true);
    assert.deepEqual(calls, ['a:3:alice', 'b:3:alice']);
  });

  it('returns false when nobody listens, and keeps events apart', () => {
    const emitter = new TypedEmitter<TestEvents>();
    let connected = 0;
    emitter.on('connected', () => connected++);
    assert.equal(emitter.emit('dataReceived', new Uint8Array(), 'bob'), false);
    assert.equal(connected, 0);
  });

  it('calls a once-listener a single time, even when emitted again from a listener', () => {
    const emitter = new TypedEmitter<TestEvents>();
    let count = 0;
    let nested = false;
    emitter.on('connected', () => {
      if (!nested) {
        nested = true;
        emitter.emit('connected');
      }
    });
    emitter.once('connected', () => count++);
    emitter.emit('connected');
    emitter.emit('connected');
    assert.equal(count, 1);
    assert.equal(emitter.listenerCount('connected'), 1);
  });

  it('removes listeners with off and removeAllListeners', () => {
    const emitter = new TypedEmitter<TestEvents>();
    let count = 0;
    const listener = (): void => {
      count++;
    };
    emitter.on('connected', listener).on('connected', listener);
    emitter.off('connected', listener);
    emitter.emit('connected');
    assert.equal(count, 1);
    emitter.off('connected', listener);
    assert.equal(emitter.listenerCount('connected'), 0);
    emitter.emit('connected');
    assert.equal(count, 1);

    emitter.on('connected', listener).on('dataReceived', () => count++);
    emitter.removeAllListeners('connected');
    assert.equal(emitter.listenerCount('connected'), 0);
    assert.equal(emitter.listenerCount('dataReceived'), 1);
    emitter.removeAllListeners();
    assert.equal(emitter.listenerCount('dataReceived'), 0);
  });

  it('removes a once-listener with off before it fires', () => {
    const emitter = new TypedEmitter<TestEvents>();
    let count = 0;
    const listener = (): void => {
      count++;
    };
    emitter.once('connected', listener);
    emitter.off('connected', listener);
    emitter.emit('connected');
    assert.equal(count, 0);
  });

  it('does not call listeners added during an emit until the next one', () => {
    const emitter = new TypedEmitter<TestEvents>();
    const calls: string[] = [];
    emitter.once('connected', () => {
      calls.push('first');
      emitter.on('connected', () => calls.push('added'));
    });
    emitter.emit('connected');
    assert.deepEqual(calls, ['first']);
    emitter.emit('connected');
    assert.deepEqual(calls, ['first', 'added']);
  });

  it('reports a throwing listener without skipping the others', () => {
    const errors: Array<[unknown, string]> = [];
    const emitter = new TypedEmitter<TestEvents>({ onListenerError: (error, event) => errors.push([error, event]) });
    const boom = new Error('boom');
    let after = 0;
    emitter.on('connected', () => {
      throw boom;
    });
    emitter.on('connected', () => after++);
    assert.equal(emitter.emit('connected'), true);
    assert.equal(after, 1);
    assert.deepEqual(errors, [[boom, 'connected']]);
  });

  it('checks event names and arguments at compile time', () => {
    const emitter = new TypedEmitter<TestEvents>();
    // @ts-expect-error: unknown event name
    emitter.on('nope', () => undefined);
    // @ts-expect-error: wrong argument types
    emitter.emit('dataReceived', 'not bytes', 42);
    // @ts-expect-error: missing arguments
    emitter.emit('dataReceived');
    assert.ok(true);
  });

  it('accepts an interface as event map', () => {
    interface Events {
      reconnecting: (attempt: number) => void;
    }
    const emitter = new TypedEmitter<Events>();
    const attempts: number[] = [];
    emitter.on('reconnecting', (attempt) => attempts.push(attempt));
    emitter.emit('reconnecting', 3);
    assert.deepEqual(attempts, [3]);
  });
});

describe('RoomEvent', () => {
  it('names every room event with a distinct, stable string', () => {
    const values = Object.values(RoomEvent);
    assert.equal(new Set(values).size, values.length);
    assert.deepEqual(values.sort(), [
      'activeSpeakersChanged',
      'connected',
      'connectionQualityChanged',
      'dataReceived',
      'disconnected',
      'localTrackPublished',
      'localTrackUnpublished',
      'participantJoined',
      'participantLeft',
      'participantMetadataChanged',
      'reconnected',
      'reconnecting',
      'tokenExpiring',
      'trackMuted',
      'trackPublished',
      'trackSubscribed',
      'trackUnmuted',
      'trackUnpublished',
      'trackUnsubscribed',
    ]);
    assert.equal(RoomEvent.ParticipantJoined, 'participantJoined');
  });
});
