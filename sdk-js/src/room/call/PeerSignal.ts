import { isRecord } from '../../api/Problem.js';

/**
 * What the two participants of a call room tell each other through the worker (`peerSignal`
 * frames, docs/signaling.md) to run their direct connection: session descriptions with the track
 * sids their m-sections carry, ICE candidates, and `fallback` when one of them moves the call to
 * the SFU. The worker relays these objects without reading them; this is their only reader.
 */

/** Which of the sender's published tracks (by sid) an m-section of the direct connection carries. */
export interface DirectTrack {
  readonly mid: string;
  readonly trackSid: string;
}

export type PeerSignal =
  | {
      readonly kind: 'description';
      readonly description: { readonly type: 'offer' | 'answer'; readonly sdp: string };
      readonly tracks: readonly DirectTrack[];
    }
  | { readonly kind: 'candidate'; readonly candidate: RTCIceCandidateInit }
  | { readonly kind: 'fallback'; readonly reason: string };

export function encodePeerSignal(signal: PeerSignal): Record<string, unknown> {
  switch (signal.kind) {
    case 'description':
      return { description: signal.description, tracks: signal.tracks };
    case 'candidate':
      return { candidate: signal.candidate };
    case 'fallback':
      return { fallback: signal.reason };
  }
}

/** The signal in `value`, or null (with the reason to `onInvalid`) when it is none this SDK understands. */
export function decodePeerSignal(value: Record<string, unknown>, onInvalid?: (reason: string) => void): PeerSignal | null {
  const invalid = (reason: string): null => {
    onInvalid?.(reason);
    return null;
  };
  if (typeof value['fallback'] === 'string') return { kind: 'fallback', reason: value['fallback'] };
  const description = value['description'];
  if (description !== undefined) {
    if (!isRecord(description)) return invalid('description must be an object');
    const type = description['type'];
    const sdp = description['sdp'];
    if ((type !== 'offer' && type !== 'answer') || typeof sdp !== 'string' || sdp === '') {
      return invalid('description must have type offer or answer and an sdp');
    }
    const tracks = value['tracks'] ?? [];
    if (!Array.isArray(tracks)) return invalid('tracks must be an array');
    const parsed: DirectTrack[] = [];
    for (const track of tracks) {
      if (!isRecord(track) || typeof track['mid'] !== 'string' || typeof track['trackSid'] !== 'string') {
        return invalid('tracks must be [{mid, trackSid}]');
      }
      parsed.push({ mid: track['mid'], trackSid: track['trackSid'] });
    }
    return { kind: 'description', description: { type, sdp }, tracks: parsed };
  }
  const candidate = value['candidate'];
  if (candidate !== undefined) {
    if (!isRecord(candidate) || typeof candidate['candidate'] !== 'string') return invalid('candidate must be an RTCIceCandidateInit');
    return {
      kind: 'candidate',
      candidate: {
        candidate: candidate['candidate'],
        ...(typeof candidate['sdpMid'] === 'string' ? { sdpMid: candidate['sdpMid'] } : {}),
        ...(typeof candidate['sdpMLineIndex'] === 'number' ? { sdpMLineIndex: candidate['sdpMLineIndex'] } : {}),
        ...(typeof candidate['usernameFragment'] === 'string' ? { usernameFragment: candidate['usernameFragment'] } : {}),
      },
    };
  }
  return invalid('neither description, candidate nor fallback');
}
