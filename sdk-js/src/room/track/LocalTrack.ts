import { Track, type TrackSource } from './Track.js';

/**
 * A track captured here (camera, microphone, screen) and published, or about to be.
 * Muting disables the underlying track (the encoder sends black frames or silence at almost no
 * bitrate) and tells the room; unmuting re-enables it.
 */
export class LocalTrack extends Track {
  constructor(mediaStreamTrack: MediaStreamTrack, source: TrackSource) {
    super(mediaStreamTrack, source);
  }

  get isMuted(): boolean {
    return !this.streamTrack.enabled;
  }

  /** Stops capturing; the camera light goes off. */
  stop(): void {
    this.streamTrack.stop();
  }

  /** @internal */
  setEnabled(enabled: boolean): void {
    this.streamTrack.enabled = enabled;
  }

  /** @internal Swaps in a new capture (device switch); the old one is stopped by the caller. */
  replaceMediaStreamTrack(track: MediaStreamTrack): void {
    track.enabled = this.streamTrack.enabled;
    this.setMediaStreamTrack(track);
  }
}
