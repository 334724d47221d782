import { CpaasError } from '../api/CpaasError.js';
import { join, type FetchLike } from '../api/JoinClient.js';
import { PeerCall } from './call/PeerCall.js';
import { DefaultReconnectPolicy } from './DefaultReconnectPolicy.js';
import { ConnectionState, DisconnectReason, RoomEvent, type RoomEventMap } from './events.js';
import { LocalParticipant, type LocalParticipantHost } from './participant/LocalParticipant.js';
import type { Participant } from './participant/Participant.js';
import type { RemoteParticipant } from './participant/RemoteParticipant.js';
import { decideOnLoss, reconnectLoop } from './ReconnectFlow.js';
import type { ReconnectPolicy } from './ReconnectPolicy.js';
import { RoomRoster, type RosterEmit } from './RoomRoster.js';
import { expiresWithin, tokenExpiresAt } from './RoomToken.js';
import type { SignalClientOptions } from './signal/SignalClient.js';
import type { ServerMessage } from './signal/messages.js';
import { SignalProblemType } from './signal/SignalProblemType.js';
import { SpeakerAndQuality } from './SpeakerAndQuality.js';
import type { RemoteTrackPublication } from './track/TrackPublication.js';
import { TypedEmitter } from './TypedEmitter.js';
import { WorkerSession, type SessionLoss } from './WorkerSession.js';

/** How long a media failure waits for the signaling socket to explain it (close code, `removed`). */
const MEDIA_LOSS_GRACE_MS = 1_000;
/** How long before its expiry the token is refreshed (or `tokenExpiring` emitted). */
const TOKEN_REFRESH_LEAD_MS = 60_000;
/** A rejoin refreshes a token that expires within this (clocks differ; the join takes time). */
const TOKEN_REJOIN_MARGIN_MS = 10_000;

export interface RoomOptions {
  /** Receive every published track without asking (default true); otherwise use `publication.setSubscribed(true)`. */
  readonly autoSubscribe?: boolean;
  /** When and how often to rejoin after losing the worker. Default {@link DefaultReconnectPolicy}. */
  readonly reconnectPolicy?: ReconnectPolicy;
  /** Retries of the first join when it fails for a reason that may pass. Default: 3 within 10 s. */
  readonly connectPolicy?: ReconnectPolicy;
  /** Extra peer connection settings, e.g. `{ iceTransportPolicy: 'relay' }` to force TURN. */
  readonly rtcConfig?: RTCConfiguration;
  /** `relay` sends all media through the TURN servers of the join answer (direct paths and the SFU alike). */
  readonly iceTransportPolicy?: RTCIceTransportPolicy;
  /** In `call` rooms, connect the two participants directly (default true); false keeps every call on the SFU. */
  readonly peerToPeer?: boolean;
  /** How long a direct path of a call may take to connect before the call moves to the SFU. Default 8 000 ms. */
  readonly peerConnectTimeoutMs?: number;
  /** Timeouts of the signaling socket. */
  readonly signal?: Omit<SignalClientOptions, 'webSocketFactory' | 'log'>;
  /** Replaces `fetch` for the join call. */
  readonly fetch?: FetchLike;
  /** Receives the SDK's diagnostic lines (default: none). */
  readonly log?: (message: string) => void;
  /**
   * Publish the camera in three simulcast layers so that each subscriber gets the layer its
   * screen and network suit. Default: when the room is a `conference` (a meeting), as the join
   * answer says; screen share and audio are always sent in one layer.
   */
  readonly simulcast?: boolean;
  /**
   * Gets a fresh room token from the app's back end. Called a minute before the held token
   * expires (half its life for shorter tokens) and before a rejoin with a token that expired;
   * without it the room emits `tokenExpiring` and the app may call `updateToken`. A call in
   * progress is never cut by its token's expiry: only joins (and rejoins) check it.
   */
  readonly refreshToken?: () => Promise<string>;
}

