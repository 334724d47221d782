import type { RoomEventMap } from './events.js';
import type { Participant } from './participant/Participant.js';
import type { QualityInfo, SpeakerInfo } from './signal/messages.js';

/** Finds a participant of the room (remote or local) by identity. */
export type ParticipantLookup = (identity: string) => Participant | undefined;

/** Emits one room event; the room passes its own emitter. */
type Emit = <E extends keyof RoomEventMap>(event: E, ...args: Parameters<RoomEventMap[E]>) => void;

/**
 * Applies the worker's `activeSpeakers` and `connectionQuality` frames to the room's participants
 * (`isSpeaking`, `audioLevel`, `connectionQuality`) and emits `activeSpeakersChanged` and
 * `connectionQualityChanged`, each only when something changed (the worker repeats its latest
 * frames). Pure bookkeeping, no I/O; entries about participants the room does not know (hidden, or
 * not announced yet) are skipped.
 */
export class SpeakerAndQuality {
  private speaking: Participant[] = [];

  constructor(
    private readonly lookup: ParticipantLookup,
    private readonly emit: Emit,
  ) {}

  /** The speakers of the latest `activeSpeakers` frame, loudest first. */
  get speakers(): readonly Participant[] {
    return this.speaking;
  }

  applySpeakers(speakers: readonly SpeakerInfo[]): void {
    const now: Participant[] = [];
    for (const info of speakers) {
      const participant = this.lookup(info.identity);
      if (!participant || now.includes(participant)) continue;
      participant.isSpeaking = true;
      participant.audioLevel = info.level;
      now.push(participant);
    }
    const unchanged = now.length === this.speaking.length && now.every((participant, i) => participant === this.speaking[i]);
    for (const previous of this.speaking) {
      if (!now.includes(previous)) {
        previous.isSpeaking = false;
        previous.audioLevel = 0;
      }
    }
    this.speaking = now;
    // The worker repeats its latest frame every few seconds: only a change is an event.
    if (!unchanged) this.emit('activeSpeakersChanged', [...now]);
  }

  applyQuality(updates: readonly QualityInfo[]): void {
    for (const update of updates) {
      const participant = this.lookup(update.identity);
      if (!participant || participant.connectionQuality === update.quality) continue;
      participant.connectionQuality = update.quality;
      this.emit('connectionQualityChanged', update.quality, participant);
    }
  }

  /** Forgets the speakers (the room reconnected or ended): nobody speaks until the worker says so. */
  reset(): void {
    for (const participant of this.speaking) {
      participant.isSpeaking = false;
      participant.audioLevel = 0;
    }
    this.speaking = [];
  }
}
