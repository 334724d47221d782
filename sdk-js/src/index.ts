// Public surface of @cpaas/sdk-js. Everything not exported here is internal.

export { CpaasError, SdkProblemType, type CpaasErrorInit } from './api/CpaasError.js';
export { join, JOIN_PATH, type FetchLike } from './api/JoinClient.js';
export type { IceServer, JoinParticipant, JoinResponse, JoinRoom, RoomMode } from './api/JoinResponse.js';
export { PROBLEM_MEDIA_TYPE, type FieldError, type Problem } from './api/Problem.js';

export { Room, type RoomOptions } from './room/Room.js';
export {
  RoomEvent,
  DisconnectReason,
  ConnectionState,
  type RoomEventMap,
  type DataMessage,
  type ConnectionQuality,
} from './room/events.js';
export { Participant } from './room/participant/Participant.js';
export { LocalParticipant, type PublishOptions, type DataPublishOptions } from './room/participant/LocalParticipant.js';
export { RemoteParticipant } from './room/participant/RemoteParticipant.js';
export { Track, TrackSource, type TrackKind } from './room/track/Track.js';
export { LocalTrack } from './room/track/LocalTrack.js';
export { RemoteTrack } from './room/track/RemoteTrack.js';
export {
  VideoQuality,
  simulcastEncodings,
  qualityForElementSize,
  type SimulcastEncoding,
  type LayerActivity,
} from './room/track/simulcast.js';
export { TrackPublication, LocalTrackPublication, RemoteTrackPublication } from './room/track/TrackPublication.js';
export { createLocalTracks, createScreenTracks, type CaptureOptions } from './room/track/createLocalTracks.js';
export { SignalProblemType } from './room/signal/SignalProblemType.js';
export type { ParticipantInfo, ParticipantPermissions, TrackInfo } from './room/signal/messages.js';
export type { SignalClientOptions, WebSocketFactory, WebSocketLike } from './room/signal/SignalClient.js';

export { BackOffStrategy, type BackOffOptions } from './room/BackOffStrategy.js';
export { DefaultReconnectPolicy, type DefaultReconnectPolicyOptions } from './room/DefaultReconnectPolicy.js';
export type { ReconnectContext, ReconnectPolicy } from './room/ReconnectPolicy.js';
export {
  TypedEmitter,
  type EventMap,
  type ListenerErrorHandler,
  type TypedEmitterOptions,
} from './room/TypedEmitter.js';
