import { CpaasError } from '../../api/CpaasError.js';
import { TypedEmitter } from '../TypedEmitter.js';
import {
  CloseCode,
  PROTOCOL_VERSION,
  SignalErrorCode,
  decodeServerMessage,
  encodeClientMessage,
  type ClientMessage,
  type JoinedMessage,
  type ServerMessage,
} from './messages.js';
import { SignalProblemType } from './SignalProblemType.js';

/** The part of the browser `WebSocket` the client uses; tests pass a fake. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketFactory = (url: string) => WebSocketLike;

/** How the socket ended. `removed` is set when the worker sent a `removed` frame before closing. */
export interface SignalClose {
  readonly code: number;
  readonly reason: string;
  readonly removed?: string;
}

export interface SignalClientEvents {
  message: (message: ServerMessage) => void;
  close: (close: SignalClose) => void;
}

export interface SignalClientOptions {
  readonly webSocketFactory?: WebSocketFactory;
  /** How long to wait for `joined` after opening the socket. Default 10 000 ms. */
  readonly joinTimeoutMs?: number;
  /** A ping is sent this often while joined. Default 5 000 ms. */
  readonly pingIntervalMs?: number;
  /** With nothing heard for this long the connection is declared lost. Default 15 000 ms. */
  readonly pingTimeoutMs?: number;
  readonly log?: (message: string) => void;
}

/** Close code the client reports when it declares the socket dead (no traffic for pingTimeoutMs). */
export const LOCAL_TIMEOUT_CLOSE = 4900;

const OPEN = 1;

/**
 * One WebSocket to a worker, speaking signaling protocol v1: opens it, joins with the ticket,
 * then sends frames and emits the decoded ones it receives. Keeps the connection honest with
 * pings: a worker that vanished without closing the TCP connection is noticed within
 * `pingTimeoutMs`. Emits `close` exactly once, whoever closed.
 */
export class SignalClient extends TypedEmitter<SignalClientEvents> {
  private socket: WebSocketLike | null = null;
  private closed = false;
  private removedReason: string | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private lastHeardAt = 0;
  /** Frames held until {@link release}: the worker may send e.g. a subscribeOffer before `joined`. */
  private held: ServerMessage[] | null = [];
  private readonly options: Required<Omit<SignalClientOptions, 'log'>> & { log: (m: string) => void };

  constructor(options: SignalClientOptions = {}) {
    super();
    this.options = {
      webSocketFactory: options.webSocketFactory ?? ((url) => new WebSocket(url) as unknown as WebSocketLike),
      joinTimeoutMs: options.joinTimeoutMs ?? 10_000,
      pingIntervalMs: options.pingIntervalMs ?? 5_000,
      pingTimeoutMs: options.pingTimeoutMs ?? 15_000,
      log: options.log ?? (() => {}),
    };
  }

  get isOpen(): boolean {
    return !this.closed && this.socket?.readyState === OPEN;
  }