/**
 * A room: join it with {@link Room.connect}, then publish through `localParticipant` and follow
 * the others in `remoteParticipants` and the {@link RoomEvent}s. When the worker or the network
 * goes away the room rejoins through room-service by itself (`reconnecting` → `reconnected`),
 * republishing and resubscribing; it ends with `disconnected(reason)`.
 */
export class Room extends TypedEmitter<RoomEventMap> {
  state: ConnectionState = ConnectionState.Disconnected;
  /** The room's name, once connected. */
  name: string | undefined;
  private local: LocalParticipant | undefined;
  private session: WorkerSession | undefined;
  private readonly roster: RoomRoster;
  private readonly call: PeerCall;
  private readonly status: SpeakerAndQuality;
  private readonly policy: ReconnectPolicy;
  private readonly log: (message: string) => void;
  private url = '';
  private token = '';
  private tokenTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped on every connect/disconnect, so late results of an older attempt are dropped. */
  private generation = 0;

  constructor(private readonly options: RoomOptions = {}) {
    super();
    this.policy = options.reconnectPolicy ?? new DefaultReconnectPolicy();
    this.log = options.log ?? (() => {});
    this.roster = new RoomRoster(this.emitEvent, {
      autoSubscribe: options.autoSubscribe ?? true,
      requestSubscription: (publication, subscribe) => this.requestSubscription(publication, subscribe),
      requestVideoQuality: (publication, quality) => {
        if (publication.isSubscribed) this.session?.signal.send({ type: 'videoQuality', trackSid: publication.trackSid, quality });
      },
    });
    this.call = new PeerCall(
      {
        peerSids: () => [...this.roster.participants.values()].map((p) => p.sid),
        localTracks: () =>
          this.local ? [...this.local.trackPublications.values()].map((p) => ({ trackSid: p.trackSid, track: p.track.mediaStreamTrack })) : [],
        forward: (media) => this.roster.forwarded(media),
        log: this.log,
      },
      { enabled: options.peerToPeer ?? true, connectTimeoutMs: options.peerConnectTimeoutMs ?? 8_000 },
    );
    this.status = new SpeakerAndQuality(
      (identity) => (this.local?.identity === identity ? this.local : this.roster.participants.get(identity)),
      this.emitEvent,
    );
  }

  /** Creates a room and connects it: `const room = await Room.connect(url, token)`. */
  static async connect(url: string, token: string, options: RoomOptions = {}): Promise<Room> {
    const room = new Room(options);
    await room.connect(url, token);
    return room;
  }

  /**
   * How the media goes: `peer` while a call room's two participants are connected directly, `sfu`
   * when it goes through the worker (every other room, and calls that moved there).
   */
  get topology(): 'peer' | 'sfu' {
    return this.call.topology;
  }

  /** This browser's participant; available once connected. */
  get localParticipant(): LocalParticipant {
    if (!this.local) throw notConnected('localParticipant exists once the room is connected');
    return this.local;
  }

  /** Who is speaking, loudest first, as of the latest `activeSpeakersChanged`. */
  get activeSpeakers(): readonly Participant[] {
    return this.status.speakers;
  }

  /** The other participants by identity. */
  get remoteParticipants(): ReadonlyMap<string, RemoteParticipant> {
    return this.roster.participants;
  }

  /**
   * Joins the room `token` admits to through the room service at `url` (its base URL, e.g.
   * `https://rooms.example.com`). Rejects with a CpaasError: invalid-argument (bad URL),
   * `urn:cpaas:problem:invalid-token` / `unauthenticated` (expired or invalid token),
   * `limit-reached` (room or tenant full), signal-failed (worker unreachable).
   */
  async connect(url: string, token: string): Promise<void> {
    if (this.state !== ConnectionState.Disconnected) {
      throw new CpaasError({ type: 'urn:cpaas:sdk:invalid-argument', title: 'Invalid state', detail: `the room is ${this.state}` });
    }
    this.url = url;
    this.token = token;
    const generation = ++this.generation;
    this.state = ConnectionState.Connecting;
    try {
      const session = await this.openFirstSession(generation);
      if (generation !== this.generation) {
        session.close(true);
        throw notConnected('disconnect() was called while connecting');
      }
      const { participant, room, participants } = session.joined;
      this.name = room.name;
      this.local = new LocalParticipant(participant.sid, participant.identity, this.localHost(), participant.name, participant.metadata);
      this.local.permissions = participant.permissions;
      this.roster.reset(participants, false);
      this.call.start(session, session.join.room?.mode ?? 'conference');
      this.adopt(session);
      this.state = ConnectionState.Connected;
      this.armTokenTimer();
      // Leaving the page leaves the room at once, instead of the others seeing a frozen picture until timeouts.
      globalThis.addEventListener?.('pagehide', this.onPageHide);
      this.emit(RoomEvent.Connected);
    } catch (error) {
      if (generation === this.generation) this.state = ConnectionState.Disconnected;
      throw error;
    }
  }

