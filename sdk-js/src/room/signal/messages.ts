import type { TrackSource } from '../track/Track.js';
import { isRecord } from '../../api/Problem.js';

/**
 * The frames of signaling protocol version 1 (docs/signaling.md), as types, and the decoder that
 * turns a worker's text frame into one of them. Unknown frame types and unknown fields are
 * ignored, as the protocol asks, so that a newer worker does not break an older SDK.
 */

export const PROTOCOL_VERSION = 1;

/** Where a track comes from, as the wire says it (`Track.ts` names the values). */
export type { TrackSource };
export type TrackKind = 'audio' | 'video';

export interface TrackInfo {
  readonly sid: string;
  readonly kind: TrackKind;
  readonly source: TrackSource;
  readonly muted: boolean;
  /** Set by the worker for a track it muted itself (moderation). */
  readonly serverMuted?: boolean;
  /** The m-section on the publish connection; only in `publishAnswer`. */
  readonly mid?: string;
}

export interface ParticipantPermissions {
  readonly publish: boolean;
  readonly subscribe: boolean;
  readonly publishData: boolean;
  readonly sources?: readonly TrackSource[];
}

export interface ParticipantInfo {
  readonly sid: string;
  readonly identity: string;
  readonly name?: string;
  readonly metadata?: string;
  readonly tracks: readonly TrackInfo[];
  /** Only on the participant's own description, by workers that send it. */
  readonly permissions?: ParticipantPermissions;
}

export interface ForwardedTrack {
  readonly mid: string;
  readonly trackSid: string;
  readonly participantSid: string;
}

export interface JoinedMessage {
  readonly type: 'joined';
  readonly protocol: number;
  readonly participant: ParticipantInfo;
  readonly room: { readonly name: string };
  readonly participants: readonly ParticipantInfo[];
}

/** One active speaker in an `activeSpeakers` frame; `level` from 0 (silent) to 1 (full scale). */
export interface SpeakerInfo {
  readonly sid: string;
  readonly identity: string;
  readonly level: number;
}

export type ConnectionQualityName = 'excellent' | 'good' | 'poor' | 'lost';

/** One participant's connection quality in a `connectionQuality` frame. */
export interface QualityInfo {
  readonly sid: string;
  readonly identity: string;
  readonly quality: ConnectionQualityName;
}

export type ServerMessage =
  | JoinedMessage
  | { readonly type: 'participantJoined'; readonly participant: ParticipantInfo }
  | { readonly type: 'participantUpdated'; readonly participant: ParticipantInfo }
  | { readonly type: 'participantLeft'; readonly sid: string; readonly identity: string }
  | { readonly type: 'trackPublished'; readonly participantSid: string; readonly track: TrackInfo }
  | { readonly type: 'trackUnpublished'; readonly participantSid: string; readonly trackSid: string }
  | {
      readonly type: 'trackMuted';
      readonly participantSid: string;
      readonly trackSid: string;
      readonly muted: boolean;
      readonly serverMuted?: boolean;
    }
  | { readonly type: 'publishAnswer'; readonly sdp: string; readonly tracks?: readonly TrackInfo[] }
  | { readonly type: 'subscribeOffer'; readonly sdp: string; readonly tracks: readonly ForwardedTrack[] }
  | { readonly type: 'data'; readonly from: string; readonly payload: string; readonly topic?: string }
  | { readonly type: 'pong'; readonly ts?: number }
  | { readonly type: 'removed'; readonly reason: string }
  | { readonly type: 'publishLayers'; readonly trackSid: string; readonly layers: readonly { rid: string; active: boolean }[] }
  /** Relayed from another participant's direct connection (call rooms); `signal` is checked by its reader. */
  | { readonly type: 'peerSignal'; readonly from: string; readonly signal: Record<string, unknown> }
  | { readonly type: 'activeSpeakers'; readonly speakers: readonly SpeakerInfo[] }
  | { readonly type: 'connectionQuality'; readonly updates: readonly QualityInfo[] }
  | { readonly type: 'error'; readonly code: string; readonly message: string };

export type ServerMessageType = ServerMessage['type'];

export type ClientMessage =
  | { readonly type: 'join'; readonly ticket: string; readonly protocol: number }
  | { readonly type: 'publish'; readonly sdp: string; readonly tracks: readonly { mid: string; source: TrackSource }[] }
  | { readonly type: 'unpublish'; readonly trackSid: string }
  | { readonly type: 'subscribeAnswer'; readonly sdp: string }
  | { readonly type: 'subscription'; readonly trackSids: readonly string[]; readonly subscribe: boolean }
  | { readonly type: 'mute'; readonly trackSid: string; readonly muted: boolean }
  | { readonly type: 'videoQuality'; readonly trackSid: string; readonly quality: 'low' | 'medium' | 'high' }
  | { readonly type: 'data'; readonly payload: string; readonly topic?: string; readonly to?: readonly string[] }
  | { readonly type: 'leave' }
  | { readonly type: 'ping'; readonly ts?: number }
  | { readonly type: 'peerSignal'; readonly to: string; readonly signal: Record<string, unknown> };

