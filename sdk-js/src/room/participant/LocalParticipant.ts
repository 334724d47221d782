import { CpaasError, SdkProblemType } from '../../api/CpaasError.js';
import type { RosterEmit } from '../RoomRoster.js';
import type { ParticipantPermissions, TrackSource } from '../signal/messages.js';
import { SignalProblemType } from '../signal/SignalProblemType.js';
import { DEFAULT_VIDEO, capture, createLocalTracks, createScreenTracks } from '../track/createLocalTracks.js';
import { LocalTrack } from '../track/LocalTrack.js';
import { applyLayerActivity, type LayerActivity } from '../track/simulcast.js';
import { LocalTrackPublication } from '../track/TrackPublication.js';
import type { WorkerSession } from '../WorkerSession.js';
import { Participant } from './Participant.js';

/** What the local participant needs from its room. */
export interface LocalParticipantHost {
  /** The current session, undefined while (re)connecting. */
  session(): WorkerSession | undefined;
  readonly emit: RosterEmit;
  /** Our publications or their captures changed (a call's direct connection follows them). */
  readonly tracksChanged?: () => void;
}

export interface PublishOptions {
  /** Default: camera for video, microphone for audio. */
  readonly source?: TrackSource;
}

export interface DataPublishOptions {
  readonly topic?: string;
  /** Send only to these identities; to everyone else in the room when absent. */
  readonly destinationIdentities?: readonly string[];
}

/**
 * This browser's participant: publishes camera, microphone and screen, mutes, switches devices
 * and sends data. Publications survive reconnections: the room republishes them on the new
 * session (their sids change).
 */
export class LocalParticipant extends Participant {
  /** Publications by track sid. */
  private readonly publications = new Map<string, LocalTrackPublication>();
  /** Grants as the worker reported them, when it does. */
  permissions: ParticipantPermissions | undefined;

  /** @internal The room creates its local participant; apps get it from `room.localParticipant`. */
  constructor(
    sid: string,
    identity: string,
    private readonly host: LocalParticipantHost,
    name?: string,
    metadata?: string,
  ) {
    super(sid, identity, name, metadata);
  }

  override get trackPublications(): ReadonlyMap<string, LocalTrackPublication> {
    return this.publications;
  }

  override getTrackPublication(source: TrackSource): LocalTrackPublication | undefined {
    return super.getTrackPublication(source) as LocalTrackPublication | undefined;
  }

  /** Publishes a captured track (a `LocalTrack` or a plain `MediaStreamTrack`). */
  async publishTrack(track: LocalTrack | MediaStreamTrack, options: PublishOptions = {}): Promise<LocalTrackPublication> {
    const local =
      track instanceof LocalTrack ? track : new LocalTrack(track, options.source ?? (track.kind === 'audio' ? 'microphone' : 'camera'));
    const [publication] = await this.publishAll([local]);
    if (!publication) throw new Error('unreachable: one track published, none returned');
    return publication;
  }

  /** Stops publishing; stops the capture too unless `stopTrack` is false. */
  async unpublishTrack(trackOrPublication: LocalTrack | LocalTrackPublication, stopTrack = true): Promise<void> {
    const publication =
      trackOrPublication instanceof LocalTrackPublication
        ? trackOrPublication
        : [...this.publications.values()].find((p) => p.track === trackOrPublication);
    if (!publication || this.publications.get(publication.trackSid) !== publication) return;
    this.publications.delete(publication.trackSid);
    const session = this.host.session();
    if (session && publication.transceiver) await session.unpublish(publication.transceiver, publication.trackSid);
    publication.transceiver = undefined;
    if (stopTrack) publication.track.stop();
    this.host.tracksChanged?.();
    this.host.emit('localTrackUnpublished', publication, this);
  }

  /**
   * Captures camera and microphone with one permission prompt and publishes both in one
   * negotiation: the quickest way to be seen and heard after joining.
   */
  async enableCameraAndMicrophone(video: MediaTrackConstraints = DEFAULT_VIDEO): Promise<LocalTrackPublication[]> {
    const wanted = { audio: !this.getTrackPublication('microphone'), video: this.getTrackPublication('camera') ? false : video };
    const tracks = wanted.audio || wanted.video ? await createLocalTracks(wanted) : [];
    const published = await (tracks.length === 0 ? Promise.resolve([]) : this.publishAll(tracks)).catch((error: unknown) => {
      tracks.forEach((t) => t.stop());
      throw error;
    });
    for (const source of ['camera', 'microphone'] as const) {
      const publication = this.getTrackPublication(source);
      if (publication?.isMuted) await this.setMuted(publication, false);
    }
    return published;
  }

