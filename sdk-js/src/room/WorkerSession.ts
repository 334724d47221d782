import { CpaasError } from '../api/CpaasError.js';
import type { JoinResponse } from '../api/JoinResponse.js';
import { MediaHold } from './MediaHold.js';
import { PCTransport } from './PCTransport.js';
import type { ForwardedMedia } from './RoomRoster.js';
import { SignalClient, type SignalClientOptions, type SignalClose } from './signal/SignalClient.js';
import { SignalErrorCode, type JoinedMessage, type ServerMessage, type TrackInfo, type TrackSource } from './signal/messages.js';
import { SignalProblemType } from './signal/SignalProblemType.js';
import { simulcastEncodings } from './track/simulcast.js';
import { TypedEmitter } from './TypedEmitter.js';

/** Why a session ended without being asked to. */
export type SessionLoss = { readonly kind: 'signal'; readonly close: SignalClose } | { readonly kind: 'media'; readonly reason: string };

export interface WorkerSessionEvents {
  /** A frame for the room (roster, mute, data, errors not tied to a request). */
  message: (message: ServerMessage) => void;
  /**
   * The worker (re)negotiated the subscribe connection; the listener answers the sids to
   * unsubscribe before the answer goes out.
   */
  forwarded: (media: readonly ForwardedMedia[], unsubscribe: (trackSids: string[]) => void) => void;
  lost: (loss: SessionLoss) => void;
}

/** A track to send on the publish connection. */
export interface OutgoingTrack {
  readonly track: MediaStreamTrack;
  readonly source: TrackSource;
}

/** What publishing one track gave: its transceiver and, from the worker's answer, its sid. */
export interface PublishedTrack {
  readonly transceiver: RTCRtpTransceiver;
  readonly info: TrackInfo | undefined;
}

export interface WorkerSessionOptions {
  readonly signal?: SignalClientOptions;
  /** How long to wait for `publishAnswer`. Default 10 000 ms. */
  readonly answerTimeoutMs?: number;
  readonly rtcConfig?: RTCConfiguration;
  /**
   * Publish the camera in three simulcast layers. Default: when the join answer says the room is a
   * `conference` (or says no mode, as older room services do).
   */
  readonly simulcast?: boolean;
}

const PUBLISH_ERRORS: readonly string[] = [
  SignalErrorCode.NotAllowed,
  SignalErrorCode.MediaFailed,
  SignalErrorCode.BadMessage,
  SignalErrorCode.NotJoined,
];

interface PendingAnswer {
  resolve(answer: { sdp: string; tracks?: readonly TrackInfo[] }): void;
  reject(error: CpaasError): void;
}

/**
 * One joined session on one worker: the signaling socket and the two peer connections of
 * docs/signaling.md. A reconnection makes a new session (possibly on another worker); the room
 * moves its publications and subscriptions over.
 */
export class WorkerSession extends TypedEmitter<WorkerSessionEvents> {
  readonly signal: SignalClient;
  joined!: JoinedMessage;
  private publisher: PCTransport | undefined;
  private subscriber: PCTransport | undefined;
  private readonly sending = new Map<RTCRtpTransceiver, TrackSource>();
  private pendingAnswer: PendingAnswer | undefined;
  private closed = false;
  /** The peer connection settings of this session: the join answer's ICE servers (with TURN) and the app's options. */
  readonly config: RTCConfiguration;
  private readonly hold = new MediaHold();

  constructor(
    readonly join: JoinResponse,
    private readonly options: WorkerSessionOptions = {},
  ) {
    super();
    this.signal = new SignalClient(options.signal);
    this.config = {
      bundlePolicy: 'max-bundle',
      rtcpMuxPolicy: 'require',
      ...options.rtcConfig,
      iceServers: join.iceServers.map((s) => ({ ...s, urls: typeof s.urls === 'string' ? s.urls : [...s.urls] })),
    };
  }