/** Close codes the worker uses (docs/signaling.md). */
export const CloseCode = {
  Normal: 1000,
  Replaced: 4001,
  Removed: 4002,
  InvalidTicket: 4003,
  JoinTimeout: 4004,
  /** The room left this worker (stopping, released by room-service): join again through room-service. */
  JoinAgain: 4005,
} as const;

/** Error codes the worker sends in `error` frames. */
export const SignalErrorCode = {
  BadMessage: 'bad-message',
  NotJoined: 'not-joined',
  AlreadyJoined: 'already-joined',
  InvalidTicket: 'invalid-ticket',
  NotAllowed: 'not-allowed',
  UnknownTrack: 'unknown-track',
  MediaFailed: 'media-failed',
  RateLimited: 'rate-limited',
  UnknownParticipant: 'unknown-participant',
} as const;

export function encodeClientMessage(message: ClientMessage): string {
  return JSON.stringify(message);
}

/** Thrown (internally) by the decoder for a frame of a known type with a bad field. */
class Malformed extends Error {}

/**
 * Decodes one text frame from the worker. Returns null for frames to ignore: not JSON, not an
 * object, an unknown `type`, or a known type with missing or wrongly typed fields (the reason
 * goes to `onInvalid` for logging).
 */
export function decodeServerMessage(text: string, onInvalid?: (reason: string) => void): ServerMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    onInvalid?.('not JSON');
    return null;
  }
  if (!isRecord(value) || typeof value['type'] !== 'string') {
    onInvalid?.("not an object with a string 'type'");
    return null;
  }
  try {
    return decode(value['type'], value);
  } catch (error) {
    if (!(error instanceof Malformed)) throw error;
    onInvalid?.(`${value['type']}: ${error.message}`);
    return null;
  }
}

function decode(type: string, m: Record<string, unknown>): ServerMessage | null {
  switch (type) {
    case 'joined':
      return {
        type,
        protocol: typeof m['protocol'] === 'number' ? m['protocol'] : PROTOCOL_VERSION,
        participant: participant(m['participant'], 'participant'),
        room: { name: str(record(m['room'], 'room'), 'name', 'room.') },
        participants: array(m['participants'] ?? [], 'participants').map((p, i) => participant(p, `participants[${i}]`)),
      };
    case 'participantJoined':
    case 'participantUpdated':
      return { type, participant: participant(m['participant'], 'participant') };
    case 'participantLeft':
      return { type, sid: str(m, 'sid'), identity: str(m, 'identity') };
    case 'trackPublished':
      return { type, participantSid: str(m, 'participantSid'), track: track(m['track'], 'track') };
    case 'trackUnpublished':
      return { type, participantSid: str(m, 'participantSid'), trackSid: str(m, 'trackSid') };
    case 'trackMuted':
      return {
        type,
        participantSid: str(m, 'participantSid'),
        trackSid: str(m, 'trackSid'),
        muted: bool(m, 'muted'),
        ...(typeof m['serverMuted'] === 'boolean' ? { serverMuted: m['serverMuted'] } : {}),
      };
    case 'publishAnswer': {
      const tracks = m['tracks'];
      return {
        type,
        sdp: str(m, 'sdp'),
        ...(tracks === undefined || tracks === null
          ? {}
          : { tracks: array(tracks, 'tracks').map((t, i) => track(t, `tracks[${i}]`)) }),
      };
    }
    case 'subscribeOffer':
      return {
        type,
        sdp: str(m, 'sdp'),
        tracks: array(m['tracks'] ?? [], 'tracks').map((t, i) => {
          const r = record(t, `tracks[${i}]`);
          const prefix = `tracks[${i}].`;
          return { mid: str(r, 'mid', prefix), trackSid: str(r, 'trackSid', prefix), participantSid: str(r, 'participantSid', prefix) };
        }),
      };
    case 'data':
      return {
        type,
        from: str(m, 'from'),
        payload: typeof m['payload'] === 'string' ? m['payload'] : fail("'payload' must be a string"),
        ...(typeof m['topic'] === 'string' ? { topic: m['topic'] } : {}),
      };
    case 'pong':
      return { type, ...(typeof m['ts'] === 'number' ? { ts: m['ts'] } : {}) };
    case 'peerSignal':
      return { type, from: str(m, 'from'), signal: record(m['signal'], 'signal') };
    case 'removed':
      return { type, reason: typeof m['reason'] === 'string' ? m['reason'] : 'unknown' };
    case 'activeSpeakers':
      return {
        type,
        speakers: array(m['speakers'], 'speakers').map((value, i) => {
          const r = record(value, `speakers[${i}]`);
          const level = r['level'];
          return {
            sid: str(r, 'sid', `speakers[${i}].`),
            identity: str(r, 'identity', `speakers[${i}].`),
            level: typeof level === 'number' && level >= 0 && level <= 1 ? level : fail(`speakers[${i}].level must be a number from 0 to 1`),
          };
        }),
      };
    case 'connectionQuality':
      return {
        type,
        updates: array(m['updates'], 'updates').map((value, i) => {
          const r = record(value, `updates[${i}]`);
          const quality = str(r, 'quality', `updates[${i}].`);
          if (!QUALITIES.includes(quality)) fail(`updates[${i}].quality ${JSON.stringify(quality)} is unknown`);
          return { sid: str(r, 'sid', `updates[${i}].`), identity: str(r, 'identity', `updates[${i}].`), quality: quality as ConnectionQualityName };
        }),
      };
    case 'error':
      return { type, code: str(m, 'code'), message: typeof m['message'] === 'string' ? m['message'] : '' };
    case 'publishLayers':
      return {
        type,
        trackSid: str(m, 'trackSid'),
        layers: array(m['layers'], 'layers').map((l, i) => {
          const r = record(l, `layers[${i}]`);
          return { rid: str(r, 'rid', `layers[${i}].`), active: bool(r, 'active') };
        }),
      };
    default:
      return null;
  }
}