  /**
   * Opens the socket and joins. Resolves with the `joined` frame; rejects with a CpaasError when
   * the socket cannot be opened, the ticket is refused, or no `joined` comes in time.
   */
  join(signalUrl: string, ticket: string): Promise<JoinedMessage> {
    if (this.socket) throw new Error('SignalClient.join called twice');
    return new Promise<JoinedMessage>((resolve, reject) => {
      let joined = false;
      let lastError: { code: string; message: string } | undefined;
      const fail = (error: CpaasError): void => {
        clearTimeout(timer);
        this.shutdown(error.detail ?? error.title, CloseCode.Normal);
        reject(error);
      };
      const timer = setTimeout(
        () =>
          fail(
            new CpaasError({
              type: SignalProblemType.SignalFailed,
              title: 'Signaling failed',
              detail: `no 'joined' from ${signalUrl} within ${this.options.joinTimeoutMs} ms`,
            }),
          ),
        this.options.joinTimeoutMs,
      );

      let socket: WebSocketLike;
      try {
        socket = this.options.webSocketFactory(signalUrl);
      } catch (cause) {
        clearTimeout(timer);
        reject(
          new CpaasError({
            type: SignalProblemType.SignalFailed,
            title: 'Signaling failed',
            detail: `cannot open ${signalUrl}: ${cause instanceof Error ? cause.message : String(cause)}`,
            cause,
          }),
        );
        return;
      }
      this.socket = socket;
      socket.onopen = () => {
        this.lastHeardAt = Date.now();
        this.sendRaw({ type: 'join', ticket, protocol: PROTOCOL_VERSION });
      };
      socket.onerror = () => {
        // Always followed by onclose, which carries the code.
      };
      socket.onmessage = (event) => {
        this.lastHeardAt = Date.now();
        if (typeof event.data !== 'string') return;
        const message = decodeServerMessage(event.data, (reason) => this.options.log(`ignored frame: ${reason}`));
        if (message === null) return;
        if (!joined && message.type === 'joined') {
          joined = true;
          clearTimeout(timer);
          this.startPings();
          resolve(message);
          return;
        }
        if (!joined && message.type === 'error') lastError = message;
        if (message.type === 'removed') this.removedReason = message.reason;
        if (this.held) this.held.push(message);
        else this.emit('message', message);
      };
      socket.onclose = (event) => {
        if (!joined) {
          clearTimeout(timer);
          this.closed = true;
          this.stopPings();
          const refused = event.code === CloseCode.InvalidTicket || lastError?.code === SignalErrorCode.InvalidTicket;
          reject(
            new CpaasError({
              type: refused ? SignalProblemType.InvalidTicket : SignalProblemType.SignalFailed,
              title: refused ? 'Join ticket refused' : 'Signaling failed',
              detail: `${signalUrl} closed with ${event.code}${event.reason ? ` (${event.reason})` : ''}${
                lastError ? `: ${lastError.message}` : ''
              }`,
            }),
          );
          return;
        }
        this.finish({ code: event.code, reason: event.reason });
      };
    });
  }

  /**
   * Starts emitting `message`: first the frames held since the socket opened (those that came
   * before or right after `joined`), then every new one. Call once the listeners are in place.
   */
  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const message of held) this.emit('message', message);
  }

  send(message: ClientMessage): boolean {
    if (!this.isOpen) return false;
    this.sendRaw(message);
    return true;
  }

  /** Sends `leave` (when open) and closes; emits `close` with 1000. */
  leave(): void {
    if (this.isOpen) this.sendRaw({ type: 'leave' });
    this.shutdown('left', CloseCode.Normal);
  }

  /** Closes without `leave`: the worker keeps the participant until its session times out or is replaced. */
  abandon(reason = 'abandoned'): void {
    this.shutdown(reason, CloseCode.Normal);
  }

  private shutdown(reason: string, code: number): void {
    const socket = this.socket;
    if (socket) {
      socket.onmessage = null;
      socket.onclose = null;
      try {
        socket.close(1000, reason);
      } catch {
        // already closing
      }
    }
    this.finish({ code, reason });
  }

  private finish(close: SignalClose): void {
    if (this.closed) return;
    this.closed = true;
    this.stopPings();
    this.emit('close', this.removedReason === undefined ? close : { ...close, removed: this.removedReason });
  }

  private sendRaw(message: ClientMessage): void {
    try {
      this.socket?.send(encodeClientMessage(message));
    } catch (error) {
      this.options.log(`send failed: ${String(error)}`);
    }
  }

  private startPings(): void {
    this.pingTimer = setInterval(() => {
      if (Date.now() - this.lastHeardAt > this.options.pingTimeoutMs) {
        const socket = this.socket;
        if (socket) {
          socket.onclose = null;
          socket.onmessage = null;
          try {
            socket.close(1000, 'ping timeout');
          } catch {
            // ignore
          }
        }
        this.finish({ code: LOCAL_TIMEOUT_CLOSE, reason: `nothing heard for ${this.options.pingTimeoutMs} ms` });
        return;
      }
      this.send({ type: 'ping', ts: Date.now() });
    }, this.options.pingIntervalMs);
  }

  private stopPings(): void {
    if (this.pingTimer !== undefined) clearInterval(this.pingTimer);
    this.pingTimer = undefined;
  }
}
