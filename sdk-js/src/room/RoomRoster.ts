import type { RoomEventMap } from './events.js';
import { RemoteParticipant } from './participant/RemoteParticipant.js';
import type { ParticipantInfo, ServerMessage, TrackInfo } from './signal/messages.js';
import { RemoteTrack } from './track/RemoteTrack.js';
import type { VideoQuality } from './track/simulcast.js';
import { RemoteTrackPublication } from './track/TrackPublication.js';

/** Emits one room event; the room passes its own emitter. */
export type RosterEmit = <E extends keyof RoomEventMap>(event: E, ...args: Parameters<RoomEventMap[E]>) => void;

/** A track the worker forwards on the subscribe connection, with the receiver's media track when known. */
export interface ForwardedMedia {
  readonly trackSid: string;
  readonly participantSid: string;
  readonly mediaStreamTrack: MediaStreamTrack | undefined;
}

export interface RoomRosterOptions {
  /** Whether new publications are wanted by default. */
  readonly autoSubscribe: boolean;
  /** Called when the app changes a publication's subscription. */
  readonly requestSubscription: (publication: RemoteTrackPublication, subscribe: boolean) => void;
  /** Called when the app changes a publication's video quality. */
  readonly requestVideoQuality?: (publication: RemoteTrackPublication, quality: VideoQuality) => void;
}

/**
 * The room's view of the other participants, kept from signaling frames: who is here, what they
 * publish, what is muted, and which of their tracks arrive on the subscribe connection. Pure
 * bookkeeping with no I/O: every change goes out as room events through `emit`, in the order an
 * app expects (a track is unsubscribed before it is unpublished, unpublished before its
 * participant leaves).
 */
export class RoomRoster {
  /** Remote participants by identity. */
  readonly participants = new Map<string, RemoteParticipant>();
  private readonly bySid = new Map<string, RemoteParticipant>();
  /** The latest receiver track of every forwarded publication, bound or not. */
  private readonly receivers = new Map<string, MediaStreamTrack>();

  constructor(
    private readonly emit: RosterEmit,
    private readonly options: RoomRosterOptions,
  ) {}

  participantBySid(sid: string): RemoteParticipant | undefined {
    return this.bySid.get(sid);
  }

  /**
   * Takes the `participants` of a `joined` frame. The first time (`announce` false) it fills the
   * roster silently; after a reconnection it announces the differences with the roster it had.
   */
  reset(infos: readonly ParticipantInfo[], announce: boolean): void {
    const incoming = new Map(infos.map((info) => [info.identity, info]));
    for (const participant of [...this.participants.values()]) {
      if (!incoming.has(participant.identity)) this.remove(participant, announce);
    }
    this.bySid.clear();
    for (const info of infos) {
      const existing = this.participants.get(info.identity);
      if (!existing) {
        this.add(info, announce);
        continue;
      }
      existing.sid = info.sid;
      this.bySid.set(info.sid, existing);
      this.update(existing, info);
      const sids = new Set(info.tracks.map((t) => t.sid));
      for (const publication of [...existing.publications.values()]) {
        if (!sids.has(publication.trackSid)) this.unpublish(existing, publication);
      }
      for (const track of info.tracks) {
        const publication = existing.publications.get(track.sid);
        if (publication) this.setMuted(existing, publication, track.muted);
        else this.publish(existing, track, true);
      }
    }
  }

  /** Applies a roster frame; answers false for frames that are not about other participants. */
  apply(message: ServerMessage): boolean {
    switch (message.type) {
      case 'participantJoined': {
        const existing = this.participants.get(message.participant.identity);
        if (existing) this.remove(existing, true); // a stale entry of a session that was replaced
        this.add(message.participant, true);
        return true;
      }
      case 'participantUpdated': {
        const participant = this.bySid.get(message.participant.sid);
        if (!participant) return false;
        this.update(participant, message.participant);
        return true;
      }
      case 'participantLeft': {
        const participant = this.bySid.get(message.sid);
        if (participant) this.remove(participant, true);
        return participant !== undefined;
      }
      case 'trackPublished': {
        const participant = this.bySid.get(message.participantSid);
        if (!participant || participant.publications.has(message.track.sid)) return participant !== undefined;
        this.publish(participant, message.track, true);
        return true;
      }
      case 'trackUnpublished': {
        const participant = this.bySid.get(message.participantSid);
        const publication = participant?.publications.get(message.trackSid);
        if (participant && publication) this.unpublish(participant, publication);
        return participant !== undefined;
      }
      case 'trackMuted': {
        const participant = this.bySid.get(message.participantSid);
        const publication = participant?.publications.get(message.trackSid);
        if (participant && publication) this.setMuted(participant, publication, message.muted);
        return participant !== undefined;
      }
      default:
        return false;
    }
  }

