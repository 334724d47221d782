package io.cpaas.sfu.room;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Who is speaking in one room: from the participants' smoothed audio levels (sampled by the media
 * layer every few hundred milliseconds) it keeps those at or above {@link #SPEAKING_LEVEL}, loudest
 * first, and says when that list changed. Levels alone moving does not count as a change: the room
 * hears about speakers starting, stopping or changing places, not every sample.
 *
 * <p>Used by the room's speaker task only (one thread); nothing here touches the media path.
 */
public final class ActiveSpeakerDetector {

    /**
     * A mean amplitude of about -50 dBov: quiet speech is well above, a silent microphone is 0 and
     * the background noise of a real room stays below once smoothed.
     */
    public static final double SPEAKING_LEVEL = 0.003;
    /** A speaker already listed is dropped only below this, so that one hovering at the threshold does not flicker. */
    public static final double STOP_LEVEL = 0.002;

    private List<Speaker> current = List.of();

    /** A participant's level in one sample. */
    public record Level(String sid, String identity, double level) {
    }

    /** One active speaker as the room hears it; {@code level} from 0 to 1. */
    public record Speaker(String sid, String identity, double level) {
    }

    /**
     * Takes one sample of every participant of the room and answers the speakers, loudest first, when
     * they differ from the previous answer (who, or in which order); null when nothing changed.
     */
    public List<Speaker> update(List<Level> levels) {
        List<Speaker> speaking = new ArrayList<>();
        for (Level level : levels) {
            boolean wasSpeaking = current.stream().anyMatch(s -> s.sid().equals(level.sid()));
            if (level.level() >= SPEAKING_LEVEL || wasSpeaking && level.level() >= STOP_LEVEL) {
                speaking.add(new Speaker(level.sid(), level.identity(), level.level()));
            }
        }
        speaking.sort(Comparator.comparingDouble(Speaker::level).reversed().thenComparing(Speaker::sid));
        if (sameOrder(speaking, current)) {
            current = speaking;
            return null;
        }
        current = speaking;
        return List.copyOf(speaking);
    }

    /** The speakers of the last sample, loudest first. */
    public List<Speaker> speakers() {
        return List.copyOf(current);
    }

    private static boolean sameOrder(List<Speaker> a, List<Speaker> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).sid().equals(b.get(i).sid())) {
                return false;
            }
        }
        return true;
    }
}