  /** Opens the socket and joins; resolves with the `joined` frame. Frames after it wait for {@link start}. */
  async open(): Promise<JoinedMessage> {
    this.joined = await this.signal.join(this.join.signalUrl, this.join.ticket);
    this.signal.on('message', (message) => this.onMessage(message));
    this.signal.on('close', (close) => {
      this.failPending(new CpaasError({ type: SignalProblemType.NotConnected, title: 'Not connected', detail: 'signaling closed' }));
      if (!this.closed) this.emit('lost', { kind: 'signal', close });
    });
    return this.joined;
  }

  /** Starts handling frames (and those held since joining); call once the room listens. */
  start(): void {
    this.signal.release();
  }

  /**
   * Adds tracks to the publish connection and negotiates. Resolves once the worker answered; a
   * refusal (e.g. `not-allowed`) rejects with a CpaasError and leaves the connection as it was.
   */
  publish(tracks: readonly OutgoingTrack[]): Promise<PublishedTrack[]> {
    const publisher = this.ensurePublisher();
    return publisher.serially(async () => {
      const added = tracks.map(({ track, source }) => {
        const transceiver = publisher.pc.addTransceiver(track, this.transceiverInit(track, source));
        this.sending.set(transceiver, source);
        return transceiver;
      });
      try {
        await Promise.all(added.map((transceiver, i) => this.hold.add(transceiver, (tracks[i] as OutgoingTrack).track)));
        const answer = await this.negotiate(publisher);
        return added.map((transceiver) => ({ transceiver, info: answer.tracks?.find((t) => t.mid === transceiver.mid) }));
      } catch (error) {
        for (const transceiver of added) {
          this.sending.delete(transceiver);
          this.hold.remove(transceiver);
          void transceiver.sender.replaceTrack(null);
        }
        await publisher.rollback().catch(() => undefined);
        for (const transceiver of added) {
          try {
            transceiver.stop();
          } catch {
            // closed connection
          }
        }
        throw error;
      }
    });
  }

  /** Stops sending on `transceiver` and tells the worker the track is gone. */
  async unpublish(transceiver: RTCRtpTransceiver, trackSid: string): Promise<void> {
    const publisher = this.publisher;
    if (!publisher || !this.sending.has(transceiver)) return;
    this.sending.delete(transceiver);
    this.hold.remove(transceiver);
    this.signal.send({ type: 'unpublish', trackSid });
    await transceiver.sender.replaceTrack(null).catch(() => undefined);
    transceiver.direction = 'inactive';
    await publisher.serially(() => this.negotiate(publisher)).catch(() => undefined);
  }

  /**
   * Keeps the published tracks' media from the worker (true) or sends it again (false): a call
   * room holds it while the two participants are connected directly.
   */
  setMediaHeld(held: boolean): Promise<void> {
    return this.hold.set(held);
  }

  /** Puts another capture on a published track's sender (device switch), respecting the hold. */
  replaceTrack(transceiver: RTCRtpTransceiver, track: MediaStreamTrack): Promise<void> {
    return this.hold.replace(transceiver, track);
  }

  /** Closes everything; sends `leave` first when `leave` is true. Emits nothing. */
  close(leave: boolean): void {
    if (this.closed) return;
    this.closed = true;
    if (leave) this.signal.leave();
    else this.signal.abandon();
    this.publisher?.close();
    this.subscriber?.close();
  }

  /** Whether this session publishes cameras with simulcast. */
  get simulcast(): boolean {
    return this.options.simulcast ?? (this.join.room?.mode ?? 'conference') === 'conference';
  }

  /** Camera video in a meeting goes out in three layers (q, h, f); screen share and audio in one. */
  private transceiverInit(track: MediaStreamTrack, source: TrackSource): RTCRtpTransceiverInit {
    if (!this.simulcast || source !== 'camera' || track.kind !== 'video') return { direction: 'sendonly' };
    const settings = typeof track.getSettings === 'function' ? track.getSettings() : {};
    return { direction: 'sendonly', sendEncodings: simulcastEncodings(settings.width, settings.height) };
  }

  get publishConnection(): RTCPeerConnection | undefined {
    return this.publisher?.pc;
  }

  get subscribeConnection(): RTCPeerConnection | undefined {
    return this.subscriber?.pc;
  }

