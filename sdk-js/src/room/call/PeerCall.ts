import type { RoomMode } from '../../api/JoinResponse.js';
import type { ForwardedMedia } from '../RoomRoster.js';
import type { WorkerSession } from '../WorkerSession.js';
import { decideCallRoute, type CallRoute } from './CallRoutePolicy.js';
import { DirectConnection, type DirectOutgoingTrack } from './DirectConnection.js';
import { decodePeerSignal, encodePeerSignal, type PeerSignal } from './PeerSignal.js';

/** What a peer call needs from its room. */
export interface PeerCallHost {
  /** The sids of the other participants now. */
  peerSids(): string[];
  /** Our published tracks with their sids. */
  localTracks(): DirectOutgoingTrack[];
  /** Hands the remote tracks to the roster; answers the sids the app does not want. */
  forward(media: readonly ForwardedMedia[]): string[];
  readonly log: (message: string) => void;
}

export interface PeerCallOptions {
  /** Connect call rooms peer to peer (default true); false sends everything through the SFU. */
  readonly enabled: boolean;
  /** How long a direct path may take to come up before the call moves to the SFU. */
  readonly connectTimeoutMs: number;
}

/**
 * The 1:1 call of a `call` room: while exactly two participants are in it, their media goes over
 * a direct connection (with the join answer's STUN/TURN servers) and the worker only relays the
 * signaling and keeps the roster; our tracks stay published at the worker with their media held
 * back. When the direct path fails, or a third participant comes, the call moves to the SFU by
 * itself: the held media is released, the worker's forwarded tracks replace the direct ones
 * (trackUnsubscribed, then trackSubscribed with the new track) and the direct connection closes.
 * Each side decides alone from the same facts, and tells the other with `fallback` when a path
 * failed, so both end up on the same route.
 */
export class PeerCall {
  private session: WorkerSession | undefined;
  private peerToPeer = false;
  private route: CallRoute = { kind: 'sfu' };
  private direct: DirectConnection | undefined;
  private sfuMedia: readonly ForwardedMedia[] = [];
  private readonly movedToSfu = new Set<string>();
  private readonly early = new Map<string, PeerSignal[]>();
  /** An offer and a few dozen candidates arrive before the roster catches up; more is not a negotiation. */
  private static readonly MAX_EARLY_SIGNALS = 64;

  constructor(
    private readonly host: PeerCallHost,
    private readonly options: PeerCallOptions,
  ) {}

  /** `peer` while the media goes over a direct connection, `sfu` otherwise. */
  get topology(): 'peer' | 'sfu' {
    return this.route.kind === 'direct' ? 'peer' : 'sfu';
  }

  /** The direct connection, while there is one. */
  get directConnection(): RTCPeerConnection | undefined {
    return this.direct?.pc;
  }

  /** A (new) session joined a room of `mode`; call once the roster holds its participants, before frames flow. */
  start(session: WorkerSession, mode: RoomMode): void {
    this.session = session;
    this.peerToPeer = this.options.enabled && mode === 'call';
    this.sfuMedia = [];
    this.route = { kind: 'sfu' };
    this.update();
  }

  /** The session is gone (reconnecting, disconnected): the direct connection goes with it. */
  stop(): void {
    this.closeDirect();
    this.early.clear();
    this.session = undefined;
    this.route = { kind: 'sfu' };
  }

  /** Someone joined, left or published: the route may change. */
  rosterChanged(): void {
    this.update();
  }

  /** Our publications changed: the direct connection follows. */
  localTracksChanged(): void {
    this.direct?.setLocalTracks(this.host.localTracks());
  }

  /** The worker's forwarded tracks; the roster gets them unless the call is direct. Answers the sids to unsubscribe. */
  forwarded(media: readonly ForwardedMedia[]): string[] {
    this.sfuMedia = media;
    return this.route.kind === 'sfu' ? this.host.forward(media) : [];
  }

