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
  ActiveSpeakersChanged: 'activeSpeakersChanged',
  DataReceived: 'dataReceived',
  ConnectionQualityChanged: 'connectionQualityChanged',
  Reconnecting: 'reconnecting',
  Reconnected: 'reconnected',
  Disconnected: 'disconnected',
} as const;

/** One of the {@link RoomEvent} names, e.g. `'participantJoined'`. */
export type RoomEvent = (typeof RoomEvent)[keyof typeof RoomEvent];
