import type { ConnectionQuality } from '../events.js';
import type { TrackSource } from '../signal/messages.js';
import type { TrackPublication } from '../track/TrackPublication.js';

/** What local and remote participants share: who they are and what they publish. */
export abstract class Participant {
  /** Server id of this session; changes when the participant reconnects. */
  sid: string;
  readonly identity: string;
  name: string | undefined;
  metadata: string | undefined;
  /** Whether the worker counts this participant among the room's active speakers (`activeSpeakersChanged`). */
  isSpeaking = false;
  /** Its smoothed microphone level as the worker hears it, 0 (silent) to 1; 0 when not speaking. */
  audioLevel = 0;
  /** How well its connection carries media, as the worker measures it (`connectionQualityChanged`). */
  connectionQuality: ConnectionQuality = 'unknown';

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