  /**
   * Takes the tracks listed by a `subscribeOffer`: binds the wanted ones to their receiver
   * tracks (trackSubscribed), unbinds publications no longer forwarded (trackUnsubscribed).
   * Answers the sids the app does not want, for the room to unsubscribe at the worker.
   */
  forwarded(media: readonly ForwardedMedia[]): string[] {
    const forwardedSids = new Set(media.map((m) => m.trackSid));
    for (const sid of [...this.receivers.keys()]) if (!forwardedSids.has(sid)) this.receivers.delete(sid);
    for (const participant of this.participants.values()) {
      for (const publication of participant.publications.values()) {
        if (publication.track && !forwardedSids.has(publication.trackSid)) this.unbind(participant, publication);
      }
    }
    const unwanted: string[] = [];
    for (const item of media) {
      const participant = this.bySid.get(item.participantSid);
      const publication = participant?.publications.get(item.trackSid);
      if (!participant || !publication || !item.mediaStreamTrack) continue;
      this.receivers.set(item.trackSid, item.mediaStreamTrack);
      if (!publication.isDesired) {
        unwanted.push(item.trackSid);
        if (publication.track) this.unbind(participant, publication);
        continue;
      }
      if (publication.track?.mediaStreamTrack === item.mediaStreamTrack) continue;
      if (publication.track) this.unbind(participant, publication);
      this.bind(participant, publication, item.mediaStreamTrack);
    }
    return unwanted;
  }

  /** The app changed its mind about one publication: bind or unbind it locally at once. */
  subscriptionChanged(publication: RemoteTrackPublication): void {
    const participant = this.ownerOf(publication);
    if (!participant) return;
    if (!publication.isDesired) {
      if (publication.track) this.unbind(participant, publication);
      return;
    }
    const receiver = this.receivers.get(publication.trackSid);
    if (!publication.track && receiver) this.bind(participant, publication, receiver);
  }

  /** Every remote track stops (the subscribe connection is gone); publications stay. */
  unbindAll(): void {
    this.receivers.clear();
    for (const participant of this.participants.values()) {
      for (const publication of participant.publications.values()) {
        if (publication.track) this.unbind(participant, publication);
      }
    }
  }

  /** Forgets everyone, announcing nothing (the room is disconnected). */
  clear(): void {
    for (const participant of this.participants.values()) {
      for (const publication of participant.publications.values()) publication.track?.detach();
    }
    this.participants.clear();
    this.bySid.clear();
    this.receivers.clear();
  }

  private add(info: ParticipantInfo, announce: boolean): void {
    const participant = new RemoteParticipant(info);
    this.participants.set(info.identity, participant);
    this.bySid.set(info.sid, participant);
    if (announce) this.emit('participantJoined', participant);
    for (const track of info.tracks) this.publish(participant, track, announce);
  }

  private remove(participant: RemoteParticipant, announce: boolean): void {
    for (const publication of [...participant.publications.values()]) {
      if (announce) this.unpublish(participant, publication);
      else publication.track?.detach();
    }
    this.participants.delete(participant.identity);
    if (this.bySid.get(participant.sid) === participant) this.bySid.delete(participant.sid);
    if (announce) this.emit('participantLeft', participant);
  }

  private update(participant: RemoteParticipant, info: ParticipantInfo): void {
    participant.name = info.name;
    if (participant.metadata !== info.metadata) {
      const previous = participant.metadata;
      participant.metadata = info.metadata;
      this.emit('participantMetadataChanged', previous, participant);
    }
  }

  private publish(participant: RemoteParticipant, info: TrackInfo, announce: boolean): void {
    const publication = new RemoteTrackPublication(info, this.options.autoSubscribe);
    publication.requestSubscription = this.options.requestSubscription;
    publication.requestVideoQuality = this.options.requestVideoQuality;
    participant.publications.set(info.sid, publication);
    if (announce) this.emit('trackPublished', publication, participant);
  }

  private unpublish(participant: RemoteParticipant, publication: RemoteTrackPublication): void {
    if (publication.track) this.unbind(participant, publication);
    participant.publications.delete(publication.trackSid);
    this.receivers.delete(publication.trackSid);
    this.emit('trackUnpublished', publication, participant);
  }

  private setMuted(participant: RemoteParticipant, publication: RemoteTrackPublication, muted: boolean): void {
    if (publication.isMuted === muted) return;
    publication.isMuted = muted;
    this.emit(muted ? 'trackMuted' : 'trackUnmuted', publication, participant);
  }

  private bind(participant: RemoteParticipant, publication: RemoteTrackPublication, track: MediaStreamTrack): void {
    const remote = new RemoteTrack(track, publication.trackSid, publication.source);
    publication.track = remote;
    this.emit('trackSubscribed', remote, publication, participant);
  }

  private unbind(participant: RemoteParticipant, publication: RemoteTrackPublication): void {
    const track = publication.track;
    if (!track) return;
    publication.track = undefined;
    track.detach();
    this.emit('trackUnsubscribed', track, publication, participant);
  }

  private ownerOf(publication: RemoteTrackPublication): RemoteParticipant | undefined {
    for (const participant of this.participants.values()) {
      if (participant.publications.get(publication.trackSid) === publication) return participant;
    }
    return undefined;
  }
}
