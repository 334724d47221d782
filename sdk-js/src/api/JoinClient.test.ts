import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CpaasError, SdkProblemType } from './CpaasError.js';
import { join } from './JoinClient.js';

interface Reply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

interface SeenRequest {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly authorization: string | undefined;
}

const validBody = {
  signalUrl: 'wss://sfu-1.example.test/v1/rtc/signal',
  ticket: 'tkt_123',
  iceServers: [
    { urls: 'stun:stun.example.test:3478' },
    { urls: ['turn:turn.example.test:3478?transport=udp'], username: 'u', credential: 'p' },
  ],
  participant: { sid: 'PA_1', identity: 'alice', name: 'Alice' },
  unknownFutureField: true,
};

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

const problem = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'Content-Type': 'application/problem+json', ...headers },
  body: JSON.stringify(body),
});

/** Awaits `promise`, asserts it rejected with a CpaasError and returns that error. */
async function rejection(promise: Promise<unknown>): Promise<CpaasError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof CpaasError, `expected a CpaasError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the promise to reject');
}

describe('join', () => {
  let server: Server;
  let baseUrl: string;
  let reply: Reply;
  let seen: SeenRequest[];

  before(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization });
      req.resume();
      req.on('end', () => {
        res.writeHead(reply.status, reply.headers ?? {});
        res.end(reply.body ?? '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  });

  beforeEach(() => {
    seen = [];
    reply = json(200, validBody);
  });

  it('POSTs the bearer token to /v1/rtc/join and returns the typed answer', async () => {
    const response = await join(baseUrl, 'tok.en.jwt');

    assert.deepEqual(seen, [{ method: 'POST', url: '/v1/rtc/join', authorization: 'Bearer tok.en.jwt' }]);
    assert.deepEqual(response, {
      signalUrl: validBody.signalUrl,
      ticket: 'tkt_123',
      iceServers: [
        { urls: 'stun:stun.example.test:3478' },
        { urls: ['turn:turn.example.test:3478?transport=udp'], username: 'u', credential: 'p' },
      ],
      participant: { sid: 'PA_1', identity: 'alice', name: 'Alice' },
    });
  });

  it('returns the room and its mode when the room service says them', async () => {
    reply = json(200, { ...validBody, room: { name: 'standup', mode: 'conference', future: true } });
    const response = await join(baseUrl, 'tok');
    assert.deepEqual(response.room, { name: 'standup', mode: 'conference' });
  });

  it('keeps a path prefix and ignores a trailing slash on the base URL', async () => {
    await join(`${baseUrl}/rooms-api/`, 'tok');
    assert.equal(seen[0]?.url, '/rooms-api/v1/rtc/join');
  });

  it('throws the problem document of a 401 as a CpaasError', async () => {
    reply = problem(401, {
      type: 'urn:cpaas:problem:unauthenticated',
      title: 'Authentication required',
      status: 401,
      detail: 'Token expired at 2025-01-01T00:00:00Z',
      instance: '/v1/rtc/join',
    });

    const error = await rejection(join(baseUrl, 'expired'));
    assert.equal(error.name, 'CpaasError');
    assert.equal(error.status, 401);
    assert.equal(error.type, 'urn:cpaas:problem:unauthenticated');
    assert.equal(error.title, 'Authentication required');
    assert.equal(error.detail, 'Token expired at 2025-01-01T00:00:00Z');
    assert.equal(error.instance, '/v1/rtc/join');
    assert.equal(error.retryAfter, undefined);
    assert.equal(error.retryable, false);
    assert.equal(error.message, '401 Authentication required: Token expired at 2025-01-01T00:00:00Z');
  });

  it('carries Retry-After seconds of a 503', async () => {
    reply = problem(
      503,
      { type: 'urn:cpaas:problem:unavailable', title: 'Service unavailable', status: 503, detail: 'No media server has capacity' },
      { 'Retry-After': '7' },
    );

    const error = await rejection(join(baseUrl, 'tok'));
    assert.equal(error.status, 503);
    assert.equal(error.type, 'urn:cpaas:problem:unavailable');
    assert.equal(error.detail, 'No media server has capacity');
    assert.equal(error.retryAfter, 7);
    assert.equal(error.retryable, true);
  });

  it('keeps the field errors of a validation problem', async () => {
    reply = problem(400, {
      type: 'urn:cpaas:problem:validation-failed',
      title: 'Request is not valid',
      errors: [{ field: 'room', message: 'must not be blank' }, { nonsense: 1 }],
    });
    const error = await rejection(join(baseUrl, 'tok'));
    assert.deepEqual(error.errors, [{ field: 'room', message: 'must not be blank' }]);
  });

  it('falls back to about:blank and the status line when the error body is not a problem', async () => {
    reply = { status: 502, headers: { 'Content-Type': 'text/html' }, body: '<h1>Bad Gateway</h1>' };
    const error = await rejection(join(baseUrl, 'tok'));
    assert.equal(error.status, 502);
    assert.equal(error.type, 'about:blank');
    assert.equal(error.title, 'Bad Gateway');
    assert.equal(error.detail, undefined);
  });

  it('rejects a 200 whose body is not JSON', async () => {
    reply = { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"signalUrl": ' };
    const error = await rejection(join(baseUrl, 'tok'));
    assert.equal(error.type, SdkProblemType.InvalidResponse);
    assert.equal(error.status, 200);
    assert.match(error.detail ?? '', /not valid JSON/);
  });

  it('rejects a 200 whose body has the wrong shape, naming the bad member', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [[1, 2], /not a JSON object/],
      [{ ...validBody, signalUrl: 42 }, /signalUrl must be a non-empty string/],
      [{ ...validBody, ticket: '' }, /ticket must be a non-empty string/],
      [{ ...validBody, iceServers: 'stun:x' }, /iceServers must be an array/],
      [{ ...validBody, iceServers: [{ urls: [] }] }, /iceServers\[0\]\.urls/],
      [{ ...validBody, iceServers: [{ urls: 'stun:x', username: 5 }] }, /iceServers\[0\]\.username/],
      [{ ...validBody, participant: undefined }, /participant must be an object/],
      [{ ...validBody, participant: { sid: 'PA_1' } }, /participant\.identity/],
      [{ ...validBody, room: 'r' }, /room must be an object/],
      [{ ...validBody, room: { mode: 'call' } }, /room\.name/],
    ];
    for (const [body, detail] of cases) {
      reply = json(200, body);
      const error = await rejection(join(baseUrl, 'tok'));
      assert.equal(error.type, SdkProblemType.InvalidResponse, `for ${JSON.stringify(body)}`);
      assert.match(error.detail ?? '', detail);
    }
  });

  it('reports a network failure with its cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const error = await rejection(join(`http://127.0.0.1:${port}`, 'tok'));
    assert.equal(error.type, SdkProblemType.Network);
    assert.equal(error.status, undefined);
    assert.equal(error.retryable, true);
    assert.ok(error.cause instanceof Error);
  });

  it('uses an injected fetch', async () => {
    const calls: Array<{ input: string; init: RequestInit }> = [];
    const fakeFetch = async (input: string, init: RequestInit): Promise<Response> => {
      calls.push({ input, init });
      return new Response(JSON.stringify(validBody), { status: 200, headers: { 'Content-Type': 'application/json' } });
    };
    const response = await join('https://rooms.example.test', 'tok', fakeFetch);
    assert.equal(response.ticket, 'tkt_123');
    assert.equal(calls[0]?.input, 'https://rooms.example.test/v1/rtc/join');
    assert.equal(calls[0]?.init.method, 'POST');
    assert.equal(seen.length, 0);
  });

  it('rejects unusable arguments before sending anything', async () => {
    const relative = await rejection(join('/relative', 'tok'));
    assert.equal(relative.type, SdkProblemType.InvalidArgument);
    const ws = await rejection(join('ws://127.0.0.1:1', 'tok'));
    assert.equal(ws.type, SdkProblemType.InvalidArgument);
    const empty = await rejection(join(baseUrl, '  '));
    assert.equal(empty.type, SdkProblemType.InvalidArgument);
    assert.equal(seen.length, 0);
  });
});
