import type { TrackSource } from '../signal/messages.js';
import type { TrackPublication } from '../track/TrackPublication.js';

/** What local and remote participants share: who they are and what they publish. */
export abstract class Participant {
  /** Server id of this session; changes when the participant reconnects. */
  sid: string;
  readonly identity: string;
  name: string | undefined;
  metadata: string | undefined;

  protected constructor(sid: string, identity: string, name?: string, metadata?: string) {
    this.sid = sid;
    this.identity = identity;
    this.name = name;
    this.metadata = metadata;
  }

  /** The participant's publications by track sid. */
  abstract get trackPublications(): ReadonlyMap<string, TrackPublication>;

  getTrackPublication(source: TrackSource): TrackPublication | undefined {
    for (const publication of this.trackPublications.values()) if (publication.source === source) return publication;
    return undefined;
  }

  get isCameraEnabled(): boolean {
    const publication = this.getTrackPublication('camera');
    return publication !== undefined && !publication.isMuted;
  }

  get isMicrophoneEnabled(): boolean {
    const publication = this.getTrackPublication('microphone');
    return publication !== undefined && !publication.isMuted;
  }

  get isScreenShareEnabled(): boolean {
    return this.getTrackPublication('screen') !== undefined;
  }
}