  /** Leaves the room: sends `leave`, closes the connections, stops local captures. */
  async disconnect(): Promise<void> {
    if (this.state === ConnectionState.Disconnected) return;
    this.end(DisconnectReason.ClientInitiated, undefined, true);
  }

  /** Statistics of the peer connections (for quality displays and tests); `direct` is a call's peer-to-peer one. */
  async getStats(): Promise<{ publish?: RTCStatsReport; subscribe?: RTCStatsReport; direct?: RTCStatsReport }> {
    const publish = await this.session?.publishConnection?.getStats();
    const subscribe = await this.session?.subscribeConnection?.getStats();
    const direct = await this.call.directConnection?.getStats();
    return { ...(publish ? { publish } : {}), ...(subscribe ? { subscribe } : {}), ...(direct ? { direct } : {}) };
  }

  /**
   * Replaces the room token used for rejoining (after a network change or a worker failure), e.g.
   * on `tokenExpiring`. It must admit the same identity to the same room.
   */
  updateToken(token: string): void {
    if (token === '') throw new CpaasError({ type: 'urn:cpaas:sdk:invalid-argument', title: 'Invalid token', detail: 'the token is empty' });
    this.token = token;
    if (this.state !== ConnectionState.Disconnected) this.armTokenTimer();
  }

  /** For tests: drops the signaling socket as if the worker had gone away; the room reconnects. */
  simulateSignalLoss(): void {
    const session = this.session;
    if (session) this.onLost(session, { kind: 'signal', close: { code: 1006, reason: 'simulated' } });
  }

  private readonly emitEvent: RosterEmit = (event, ...args) => {
    this.emit(event, ...args);
  };

  private localHost(): LocalParticipantHost {
    return { session: () => this.session, emit: this.emitEvent, tracksChanged: () => this.call.localTracksChanged() };
  }

  /**
   * The first join, retried a few times on failures that may pass (room-service or the worker
   * unreachable for a moment, e.g. a worker that died and is not yet released); refusals (bad
   * URL, token, full room) fail at once.
   */
  private async openFirstSession(generation: number): Promise<WorkerSession> {
    let session: WorkerSession | undefined;
    const outcome = await reconnectLoop({
      policy: this.options.connectPolicy ?? new DefaultReconnectPolicy({ maxRetries: 3, maxElapsedMs: 10_000 }),
      cancelled: () => generation !== this.generation,
      attempt: async () => {
        session = await this.openSession();
      },
    });
    if (outcome.ok && session) return session;
    if (!outcome.ok && outcome.error !== undefined) throw outcome.error;
    throw notConnected('disconnect() was called while connecting');
  }

  private async openSession(): Promise<WorkerSession> {
    const response = await join(this.url, this.token, this.options.fetch);
    const { rtcConfig, iceTransportPolicy } = this.options;
    const session = new WorkerSession(response, {
      signal: { ...this.options.signal, log: this.log },
      ...(rtcConfig || iceTransportPolicy ? { rtcConfig: { ...rtcConfig, ...(iceTransportPolicy ? { iceTransportPolicy } : {}) } } : {}),
      ...(this.options.simulcast !== undefined ? { simulcast: this.options.simulcast } : {}),
    });
    try {
      await session.open();
    } catch (error) {
      session.close(false);
      throw error;
    }
    return session;
  }