  /** Turns the camera on (capturing and publishing it the first time) or off (muted). */
  setCameraEnabled(enabled: boolean, constraints: MediaTrackConstraints = DEFAULT_VIDEO): Promise<LocalTrackPublication | undefined> {
    return this.setSourceEnabled('camera', enabled, () => createLocalTracks({ video: constraints }));
  }

  /** Turns the microphone on (capturing and publishing it the first time) or off (muted). */
  setMicrophoneEnabled(enabled: boolean, constraints: MediaTrackConstraints | true = true): Promise<LocalTrackPublication | undefined> {
    return this.setSourceEnabled('microphone', enabled, () => createLocalTracks({ audio: constraints }));
  }

  /** Starts sharing a screen (`getDisplayMedia`, with its audio when `audio`) or stops sharing it. */
  async setScreenShareEnabled(enabled: boolean, options: { audio?: boolean } = {}): Promise<LocalTrackPublication | undefined> {
    if (!enabled) {
      for (const source of ['screen', 'screen_audio'] as const) {
        const publication = this.getTrackPublication(source);
        if (publication) await this.unpublishTrack(publication);
      }
      return undefined;
    }
    const existing = this.getTrackPublication('screen');
    if (existing) return existing;
    const tracks = await createScreenTracks(options);
    const publications = await this.publishAll(tracks).catch((error: unknown) => {
      tracks.forEach((t) => t.stop());
      throw error;
    });
    // The browser's own "Stop sharing" button ends the capture: unpublish with it.
    for (const publication of publications) {
      publication.track.mediaStreamTrack.addEventListener('ended', () => void this.unpublishTrack(publication));
    }
    return publications.find((p) => p.source === 'screen');
  }

  /** Sends a data message to the room, or to `destinationIdentities`; relayed in order. */
  publishData(payload: string, options: DataPublishOptions = {}): void {
    if (typeof payload !== 'string') {
      throw new CpaasError({ type: SdkProblemType.InvalidArgument, title: 'Invalid argument', detail: 'payload must be a string' });
    }
    if (this.permissions && !this.permissions.publishData) throw notAllowed('this token does not allow sending data');
    const sent = this.host.session()?.signal.send({
      type: 'data',
      payload,
      ...(options.topic !== undefined ? { topic: options.topic } : {}),
      ...(options.destinationIdentities !== undefined ? { to: [...options.destinationIdentities] } : {}),
    });
    if (!sent) throw notConnected('data cannot be sent while the room is not connected');
  }

  /** Switches the camera (`videoinput`) or microphone (`audioinput`) to another device, without renegotiating. */
  async switchActiveDevice(kind: 'videoinput' | 'audioinput', deviceId: string): Promise<void> {
    const publication = this.getTrackPublication(kind === 'videoinput' ? 'camera' : 'microphone');
    if (!publication) return;
    const constraints: MediaStreamConstraints =
      kind === 'videoinput' ? { video: { ...DEFAULT_VIDEO, deviceId: { exact: deviceId } } } : { audio: { deviceId: { exact: deviceId } } };
    const stream = await capture(() => navigator.mediaDevices.getUserMedia(constraints), kind === 'videoinput' ? 'camera' : 'microphone');
    const next = stream.getTracks()[0];
    if (!next) throw new Error('getUserMedia returned no track');
    const previous = publication.track.mediaStreamTrack;
    publication.track.replaceMediaStreamTrack(next);
    const session = this.host.session();
    if (publication.transceiver) await (session ? session.replaceTrack(publication.transceiver, next) : publication.transceiver.sender.replaceTrack(next));
    this.host.tracksChanged?.();
    previous.stop();
  }

  /** @internal Publishes the tracks in one negotiation. */
  async publishAll(tracks: readonly LocalTrack[]): Promise<LocalTrackPublication[]> {
    for (const track of tracks) {
      if (this.permissions && !this.permissions.publish) throw notAllowed('this token does not allow publishing');
      if (this.permissions?.sources && !this.permissions.sources.includes(track.source)) {
        throw notAllowed(`this token does not allow publishing ${track.source}`);
      }
      if (this.getTrackPublication(track.source)) {
        throw new CpaasError({
          type: SdkProblemType.InvalidArgument,
          title: 'Invalid argument',
          detail: `a ${track.source} track is published already; unpublish it or switch its device`,
        });
      }
    }
    const session = this.host.session();
    if (!session) throw notConnected('publish once the room is connected');
    const published = await session.publish(tracks.map((track) => ({ track: track.mediaStreamTrack, source: track.source })));
    const publications = published.map(({ transceiver, info }, i) => {
      const track = tracks[i] as LocalTrack;
      const publication = new LocalTrackPublication(info?.sid ?? `local_${transceiver.mid ?? i}`, track);
      publication.transceiver = transceiver;
      publication.muteHandler = (p, muted) => this.setMuted(p, muted);
      this.publications.set(publication.trackSid, publication);
      this.host.emit('localTrackPublished', publication, this);
      if (track.isMuted) session.signal.send({ type: 'mute', trackSid: publication.trackSid, muted: true });
      return publication;
    });
    this.host.tracksChanged?.();
    return publications;
  }

