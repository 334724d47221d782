import type { ParticipantInfo } from '../signal/messages.js';
import type { RemoteTrackPublication } from '../track/TrackPublication.js';
import { Participant } from './Participant.js';

/** Another participant in the room, as the worker announced it. */
export class RemoteParticipant extends Participant {
  /** @internal */
  readonly publications = new Map<string, RemoteTrackPublication>();

  constructor(info: ParticipantInfo) {
    super(info.sid, info.identity, info.name, info.metadata);
  }

  override get trackPublications(): ReadonlyMap<string, RemoteTrackPublication> {
    return this.publications;
  }
}
