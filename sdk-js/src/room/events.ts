import type { CpaasError } from '../api/CpaasError.js';
import type { LocalParticipant } from './participant/LocalParticipant.js';
import type { Participant } from './participant/Participant.js';
import type { RemoteParticipant } from './participant/RemoteParticipant.js';
import type { RemoteTrack } from './track/RemoteTrack.js';
import type { LocalTrackPublication, RemoteTrackPublication, TrackPublication } from './track/TrackPublication.js';

/**
 * The events a room emits. A plain object rather than a TypeScript `enum` so that it has
 * no runtime surprises, tree-shakes, and its values are the wire-stable strings.
 */
export const RoomEvent = {
  Connected: 'connected',
  ParticipantJoined: 'participantJoined',
  ParticipantLeft: 'participantLeft',
  TrackPublished: 'trackPublished',
  TrackUnpublished: 'trackUnpublished',
  TrackSubscribed: 'trackSubscribed',
  TrackUnsubscribed: 'trackUnsubscribed',
  TrackMuted: 'trackMuted',
  TrackUnmuted: 'trackUnmuted',
  LocalTrackPublished: 'localTrackPublished',
  LocalTrackUnpublished: 'localTrackUnpublished',
  ActiveSpeakersChanged: 'activeSpeakersChanged',
  DataReceived: 'dataReceived',
  ConnectionQualityChanged: 'connectionQualityChanged',
  ParticipantMetadataChanged: 'participantMetadataChanged',
  Reconnecting: 'reconnecting',
  Reconnected: 'reconnected',
  TokenExpiring: 'tokenExpiring',
  Disconnected: 'disconnected',
} as const;

/** One of the {@link RoomEvent} names, e.g. `'participantJoined'`. */
export type RoomEvent = (typeof RoomEvent)[keyof typeof RoomEvent];

/** Why a room was disconnected; the argument of the `disconnected` event. */
export const DisconnectReason = {
  /** `room.disconnect()` was called. */
  ClientInitiated: 'client-initiated',
  /** The same identity joined again elsewhere (close code 4001). */
  DuplicateIdentity: 'duplicate-identity',
  /** Room-service removed this participant (close 4002): the back end did, or the identity joined again elsewhere. */
  ParticipantRemoved: 'participant-removed',
  /** The room was ended (`removed` with `room_ended`). */
  RoomEnded: 'room-ended',
  /** Reconnecting failed: the policy gave up, or the token no longer admits us (see `error`). */
  ReconnectFailed: 'reconnect-failed',
} as const;

export type DisconnectReason = (typeof DisconnectReason)[keyof typeof DisconnectReason];

/**
 * How well a participant's connection carries media, from the loss, jitter and round trip the
 * worker measures: `excellent` (loss ≤ 2 %, jitter ≤ 30 ms, round trip ≤ 250 ms), `good` (≤ 8 %,
 * 60 ms, 500 ms), `poor` (worse), `lost` (nothing heard for 4 s); `unknown` until the worker said.
 */
export type ConnectionQuality = 'excellent' | 'good' | 'poor' | 'lost' | 'unknown';

/** A data message from another participant. */
export interface DataMessage {
  readonly payload: string;
  /** The sender's identity. */
  readonly from: string;
  /** The sender, when it is a (non-hidden) participant we know. */
  readonly participant: RemoteParticipant | undefined;
  readonly topic: string | undefined;
}

/** The listener signature of every {@link RoomEvent}, for `room.on(...)`. */
export interface RoomEventMap {
  connected: () => void;
  participantJoined: (participant: RemoteParticipant) => void;
  participantLeft: (participant: RemoteParticipant) => void;
  trackPublished: (publication: RemoteTrackPublication, participant: RemoteParticipant) => void;
  trackUnpublished: (publication: RemoteTrackPublication, participant: RemoteParticipant) => void;
  trackSubscribed: (track: RemoteTrack, publication: RemoteTrackPublication, participant: RemoteParticipant) => void;
  trackUnsubscribed: (track: RemoteTrack, publication: RemoteTrackPublication, participant: RemoteParticipant) => void;
  /** Remote and local tracks alike. */
  trackMuted: (publication: TrackPublication, participant: Participant) => void;
  trackUnmuted: (publication: TrackPublication, participant: Participant) => void;
  localTrackPublished: (publication: LocalTrackPublication, participant: LocalParticipant) => void;
  localTrackUnpublished: (publication: LocalTrackPublication, participant: LocalParticipant) => void;
  /**
   * Who is speaking now, loudest first (the local participant too); empty when nobody is. Comes
   * when the set or order of speakers changes, at most every 400 ms.
   */
  activeSpeakersChanged: (speakers: Participant[]) => void;
  dataReceived: (message: DataMessage) => void;
  /** A participant's connection quality changed (the local participant's too); checked every 2 s. */
  connectionQualityChanged: (quality: ConnectionQuality, participant: Participant) => void;
  participantMetadataChanged: (previous: string | undefined, participant: Participant) => void;
  reconnecting: () => void;
  reconnected: () => void;
  /**
   * The room token expires soon (a minute before, or half its life for shorter tokens) and no
   * `refreshToken` option was given: the call goes on, but a rejoin after the expiry would be
   * refused; hand the room a fresh token with `room.updateToken(token)`.
   */
  tokenExpiring: (expiresAt: Date) => void;
  disconnected: (reason: DisconnectReason, error?: CpaasError) => void;
}

/** The room's connection state. */
export const ConnectionState = {
  Disconnected: 'disconnected',
  Connecting: 'connecting',
  Connected: 'connected',
  Reconnecting: 'reconnecting',
} as const;

export type ConnectionState = (typeof ConnectionState)[keyof typeof ConnectionState];
