import { Track, type TrackSource } from './Track.js';

/** A track received from another participant through the worker. */
export class RemoteTrack extends Track {
  /** The publication's server id. */
  readonly sid: string;

  constructor(mediaStreamTrack: MediaStreamTrack, sid: string, source: TrackSource) {
    super(mediaStreamTrack, source);
    this.sid = sid;
  }
}
