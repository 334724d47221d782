package io.cpaas.sfu.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cpaas.sfu.room.ActiveSpeakerDetector.Level;
import io.cpaas.sfu.room.ActiveSpeakerDetector.Speaker;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActiveSpeakerDetectorTests {

    private static List<String> identities(List<Speaker> speakers) {
        return speakers.stream().map(Speaker::identity).toList();
    }

    @Test
    void speakersAreListedLoudestFirstAndSilentOnesLeftOut() {
        ActiveSpeakerDetector detector = new ActiveSpeakerDetector();
        List<Speaker> speakers = detector.update(List.of(new Level("PA", "alice", 0.01), new Level("PB", "bob", 0.2),
                new Level("PC", "carol", 0)));
        assertEquals(List.of("bob", "alice"), identities(speakers));
        assertEquals(0.2, speakers.get(0).level());
    }

    @Test
    void theRoomHearsOnlyChangesOfWhoSpeaksOrTheOrder() {
        ActiveSpeakerDetector detector = new ActiveSpeakerDetector();
        assertNull(detector.update(List.of(new Level("PA", "alice", 0))), "nobody speaking at first is no change");
        assertEquals(List.of("alice"), identities(detector.update(List.of(new Level("PA", "alice", 0.05)))));
        assertNull(detector.update(List.of(new Level("PA", "alice", 0.08))), "a level moving is no change");
        assertEquals(List.of("bob", "alice"),
                identities(detector.update(List.of(new Level("PA", "alice", 0.05), new Level("PB", "bob", 0.1)))));
        assertEquals(List.of("alice", "bob"),
                identities(detector.update(List.of(new Level("PA", "alice", 0.2), new Level("PB", "bob", 0.1)))));
        assertEquals(List.of(), detector.update(List.of(new Level("PA", "alice", 0), new Level("PB", "bob", 0))));
    }

    @Test
    void aSpeakerHoveringAtTheThresholdDoesNotFlicker() {
        ActiveSpeakerDetector detector = new ActiveSpeakerDetector();
        double above = ActiveSpeakerDetector.SPEAKING_LEVEL;
        double between = (ActiveSpeakerDetector.SPEAKING_LEVEL + ActiveSpeakerDetector.STOP_LEVEL) / 2;
        assertNull(detector.update(List.of(new Level("PA", "alice", between))), "not loud enough to start");
        assertEquals(List.of("alice"), identities(detector.update(List.of(new Level("PA", "alice", above)))));
        assertNull(detector.update(List.of(new Level("PA", "alice", between))), "but loud enough to go on");
        assertEquals(List.of(), detector.update(List.of(new Level("PA", "alice", ActiveSpeakerDetector.STOP_LEVEL / 2))));
    }

    @Test
    void aSpeakerWhoLeftIsNoLongerListed() {
        ActiveSpeakerDetector detector = new ActiveSpeakerDetector();
        detector.update(List.of(new Level("PA", "alice", 0.1), new Level("PB", "bob", 0.05)));
        assertEquals(List.of("bob"), identities(detector.update(List.of(new Level("PB", "bob", 0.05)))));
        assertEquals(List.of("bob"), identities(detector.speakers()));
    }
}
