import type { TrackKind } from '../signal/messages.js';

export type { TrackKind } from '../signal/messages.js';

/** Where a track comes from: `camera`, `microphone`, `screen` or `screen_audio` (the wire's values). */
export type TrackSource = (typeof TrackSource)[keyof typeof TrackSource];

/** Track sources as constants, e.g. `Track.Source.Camera`. */
export const TrackSource = {
  Camera: 'camera',
  Microphone: 'microphone',
  ScreenShare: 'screen',
  ScreenShareAudio: 'screen_audio',
} as const;

/**
 * A media track the room knows about: a `MediaStreamTrack` with its source, which can be shown
 * in (attached to) `<video>` and `<audio>` elements.
 */
export abstract class Track {
  readonly kind: TrackKind;
  readonly source: TrackSource;
  protected streamTrack: MediaStreamTrack;
  private readonly elements = new Set<HTMLMediaElement>();

  protected constructor(mediaStreamTrack: MediaStreamTrack, source: TrackSource) {
    this.kind = mediaStreamTrack.kind === 'audio' ? 'audio' : 'video';
    this.source = source;
    this.streamTrack = mediaStreamTrack;
  }

  get mediaStreamTrack(): MediaStreamTrack {
    return this.streamTrack;
  }

  /** The elements this track is attached to. */
  get attachedElements(): readonly HTMLMediaElement[] {
    return [...this.elements];
  }

  /**
   * Plays the track in `element`, or in a new `<video>`/`<audio>` element when none is given
   * (append it to the page yourself). Returns the element.
   */
  attach(element?: HTMLMediaElement): HTMLMediaElement {
    const target = element ?? document.createElement(this.kind === 'video' ? 'video' : 'audio');
    target.autoplay = true;
    if (target instanceof HTMLVideoElement) {
      target.playsInline = true;
      // Video elements carry no sound of their own: audio comes from the audio track's element.
      target.muted = true;
    }
    target.srcObject = new MediaStream([this.streamTrack]);
    this.elements.add(target);
    // Autoplay policies may refuse play() without a user gesture; the element plays once allowed.
    target.play().catch(() => {});
    return target;
  }

  /** Stops playing in `element`, or in every attached element. Returns the detached elements. */
  detach(element?: HTMLMediaElement): HTMLMediaElement[] {
    const targets = element ? [element] : [...this.elements];
    for (const target of targets) {
      if (!this.elements.delete(target)) continue;
      target.srcObject = null;
    }
    return targets;
  }

  /** Re-points attached elements at a new underlying track (device switch, resubscription). */
  protected setMediaStreamTrack(track: MediaStreamTrack): void {
    this.streamTrack = track;
    for (const element of this.elements) element.srcObject = new MediaStream([track]);
  }
}
