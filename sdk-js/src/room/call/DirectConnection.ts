import { PCTransport } from '../PCTransport.js';
import type { ForwardedMedia } from '../RoomRoster.js';
import { TypedEmitter } from '../TypedEmitter.js';
import type { DirectTrack, PeerSignal } from './PeerSignal.js';

/** One of our published tracks to send on the direct connection. */
export interface DirectOutgoingTrack {
  readonly trackSid: string;
  readonly track: MediaStreamTrack;
}

export interface DirectConnectionEvents {
  /** The peer's tracks arriving on this connection, by sid (the whole list, each time it changes). */
  media: (media: readonly ForwardedMedia[]) => void;
  /** The direct path failed (ICE failed, lost, or not connected in time); the connection is of no more use. */
  failed: (reason: string) => void;
}

export interface DirectConnectionOptions {
  readonly peerSid: string;
  /** The polite side gives way when both offer at once (perfect negotiation); exactly one of the two is. */
  readonly polite: boolean;
  readonly config: RTCConfiguration;
  /** Sends a signal to the peer through the worker. */
  readonly send: (signal: PeerSignal) => void;
  /** The path must be up within this time, or it counts as failed. */
  readonly connectTimeoutMs: number;
  readonly log: (message: string) => void;
}

/**
 * The peer-to-peer RTCPeerConnection of a 1:1 call: our tracks go straight to the other
 * participant and theirs come straight to us, with only the signaling through the worker. The
 * polite side makes the first offer; after it either side may renegotiate at any time — "perfect
 * negotiation" (W3C WebRTC §10.7): on glare the polite side rolls its offer back. Every description
 * names the sender's track sids by mid, so the receiver can tie its receivers to the publications
 * the worker announced. A data channel (opened by the polite side) makes the connection come up,
 * and prove the path, before any track is published.
 */
export class DirectConnection extends TypedEmitter<DirectConnectionEvents> {
  private readonly transport: PCTransport;
  private readonly sending = new Map<string, RTCRtpTransceiver>();
  private remoteTracks: readonly DirectTrack[] = [];
  private makingOffer = false;
  private ignoreOffer = false;
  private offerDeferred = false;
  private incoming: Promise<void> = Promise.resolve();
  private readonly connectTimer: ReturnType<typeof setTimeout>;
  private closed = false;

  constructor(private readonly options: DirectConnectionOptions) {
    super();
    this.transport = new PCTransport('direct', options.config);
    this.transport.onFailed = (reason) => this.fail(reason);
    const pc = this.transport.pc;
    // One side only: two negotiated channels on one SCTP id fail to start when both offer at once.
    if (options.polite) pc.createDataChannel('cpaas-direct');
    pc.addEventListener('negotiationneeded', () => void this.offer());
    pc.addEventListener('icecandidate', (event) => {
      if (event.candidate && event.candidate.candidate !== '') options.send({ kind: 'candidate', candidate: event.candidate.toJSON() });
    });
    const openedAt = Date.now();
    pc.addEventListener('signalingstatechange', () => {
      const transceivers = pc.getTransceivers().map((t) => `${t.mid}:${t.direction}/${t.currentDirection}`).join(' ');
      options.log(`direct signaling with ${options.peerSid}: ${pc.signalingState} after ${Date.now() - openedAt} ms [${transceivers}]`);
    });
    pc.addEventListener('connectionstatechange', () => {
      options.log(`direct connection to ${options.peerSid}: ${pc.connectionState} after ${Date.now() - openedAt} ms`);
      if (pc.connectionState === 'connected') clearTimeout(this.connectTimer);
    });
    this.connectTimer = setTimeout(() => {
      if (pc.connectionState !== 'connected') this.fail(`not connected within ${options.connectTimeoutMs} ms`);
    }, options.connectTimeoutMs);
  }

  get peerSid(): string {
    return this.options.peerSid;
  }

  get pc(): RTCPeerConnection {
    return this.transport.pc;
  }