  /** Makes `session` the room's current one and starts handling its frames. */
  private adopt(session: WorkerSession): void {
    this.session = session;
    session.on('message', (message) => {
      if (this.session === session) this.onMessage(message);
    });
    session.on('forwarded', (media, unsubscribe) => {
      if (this.session !== session) return;
      unsubscribe(this.call.forwarded(media));
      // A track forwarded anew (resubscribed, or after a reconnection) starts at high on the worker.
      for (const { trackSid, participantSid } of media) {
        const publication = this.roster.participantBySid(participantSid)?.publications.get(trackSid);
        if (publication && publication.videoQuality !== 'high' && publication.isDesired) {
          session.signal.send({ type: 'videoQuality', trackSid, quality: publication.videoQuality });
        }
      }
    });
    session.on('lost', (loss) => this.onLost(session, loss));
    session.start();
  }

  private onMessage(message: ServerMessage): void {
    if (this.roster.apply(message)) {
      this.call.rosterChanged();
      return;
    }
    const local = this.local;
    switch (message.type) {
      case 'peerSignal':
        this.call.receive(message.from, message.signal);
        return;
      case 'data': {
        const participant = this.roster.participants.get(message.from);
        this.emit(RoomEvent.DataReceived, { payload: message.payload, from: message.from, participant, topic: message.topic });
        return;
      }
      case 'trackMuted':
        if (local && message.participantSid === local.sid) {
          local.mutedByServer(message.trackSid, message.muted, message.serverMuted === true);
        }
        return;
      case 'trackUnpublished':
        if (local && message.participantSid === local.sid) local.unpublishedByServer(message.trackSid);
        return;
      case 'publishLayers':
        local?.setLayersActive(message.trackSid, message.layers).catch((error: unknown) => this.log(`publishLayers: ${String(error)}`));
        return;
      case 'participantUpdated':
        if (local && message.participant.sid === local.sid) {
          if (message.participant.permissions) local.permissions = message.participant.permissions;
          if (local.metadata !== message.participant.metadata) {
            const previous = local.metadata;
            local.metadata = message.participant.metadata;
            this.emit(RoomEvent.ParticipantMetadataChanged, previous, local);
          }
        }
        return;
      case 'activeSpeakers':
        this.status.applySpeakers(message.speakers);
        return;
      case 'connectionQuality':
        this.status.applyQuality(message.updates);
        return;
      case 'error':
        this.log(`worker error ${message.code}: ${message.message}`);
        return;
      default:
        return;
    }
  }

  private onLost(session: WorkerSession, loss: SessionLoss): void {
    if (this.session !== session || this.state !== ConnectionState.Connected) return;
    this.log(`session lost: ${JSON.stringify(loss)}`);
    if (loss.kind === 'media' && session.signal.isOpen) {
      // The worker tears the media down just before it closes a replaced or removed session's
      // socket: give the socket a moment to say so, or we would come back and kick out our successor.
      setTimeout(() => {
        if (session.signal.isOpen) this.decide(session, loss);
      }, MEDIA_LOSS_GRACE_MS);
      return;
    }
    this.decide(session, loss);
  }

  private decide(session: WorkerSession, loss: SessionLoss): void {
    if (this.session !== session || this.state !== ConnectionState.Connected) return;
    const decision = decideOnLoss(loss);
    if (!decision.reconnect) {
      this.end(decision.reason, undefined, false);
      return;
    }
    void this.reconnect();
  }