  private async negotiate(publisher: PCTransport): Promise<{ sdp: string; tracks?: readonly TrackInfo[] }> {
    const sdp = await publisher.createOffer();
    const tracks = [...this.sending].map(([transceiver, source]) => ({ mid: transceiver.mid ?? '', source }));
    const answer = this.awaitAnswer();
    if (!this.signal.send({ type: 'publish', sdp, tracks })) {
      this.failPending(new CpaasError({ type: SignalProblemType.NotConnected, title: 'Not connected', detail: 'signaling is closed' }));
    }
    const received = await answer;
    await publisher.acceptAnswer(received.sdp);
    return received;
  }

  private awaitAnswer(): Promise<{ sdp: string; tracks?: readonly TrackInfo[] }> {
    const timeoutMs = this.options.answerTimeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingAnswer = undefined;
        reject(
          new CpaasError({ type: SignalProblemType.MediaFailed, title: 'Publishing failed', detail: `no publishAnswer within ${timeoutMs} ms` }),
        );
      }, timeoutMs);
      this.pendingAnswer = {
        resolve: (a) => {
          clearTimeout(timer);
          resolve(a);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
    });
  }

  private failPending(error: CpaasError): void {
    const pending = this.pendingAnswer;
    this.pendingAnswer = undefined;
    pending?.reject(error);
  }

  private onMessage(message: ServerMessage): void {
    if (message.type === 'publishAnswer') {
      const pending = this.pendingAnswer;
      this.pendingAnswer = undefined;
      pending?.resolve(message);
      return;
    }
    if (message.type === 'subscribeOffer') {
      void this.answerSubscribe(message.sdp, message.tracks);
      return;
    }
    if (message.type === 'error' && this.pendingAnswer && PUBLISH_ERRORS.includes(message.code)) {
      const notAllowed = message.code === SignalErrorCode.NotAllowed;
      this.failPending(
        new CpaasError({
          type: notAllowed ? SignalProblemType.NotAllowed : SignalProblemType.MediaFailed,
          title: notAllowed ? 'Not allowed to publish' : 'Publishing failed',
          detail: `${message.code}: ${message.message}`,
        }),
      );
      return;
    }
    this.emit('message', message);
  }

  private answerSubscribe(sdp: string, tracks: readonly { mid: string; trackSid: string; participantSid: string }[]): Promise<void> {
    const subscriber = this.ensureSubscriber();
    return subscriber
      .serially(async () => {
        await subscriber.acceptOffer(sdp);
        const transceivers = subscriber.pc.getTransceivers();
        const media: ForwardedMedia[] = tracks.map((t) => ({
          trackSid: t.trackSid,
          participantSid: t.participantSid,
          mediaStreamTrack: transceivers.find((x) => x.mid === t.mid)?.receiver.track,
        }));
        this.emit('forwarded', media, (trackSids) => {
          if (trackSids.length > 0) this.signal.send({ type: 'subscription', trackSids, subscribe: false });
        });
        const answer = await subscriber.createAnswer();
        this.signal.send({ type: 'subscribeAnswer', sdp: answer });
      })
      .catch((error: unknown) => {
        if (!this.closed) this.emit('lost', { kind: 'media', reason: `subscribe negotiation failed: ${String(error)}` });
      });
  }

  private ensurePublisher(): PCTransport {
    if (this.closed) {
      throw new CpaasError({ type: SignalProblemType.NotConnected, title: 'Not connected', detail: 'the session is closed' });
    }
    if (!this.publisher) {
      this.publisher = new PCTransport('publish', this.config);
      this.publisher.onFailed = (reason) => {
        if (!this.closed) this.emit('lost', { kind: 'media', reason });
      };
    }
    return this.publisher;
  }

  private ensureSubscriber(): PCTransport {
    if (!this.subscriber) {
      this.subscriber = new PCTransport('subscribe', this.config);
      this.subscriber.onFailed = (reason) => {
        if (!this.closed) this.emit('lost', { kind: 'media', reason });
      };
    }
    return this.subscriber;
  }
}