const SOURCES: readonly string[] = ['camera', 'microphone', 'screen', 'screen_audio'];
const QUALITIES: readonly string[] = ['excellent', 'good', 'poor', 'lost'];

function participant(value: unknown, path: string): ParticipantInfo {
  const r = record(value, path);
  const prefix = `${path}.`;
  const permissions = r['permissions'];
  return {
    sid: str(r, 'sid', prefix),
    identity: str(r, 'identity', prefix),
    ...(typeof r['name'] === 'string' ? { name: r['name'] } : {}),
    ...(typeof r['metadata'] === 'string' ? { metadata: r['metadata'] } : {}),
    tracks: array(r['tracks'] ?? [], `${prefix}tracks`).map((t, i) => track(t, `${prefix}tracks[${i}]`)),
    ...(isRecord(permissions) ? { permissions: perms(permissions) } : {}),
  };
}

function perms(r: Record<string, unknown>): ParticipantPermissions {
  const sources = Array.isArray(r['sources'])
    ? (r['sources'].filter((s) => typeof s === 'string' && SOURCES.includes(s)) as TrackSource[])
    : undefined;
  return {
    publish: r['publish'] !== false,
    subscribe: r['subscribe'] !== false,
    publishData: r['publishData'] !== false,
    ...(sources ? { sources } : {}),
  };
}

function track(value: unknown, path: string): TrackInfo {
  const r = record(value, path);
  const prefix = `${path}.`;
  const kind = str(r, 'kind', prefix);
  if (kind !== 'audio' && kind !== 'video') fail(`${prefix}kind must be audio or video`);
  const source = str(r, 'source', prefix);
  if (!SOURCES.includes(source)) fail(`${prefix}source ${JSON.stringify(source)} is unknown`);
  return {
    sid: str(r, 'sid', prefix),
    kind: kind as TrackKind,
    source: source as TrackSource,
    muted: r['muted'] === true,
    ...(typeof r['serverMuted'] === 'boolean' ? { serverMuted: r['serverMuted'] } : {}),
    ...(typeof r['mid'] === 'string' ? { mid: r['mid'] } : {}),
  };
}

function record(value: unknown, path: string): Record<string, unknown> {
  return isRecord(value) ? value : fail(`${path} must be an object`);
}

function array(value: unknown, path: string): unknown[] {
  return Array.isArray(value) ? value : fail(`${path} must be an array`);
}

function str(r: Record<string, unknown>, key: string, prefix = ''): string {
  const value = r[key];
  return typeof value === 'string' && value !== '' ? value : fail(`${prefix}${key} must be a non-empty string`);
}

function bool(r: Record<string, unknown>, key: string): boolean {
  const value = r[key];
  return typeof value === 'boolean' ? value : fail(`${key} must be a boolean`);
}

function fail(reason: string): never {
  throw new Malformed(reason);
}