  /** A `peerSignal` from participant `from`. */
  receive(from: string, body: Record<string, unknown>): void {
    const signal = decodePeerSignal(body, (reason) => this.host.log(`ignored peer signal from ${from}: ${reason}`));
    if (!signal || !this.session) return;
    if (signal.kind === 'fallback') {
      this.host.log(`${from} moved the call to the SFU: ${signal.reason}`);
      this.movedToSfu.add(from);
      this.update();
      return;
    }
    if (this.direct?.peerSid === from) {
      this.direct.receive(signal);
    } else if (this.movedToSfu.has(from)) {
      // It still tries the direct path we gave up: tell it again.
      this.send(from, { kind: 'fallback', reason: 'the call moved to the SFU' });
    } else {
      this.keepEarly(from, signal);
    }
  }

  /**
   * A newcomer knows us from its join answer and may offer before the worker's participantJoined
   * about it reaches us: its first signals wait here until we open the direct connection to it,
   * or the offer would be lost and neither side would ever connect.
   */
  private keepEarly(from: string, signal: PeerSignal): void {
    const kept = this.early.get(from) ?? [];
    if (kept.length >= PeerCall.MAX_EARLY_SIGNALS) {
      this.host.log(`ignored peer signal from ${from}: more than ${PeerCall.MAX_EARLY_SIGNALS} before it joined our roster`);
      return;
    }
    if (this.early.size >= PeerCall.MAX_EARLY_SIGNALS && !this.early.has(from)) return;
    kept.push(signal);
    this.early.set(from, kept);
  }

  private update(): void {
    const session = this.session;
    if (!session) return;
    const peerSids = this.host.peerSids();
    // A third participant moves the call to the SFU for good: it does not come back when one leaves.
    if (this.peerToPeer && peerSids.length > 1) peerSids.forEach((sid) => this.movedToSfu.add(sid));
    const next = decideCallRoute({ peerToPeer: this.peerToPeer, peerSids, movedToSfu: this.movedToSfu });
    const previous = this.route;
    this.route = next;
    if (next.kind === 'direct') {
      if (this.direct?.peerSid !== next.peerSid) {
        this.closeDirect();
        this.openDirect(session, next.peerSid);
      }
      this.host.forward(this.direct?.media ?? []);
    } else {
      this.closeDirect();
    }
    void session.setMediaHeld(next.kind !== 'sfu');
    if (next.kind === 'sfu' && previous.kind !== 'sfu') {
      this.host.log('the call goes through the SFU');
      const unwanted = this.host.forward(this.sfuMedia);
      if (unwanted.length > 0) session.signal.send({ type: 'subscription', trackSids: unwanted, subscribe: false });
    }
  }

  private openDirect(session: WorkerSession, peerSid: string): void {
    const direct = new DirectConnection({
      peerSid,
      polite: session.joined.participant.sid < peerSid,
      config: session.config,
      send: (signal) => this.send(peerSid, signal),
      connectTimeoutMs: this.options.connectTimeoutMs,
      log: this.host.log,
    });
    direct.on('media', (media) => {
      if (this.direct === direct) this.host.forward(media);
    });
    direct.on('failed', (reason) => {
      if (this.direct !== direct) return;
      this.movedToSfu.add(peerSid);
      this.send(peerSid, { kind: 'fallback', reason: `direct path failed: ${reason}` });
      this.update();
    });
    this.direct = direct;
    direct.setLocalTracks(this.host.localTracks());
    this.host.log(`connecting directly to ${peerSid}`);
    const early = this.early.get(peerSid) ?? [];
    this.early.delete(peerSid);
    if (early.length > 0) this.host.log(`applying ${early.length} signals ${peerSid} sent before it joined our roster`);
    early.forEach((signal) => direct.receive(signal));
  }

  private closeDirect(): void {
    this.direct?.close();
    this.direct = undefined;
  }

  private send(to: string, signal: PeerSignal): void {
    this.session?.signal.send({ type: 'peerSignal', to, signal: encodePeerSignal(signal) });
  }
}
