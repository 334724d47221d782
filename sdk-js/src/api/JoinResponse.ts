import { CpaasError, SdkProblemType } from './CpaasError.js';
import { isRecord } from './Problem.js';

/** A STUN/TURN server, in the shape `RTCPeerConnection` takes. */
export interface IceServer {
  readonly urls: string | readonly string[];
  readonly username?: string;
  readonly credential?: string;
}

/** The local participant as the room service registered it. */
export interface JoinParticipant {
  /** Server-assigned id of this session in the room. */
  readonly sid: string;
  /** The identity from the access token. */
  readonly identity: string;
  readonly name?: string;
  readonly metadata?: string;
}

/** How a room carries media: N:N meeting, 1:N broadcast, or 1:1 call (peer to peer while it can). */
export type RoomMode = 'conference' | 'broadcast' | 'call';

/** The room joined, as the room service describes it. */
export interface JoinRoom {
  readonly name: string;
  /** `conference` when the room service did not say (older versions) or said something this SDK does not know. */
  readonly mode: RoomMode;
}

/** What the room service answers to a join: where to signal, and with which ticket. */
export interface JoinResponse {
  /** WebSocket URL of the signalling endpoint to connect to. */
  readonly signalUrl: string;
  /** Short-lived, single-use ticket that admits this participant on `signalUrl`. */
  readonly ticket: string;
  readonly iceServers: readonly IceServer[];
  readonly participant: JoinParticipant;
  /** Absent from older room services. */
  readonly room?: JoinRoom;
}

/**
 * Checks that a parsed join body has the {@link JoinResponse} shape and returns only the known
 * members. Throws a {@link CpaasError} of type `invalid-response` naming the first bad member.
 */
export function parseJoinResponse(body: unknown, status: number): JoinResponse {
  const fail = (detail: string): never => {
    throw new CpaasError({
      type: SdkProblemType.InvalidResponse,
      title: 'Unexpected join response',
      status,
      detail,
    });
  };
  if (!isRecord(body)) return fail('body is not a JSON object');

  const signalUrl = requireString(body, 'signalUrl', fail);
  const ticket = requireString(body, 'ticket', fail);

  const iceServersValue = body['iceServers'];
  if (!Array.isArray(iceServersValue)) return fail('iceServers must be an array');
  const iceServers = iceServersValue.map((server: unknown, i) => parseIceServer(server, `iceServers[${i}]`, fail));

  const participantValue = body['participant'];
  if (!isRecord(participantValue)) return fail('participant must be an object');
  const participant: JoinParticipant = {
    sid: requireString(participantValue, 'sid', fail, 'participant.'),
    identity: requireString(participantValue, 'identity', fail, 'participant.'),
    ...optionalString(participantValue, 'name', fail, 'participant.'),
    ...optionalString(participantValue, 'metadata', fail, 'participant.'),
  };

  const roomValue = body['room'];
  if (roomValue !== undefined && roomValue !== null && !isRecord(roomValue)) return fail('room must be an object when present');
  // An unknown mode is a newer room service's: treated as a conference rather than refused.
  const room: JoinRoom | undefined = isRecord(roomValue)
    ? {
        name: requireString(roomValue, 'name', fail, 'room.'),
        mode: MODES.includes(roomValue['mode'] as RoomMode) ? (roomValue['mode'] as RoomMode) : 'conference',
      }
    : undefined;

  return { signalUrl, ticket, iceServers, participant, ...(room ? { room } : {}) };
}

const MODES: readonly RoomMode[] = ['conference', 'broadcast', 'call'];

type Fail = (detail: string) => never;

function parseIceServer(value: unknown, path: string, fail: Fail): IceServer {
  if (!isRecord(value)) return fail(`${path} must be an object`);
  const urls = value['urls'];
  const validUrls =
    (typeof urls === 'string' && urls !== '') ||
    (Array.isArray(urls) && urls.length > 0 && urls.every((u: unknown) => typeof u === 'string' && u !== ''));
  if (!validUrls) return fail(`${path}.urls must be a non-empty string or array of strings`);
  return {
    urls: typeof urls === 'string' ? urls : [...(urls as string[])],
    ...optionalString(value, 'username', fail, `${path}.`),
    ...optionalString(value, 'credential', fail, `${path}.`),
  };
}

function requireString(record: Record<string, unknown>, key: string, fail: Fail, prefix = ''): string {
  const value = record[key];
  if (typeof value !== 'string' || value === '') return fail(`${prefix}${key} must be a non-empty string`);
  return value;
}

/** `{ [key]: value }` when the member is a string, `{}` when absent or null; fails otherwise. */
function optionalString<K extends string>(
  record: Record<string, unknown>,
  key: K,
  fail: Fail,
  prefix = '',
): { [P in K]?: string } {
  const value = record[key];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'string') return fail(`${prefix}${key} must be a string when present`);
  return { [key]: value } as { [P in K]?: string };
}
