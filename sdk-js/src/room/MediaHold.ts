/**
 * Holds back the media of the publish connection to the worker while a call runs peer to peer:
 * the tracks stay published (the worker announces them, mutes and unpublishes work as ever) but
 * their senders carry nothing, so no media bytes reach the SFU. Releasing the hold puts every
 * capture back on its sender; the encoder restarts with a keyframe.
 */
export class MediaHold {
  private held = false;
  private readonly tracks = new Map<RTCRtpTransceiver, MediaStreamTrack>();

  get isHeld(): boolean {
    return this.held;
  }

  /** A new sender of `track`; emptied at once while held. */
  async add(transceiver: RTCRtpTransceiver, track: MediaStreamTrack): Promise<void> {
    this.tracks.set(transceiver, track);
    if (this.held) await transceiver.sender.replaceTrack(null);
  }

  remove(transceiver: RTCRtpTransceiver): void {
    this.tracks.delete(transceiver);
  }

  /** Another capture for a sender (device switch); it goes out only when not held. */
  async replace(transceiver: RTCRtpTransceiver, track: MediaStreamTrack): Promise<void> {
    if (this.tracks.has(transceiver)) this.tracks.set(transceiver, track);
    if (!this.held) await transceiver.sender.replaceTrack(track);
  }

  async set(held: boolean): Promise<void> {
    if (this.held === held) return;
    this.held = held;
    await Promise.all(
      [...this.tracks].map(([transceiver, track]) => transceiver.sender.replaceTrack(held ? null : track).catch(() => undefined)),
    );
  }
}
