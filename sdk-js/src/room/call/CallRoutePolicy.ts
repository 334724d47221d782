/**
 * Where a participant's media goes, decided from the room's mode and who is there. In a `call`
 * room two participants connect directly; alone, nothing is sent anywhere; a third participant, or
 * a direct connection that failed, moves the call to the SFU for good (for those participants).
 * Every other room always uses the SFU.
 */
export type CallRoute =
  | { readonly kind: 'sfu' }
  /** A call room with nobody else: media is held until someone comes. */
  | { readonly kind: 'alone' }
  | { readonly kind: 'direct'; readonly peerSid: string };

export interface CallRouteInput {
  /** The room is a `call` room and peer-to-peer is enabled. */
  readonly peerToPeer: boolean;
  /** The sids of the other participants. */
  readonly peerSids: readonly string[];
  /** Participants this one moved to the SFU with (a failed direct path, a third participant). */
  readonly movedToSfu: ReadonlySet<string>;
}

export function decideCallRoute({ peerToPeer, peerSids, movedToSfu }: CallRouteInput): CallRoute {
  if (!peerToPeer) return { kind: 'sfu' };
  const [peer, ...others] = peerSids;
  if (peer === undefined) return { kind: 'alone' };
  if (others.length > 0 || movedToSfu.has(peer)) return { kind: 'sfu' };
  return { kind: 'direct', peerSid: peer };
}