  /** @internal After a reconnection: publishes every publication again on the new session. */
  async republish(session: WorkerSession): Promise<void> {
    const publications = [...this.publications.values()];
    if (publications.length === 0) return;
    // Kept as they are until the new session answered: a failed attempt leaves them for the next one.
    const published = await session.publish(publications.map((p) => ({ track: p.track.mediaStreamTrack, source: p.source })));
    this.publications.clear();
    published.forEach(({ transceiver, info }, i) => {
      const publication = publications[i] as LocalTrackPublication;
      publication.trackSid = info?.sid ?? `local_${transceiver.mid ?? i}`;
      publication.transceiver = transceiver;
      this.publications.set(publication.trackSid, publication);
      if (publication.isMuted) session.signal.send({ type: 'mute', trackSid: publication.trackSid, muted: true });
    });
    this.host.tracksChanged?.();
  }

  /** @internal The worker unpublished one of our tracks (permissions changed). */
  unpublishedByServer(trackSid: string): void {
    const publication = this.publications.get(trackSid);
    if (!publication) return;
    this.publications.delete(trackSid);
    void publication.transceiver?.sender.replaceTrack(null);
    publication.track.stop();
    this.host.tracksChanged?.();
    this.host.emit('localTrackUnpublished', publication, this);
  }

  /** @internal The server muted or unmuted one of our tracks. */
  mutedByServer(trackSid: string, muted: boolean, serverMuted: boolean): void {
    const publication = this.publications.get(trackSid);
    if (!publication) return;
    publication.isServerMuted = serverMuted && muted;
    if (publication.isMuted === muted) return;
    publication.isMuted = muted;
    publication.track.setEnabled(!muted);
    this.host.emit(muted ? 'trackMuted' : 'trackUnmuted', publication, this);
  }

  /**
   * @internal Dynacast: the worker asks to pause the simulcast layers no one watches, or to resume
   * them (`publishLayers`); the sender's encodings get `active` accordingly.
   */
  async setLayersActive(trackSid: string, layers: readonly LayerActivity[]): Promise<void> {
    const sender = this.publications.get(trackSid)?.transceiver?.sender;
    if (!sender) return;
    const parameters = sender.getParameters();
    const encodings = applyLayerActivity(parameters.encodings ?? [], layers);
    if (!encodings) return;
    await sender.setParameters({ ...parameters, encodings });
  }

  /** @internal Forgets publications when the room is gone; stops their captures. */
  clear(): void {
    for (const publication of this.publications.values()) publication.track.stop();
    this.publications.clear();
  }

  private async setMuted(publication: LocalTrackPublication, muted: boolean): Promise<void> {
    if (publication.isMuted === muted) return;
    if (!muted && publication.isServerMuted) {
      throw notAllowed(`the ${publication.source} was muted by the server; only the server can unmute it`);
    }
    publication.track.setEnabled(!muted);
    publication.isMuted = muted;
    this.host.session()?.signal.send({ type: 'mute', trackSid: publication.trackSid, muted });
    this.host.emit(muted ? 'trackMuted' : 'trackUnmuted', publication, this);
  }

  private async setSourceEnabled(
    source: 'camera' | 'microphone',
    enabled: boolean,
    create: () => Promise<LocalTrack[]>,
  ): Promise<LocalTrackPublication | undefined> {
    const existing = this.getTrackPublication(source);
    if (existing) {
      await this.setMuted(existing, !enabled);
      return existing;
    }
    if (!enabled) return undefined;
    const tracks = await create();
    try {
      const [publication] = await this.publishAll(tracks);
      return publication;
    } catch (error) {
      tracks.forEach((t) => t.stop());
      throw error;
    }
  }
}

function notAllowed(detail: string): CpaasError {
  return new CpaasError({ type: SignalProblemType.NotAllowed, title: 'Not allowed', detail });
}

function notConnected(detail: string): CpaasError {
  return new CpaasError({ type: SignalProblemType.NotConnected, title: 'Not connected', detail });
}
