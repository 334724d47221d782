// Public surface of @cpaas/sdk-js. Everything not exported here is internal.

export { CpaasError, SdkProblemType, type CpaasErrorInit } from './api/CpaasError.js';
export { join, JOIN_PATH, type FetchLike } from './api/JoinClient.js';
export type { IceServer, JoinParticipant, JoinResponse } from './api/JoinResponse.js';
export { PROBLEM_MEDIA_TYPE, type FieldError, type Problem } from './api/Problem.js';

export { BackOffStrategy, type BackOffOptions } from './room/BackOffStrategy.js';
export { DefaultReconnectPolicy, type DefaultReconnectPolicyOptions } from './room/DefaultReconnectPolicy.js';
export type { ReconnectContext, ReconnectPolicy } from './room/ReconnectPolicy.js';
export { RoomEvent } from './room/events.js';
export {
  TypedEmitter,
  type EventMap,
  type ListenerErrorHandler,
  type TypedEmitterOptions,
} from './room/TypedEmitter.js';
