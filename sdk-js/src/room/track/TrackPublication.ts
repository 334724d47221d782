import type { TrackInfo, TrackKind } from '../signal/messages.js';
import type { TrackSource } from './Track.js';
import type { LocalTrack } from './LocalTrack.js';
import type { RemoteTrack } from './RemoteTrack.js';
import type { VideoQuality } from './simulcast.js';

/** A track as published in the room: its server id (`trackSid`), kind, source and mute state. */
export abstract class TrackPublication {
  trackSid: string;
  readonly kind: TrackKind;
  readonly source: TrackSource;
  /** Muted by its publisher (or by the server). */
  isMuted: boolean;

  protected constructor(trackSid: string, kind: TrackKind, source: TrackSource, muted: boolean) {
    this.trackSid = trackSid;
    this.kind = kind;
    this.source = source;
    this.isMuted = muted;
  }
}

/** One of our own tracks, published on the publish connection. */
export class LocalTrackPublication extends TrackPublication {
  readonly track: LocalTrack;
  /** @internal The transceiver carrying the track on the current publish connection. */
  transceiver: RTCRtpTransceiver | undefined;
  /** Muted by the server (moderation): only the server can unmute it. */
  isServerMuted = false;
  /** @internal Applies a mute through the participant. */
  muteHandler: ((publication: LocalTrackPublication, muted: boolean) => Promise<void>) | undefined;

  constructor(trackSid: string, track: LocalTrack) {
    super(trackSid, track.kind, track.source, track.isMuted);
    this.track = track;
  }

  /** Stops sending media (black frames / silence) and tells the room. */
  mute(): Promise<void> {
    return this.muteHandler?.(this, true) ?? Promise.resolve();
  }

  unmute(): Promise<void> {
    return this.muteHandler?.(this, false) ?? Promise.resolve();
  }
}

/**
 * Another participant's track. `track` is set while it is subscribed and media is arriving on
 * the subscribe connection; `isDesired` is what the app asked for (everything by default).
 */
export class RemoteTrackPublication extends TrackPublication {
  track: RemoteTrack | undefined;
  /** Whether the app wants this track (autoSubscribe, or setSubscribed). */
  isDesired: boolean;
  /** @internal Applies the app's wish through the room. */
  requestSubscription: ((publication: RemoteTrackPublication, subscribe: boolean) => void) | undefined;
  /** The highest simulcast layer wanted; the worker may send less when the downlink is short. */
  videoQuality: VideoQuality = 'high';
  /** @internal Tells the worker through the room. */
  requestVideoQuality: ((publication: RemoteTrackPublication, quality: VideoQuality) => void) | undefined;

  constructor(info: TrackInfo, desired: boolean) {
    super(info.sid, info.kind, info.source, info.muted);
    this.isDesired = desired;
  }

  get isSubscribed(): boolean {
    return this.track !== undefined;
  }

  /** Starts or stops receiving this track (the worker stops forwarding it). */
  setSubscribed(subscribed: boolean): void {
    this.isDesired = subscribed;
    this.requestSubscription?.(this, subscribed);
  }

  /**
   * Asks for a lower (or back the higher) simulcast layer of this video: `low` for a thumbnail,
   * `high` (the default) for a large view. Kept across resubscriptions and reconnections; no effect
   * on tracks published without simulcast.
   */
  setVideoQuality(quality: VideoQuality): void {
    if (quality !== 'low' && quality !== 'medium' && quality !== 'high') {
      throw new TypeError(`quality must be 'low', 'medium' or 'high', not ${String(quality)}`);
    }
    this.videoQuality = quality;
    this.requestVideoQuality?.(this, quality);
  }
}
