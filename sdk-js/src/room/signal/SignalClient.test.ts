import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CpaasError } from '../../api/CpaasError.js';
import { LOCAL_TIMEOUT_CLOSE, SignalClient, type SignalClose, type WebSocketLike } from './SignalClient.js';
import type { ServerMessage } from './messages.js';

/** A scripted WebSocket: the test plays the worker. */
class FakeSocket implements WebSocketLike {
  readyState = 0;
  sent: Array<Record<string, unknown>> = [];
  closedWith: number | undefined;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(code?: number): void {
    this.closedWith = code;
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: unknown): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
}

const joined = { type: 'joined', protocol: 1, participant: { sid: 'PA_me', identity: 'me', tracks: [] }, room: { name: 'r' }, participants: [] };

function client(options: { joinTimeoutMs?: number; pingIntervalMs?: number; pingTimeoutMs?: number } = {}) {
  let socket: FakeSocket | undefined;
  const signal = new SignalClient({
    ...options,
    webSocketFactory: (url) => {
      socket = new FakeSocket(url);
      return socket;
    },
  });
  return { signal, socket: () => socket as FakeSocket };
}

describe('SignalClient', () => {
  it('sends join with the ticket once open and resolves with joined', async () => {
    const { signal, socket } = client();
    const joining = signal.join('ws://w/rtc', 'tkt');
    socket().open();
    assert.deepEqual(socket().sent, [{ type: 'join', ticket: 'tkt', protocol: 1 }]);
    socket().receive(joined);
    assert.equal((await joining).participant.identity, 'me');
    signal.abandon();
  });

  it('holds frames that come before or with joined until released, then keeps their order', async () => {
    const { signal, socket } = client();
    const joining = signal.join('ws://w/rtc', 'tkt');
    socket().open();
    socket().receive({ type: 'subscribeOffer', sdp: 'v=0', tracks: [] });
    socket().receive(joined);
    await joining;
    socket().receive({ type: 'data', from: 'a', payload: '1' });
    const seen: ServerMessage['type'][] = [];
    signal.on('message', (m) => seen.push(m.type));
    assert.deepEqual(seen, []);
    signal.release();
    socket().receive({ type: 'data', from: 'a', payload: '2' });
    assert.deepEqual(seen, ['subscribeOffer', 'data', 'data']);
    signal.abandon();
  });

  it('rejects with invalid-ticket when the worker refuses the ticket', async () => {
    const { signal, socket } = client();
    const joining = signal.join('ws://w/rtc', 'old');
    socket().open();
    socket().receive({ type: 'error', code: 'invalid-ticket', message: 'expired' });
    socket().drop(4003, 'invalid ticket');
    const error = await joining.then(() => assert.fail('joined'), (e: unknown) => e);
    assert.ok(error instanceof CpaasError);
    assert.equal(error.type, 'urn:cpaas:sdk:invalid-ticket');
    assert.match(error.detail ?? '', /expired/);
  });

  it('rejects with signal-failed when no joined comes in time', async () => {
    const { signal, socket } = client({ joinTimeoutMs: 20 });
    const joining = signal.join('ws://w/rtc', 'tkt');
    socket().open();
    const error = await joining.then(() => assert.fail('joined'), (e: unknown) => e);
    assert.ok(error instanceof CpaasError);
    assert.equal(error.type, 'urn:cpaas:sdk:signal-failed');
    assert.equal(socket().closedWith, 1000);
  });

  it('reports the close code once, with the reason of a preceding removed frame', async () => {
    const { signal, socket } = client();
    const joining = signal.join('ws://w/rtc', 'tkt');
    socket().open();
    socket().receive(joined);
    await joining;
    signal.release();
    const closes: SignalClose[] = [];
    signal.on('close', (c) => closes.push(c));
    socket().receive({ type: 'removed', reason: 'room_ended' });
    socket().drop(4002, 'removed');
    signal.abandon();
    assert.deepEqual(closes, [{ code: 4002, reason: 'removed', removed: 'room_ended' }]);
  });

  it('pings while joined and declares the socket dead when nothing comes back', async () => {
    const { signal, socket } = client({ pingIntervalMs: 10, pingTimeoutMs: 35 });
    const joining = signal.join('ws://w/rtc', 'tkt');
    socket().open();
    socket().receive(joined);
    await joining;
    const closed = new Promise<SignalClose>((resolve) => signal.on('close', resolve));
    const close = await closed;
    assert.equal(close.code, LOCAL_TIMEOUT_CLOSE);
    assert.ok(socket().sent.some((m) => m['type'] === 'ping'));
    assert.equal(signal.send({ type: 'leave' }), false);
  });

  it('sends leave before closing on leave()', async () => {
    const { signal, socket } = client();
    const joining = signal.join('ws://w/rtc', 'tkt');
    socket().open();
    socket().receive(joined);
    await joining;
    signal.leave();
    assert.deepEqual(socket().sent.at(-1), { type: 'leave' });
    assert.equal(socket().closedWith, 1000);
  });
});