  private async reconnect(): Promise<void> {
    const generation = this.generation;
    this.state = ConnectionState.Reconnecting;
    this.call.stop();
    this.session?.close(false);
    this.session = undefined;
    this.roster.unbindAll();
    this.status.reset();
    this.emit(RoomEvent.Reconnecting);
    const outcome = await reconnectLoop({
      policy: this.policy,
      cancelled: () => generation !== this.generation,
      attempt: async () => {
        const session = await this.openSessionWithFreshToken();
        if (generation !== this.generation) {
          session.close(true);
          return;
        }
        try {
          const { participant, participants } = session.joined;
          const local = this.localParticipant;
          local.sid = participant.sid;
          if (participant.permissions) local.permissions = participant.permissions;
          this.roster.reset(participants, true);
          this.call.start(session, session.join.room?.mode ?? 'conference');
          this.adopt(session);
          await local.republish(session);
        } catch (error) {
          this.call.stop();
          this.session = undefined;
          session.close(false);
          throw error;
        }
      },
    });
    if (generation !== this.generation) return;
    if (outcome.ok) {
      this.state = ConnectionState.Connected;
      this.emit(RoomEvent.Reconnected);
      return;
    }
    this.log(`reconnection failed after ${outcome.attempts} attempts: ${String(outcome.error)}`);
    this.end(DisconnectReason.ReconnectFailed, outcome.error instanceof CpaasError ? outcome.error : undefined, false);
  }

  /**
   * A rejoin's join, with a fresh token when the held one has expired (or is about to), and once
   * more with a fresh one when room-service refuses the held one as invalid (401).
   */
  private async openSessionWithFreshToken(): Promise<WorkerSession> {
    const refresh = this.options.refreshToken;
    if (refresh && expiresWithin(this.token, TOKEN_REJOIN_MARGIN_MS, Date.now())) await this.refreshTokenNow(refresh);
    try {
      return await this.openSession();
    } catch (error) {
      if (!refresh || !(error instanceof CpaasError) || error.status !== 401) throw error;
      this.log('the room token was refused: rejoining with a fresh one');
      await this.refreshTokenNow(refresh);
      return this.openSession();
    }
  }

  private async refreshTokenNow(refresh: () => Promise<string>): Promise<void> {
    let token: string;
    try {
      token = await refresh();
    } catch (error) {
      // No status: the reconnect loop retries it (the back end may be back on the next attempt).
      throw new CpaasError({ type: 'urn:cpaas:sdk:token-refresh-failed', title: 'Token refresh failed',
        detail: `refreshToken() failed: ${String(error)}`, cause: error });
    }
    this.updateToken(token);
  }

  /** Refreshes the token (or emits `tokenExpiring`) ahead of its expiry. */
  private armTokenTimer(): void {
    clearTimeout(this.tokenTimer);
    const expiresAt = tokenExpiresAt(this.token);
    if (expiresAt === undefined) return;
    const now = Date.now();
    const lead = Math.min(TOKEN_REFRESH_LEAD_MS, Math.max(0, (expiresAt - now) / 2));
    const generation = this.generation;
    const token = this.token;
    this.tokenTimer = setTimeout(() => {
      if (generation !== this.generation || token !== this.token) return;
      const refresh = this.options.refreshToken;
      if (!refresh) {
        this.emit(RoomEvent.TokenExpiring, new Date(expiresAt));
        return;
      }
      this.refreshTokenNow(refresh).catch((error: unknown) => {
        this.log(`token refresh failed: ${String(error)}; the next rejoin tries again`);
        if (generation === this.generation && token === this.token) this.emit(RoomEvent.TokenExpiring, new Date(expiresAt));
      });
    }, Math.max(0, expiresAt - now - lead));
  }

  private readonly onPageHide = (): void => {
    void this.disconnect();
  };

  private end(reason: DisconnectReason, error: CpaasError | undefined, leave: boolean): void {
    this.generation++;
    clearTimeout(this.tokenTimer);
    globalThis.removeEventListener?.('pagehide', this.onPageHide);
    this.call.stop();
    this.session?.close(leave);
    this.session = undefined;
    this.status.reset();
    this.roster.clear();
    this.local?.clear();
    this.state = ConnectionState.Disconnected;
    this.emit(RoomEvent.Disconnected, reason, ...(error ? [error] : []));
  }

  private requestSubscription(publication: RemoteTrackPublication, subscribe: boolean): void {
    this.session?.signal.send({ type: 'subscription', trackSids: [publication.trackSid], subscribe });
    this.roster.subscriptionChanged(publication);
  }
}

function notConnected(detail: string): CpaasError {
  return new CpaasError({ type: SignalProblemType.NotConnected, title: 'Not connected', detail });
}