  /** The peer's tracks that arrive here now, as the roster takes them. */
  get media(): ForwardedMedia[] {
    const transceivers = this.closed ? [] : this.pc.getTransceivers();
    return this.remoteTracks.flatMap(({ mid, trackSid }) => {
      const transceiver = transceivers.find((t) => t.mid === mid && t.currentDirection !== 'stopped');
      return transceiver ? [{ trackSid, participantSid: this.peerSid, mediaStreamTrack: transceiver.receiver.track }] : [];
    });
  }

  /** Sends exactly these tracks: adds new ones, stops removed ones, follows replaced captures. */
  setLocalTracks(tracks: readonly DirectOutgoingTrack[]): void {
    if (this.closed) return;
    const wanted = new Map(tracks.map((t) => [t.trackSid, t.track]));
    for (const [trackSid, transceiver] of [...this.sending]) {
      const track = wanted.get(trackSid);
      if (track === undefined) {
        this.sending.delete(trackSid);
        try {
          transceiver.stop();
        } catch {
          // closed already
        }
      } else if (transceiver.sender.track !== track) {
        void transceiver.sender.replaceTrack(track).catch((error: unknown) => this.options.log(`direct replaceTrack: ${String(error)}`));
      }
    }
    for (const [trackSid, track] of wanted) {
      if (!this.sending.has(trackSid)) this.sending.set(trackSid, this.pc.addTransceiver(track, { direction: 'sendonly' }));
    }
  }

  /** Takes a signal from the peer; signals are applied one at a time, in order. */
  receive(signal: PeerSignal): void {
    this.incoming = this.incoming
      .then(() => this.apply(signal))
      .catch((error: unknown) => this.options.log(`direct signal ${signal.kind} failed: ${String(error)}`));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.connectTimer);
    this.transport.close();
  }

  private async apply(signal: PeerSignal): Promise<void> {
    if (this.closed) return;
    const pc = this.pc;
    if (signal.kind === 'description') {
      const collision = signal.description.type === 'offer' && (this.makingOffer || pc.signalingState !== 'stable');
      this.ignoreOffer = !this.options.polite && collision;
      if (this.ignoreOffer) {
        this.options.log(`direct offer from ${this.peerSid} ignored: ours goes first (glare)`);
        return;
      }
      this.remoteTracks = signal.tracks;
      await pc.setRemoteDescription(signal.description);
      if (signal.description.type === 'offer') {
        await pc.setLocalDescription();
        this.sendDescription();
        if (this.offerDeferred) {
          this.offerDeferred = false;
          void this.offer();
        }
      }
      this.emit('media', this.media);
    } else if (signal.kind === 'candidate') {
      try {
        await pc.addIceCandidate(signal.candidate);
      } catch (error) {
        if (!this.ignoreOffer) throw error;
      }
    }
  }

  private async offer(): Promise<void> {
    if (this.closed) return;
    if (!this.options.polite && this.pc.remoteDescription === null) {
      // The first offer is the polite side's (it always has the data channel to negotiate). Offering
      // at the same time makes it roll its offer back, and Chromium then sometimes pairs our m-sections
      // with its rolled-back senders by mid: each side answers the other's tracks `inactive` and
      // renegotiates forever. Ours follows once we answered.
      this.offerDeferred = true;
      return;
    }
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      this.sendDescription();
    } catch (error) {
      this.options.log(`direct offer failed: ${String(error)}`);
    } finally {
      this.makingOffer = false;
    }
  }

  private sendDescription(): void {
    const local = this.pc.localDescription;
    if (this.closed || !local || (local.type !== 'offer' && local.type !== 'answer')) return;
    const tracks = [...this.sending].flatMap(([trackSid, t]) => (t.mid !== null && t.currentDirection !== 'stopped' ? [{ mid: t.mid, trackSid }] : []));
    this.options.send({ kind: 'description', description: { type: local.type, sdp: local.sdp }, tracks });
  }

  private fail(reason: string): void {
    if (this.closed) return;
    this.options.log(`direct connection to ${this.peerSid} failed: ${reason}`);
    this.emit('failed', reason);
  }
}
