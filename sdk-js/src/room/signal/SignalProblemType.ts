/**
 * Problem types of failures found on the signaling and media path, in the same `urn:cpaas:sdk:`
 * namespace as {@link SdkProblemType}. Branch on these to tell the user what to do.
 */
export const SignalProblemType = {
  /** The worker's WebSocket could not be opened or closed before `joined`. Usually retryable. */
  SignalFailed: 'urn:cpaas:sdk:signal-failed',
  /** The worker refused the join ticket (expired, for another worker). Join again through room-service. */
  InvalidTicket: 'urn:cpaas:sdk:invalid-ticket',
  /** The token's grants forbid this (publishing without `publish`, a source not allowed, data without `publishData`). */
  NotAllowed: 'urn:cpaas:sdk:not-allowed',
  /** The worker could not use an offer/answer, or a peer connection failed. */
  MediaFailed: 'urn:cpaas:sdk:media-failed',
  /** Camera, microphone or screen could not be captured: denied by the user or the browser, or absent. */
  DeviceFailed: 'urn:cpaas:sdk:device-failed',
  /** The room is not connected (yet, or any more). */
  NotConnected: 'urn:cpaas:sdk:not-connected',
  /** The worker refused a message (bad-message, unknown-track, rate-limited...). */
  Refused: 'urn:cpaas:sdk:refused',
} as const;

export type SignalProblemType = (typeof SignalProblemType)[keyof typeof SignalProblemType];
