package io.cpaas.api.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoomGrantsTests {

    @Test
    void publishingASourceNeedsBothPublishAndTheSource() {
        RoomGrants cameraOnly = new RoomGrants(true, true, false, Set.of(TrackSource.CAMERA), false, false);
        assertTrue(cameraOnly.canPublish(TrackSource.CAMERA));
        assertFalse(cameraOnly.canPublish(TrackSource.SCREEN));
        RoomGrants noPublish = new RoomGrants(false, true, false, Set.of(TrackSource.CAMERA), false, false);
        assertFalse(noPublish.canPublish(TrackSource.CAMERA));
    }

    @Test
    void emptySourcesPublishNoMedia() {
        RoomGrants dataOnly = new RoomGrants(true, true, true, Set.of(), false, false);
        for (TrackSource source : TrackSource.values()) {
            assertFalse(dataOnly.canPublish(source), source.wireName());
        }
    }

    @Test
    void sourcesAreCopiedAndCannotBeChanged() {
        Set<TrackSource> sources = new HashSet<>(Set.of(TrackSource.CAMERA));
        RoomGrants grants = new RoomGrants(true, true, false, sources, false, false);
        sources.add(TrackSource.SCREEN);
        assertEquals(Set.of(TrackSource.CAMERA), grants.allowedSources());
        assertThrows(UnsupportedOperationException.class, () -> grants.allowedSources().add(TrackSource.SCREEN));
        assertThrows(NullPointerException.class, () -> new RoomGrants(true, true, false, null, false, false));
    }

    @Test
    void grantsWithTheSameSourcesAreEqualWhateverTheSetType() {
        assertEquals(new RoomGrants(true, true, true, EnumSet.allOf(TrackSource.class), false, false),
                new RoomGrants(true, true, true, new HashSet<>(Set.of(TrackSource.values())), false, false));
    }

    @Test
    void standardGrantsEverythingButHidingAndAdmin() {
        RoomGrants standard = RoomGrants.standard();
        assertTrue(standard.publish() && standard.subscribe() && standard.publishData());
        assertEquals(EnumSet.allOf(TrackSource.class), standard.allowedSources());
        assertFalse(standard.hidden() || standard.roomAdmin());
    }

    @Test
    void subscribeOnlyCanNeitherPublishNorSendData() {
        RoomGrants viewer = RoomGrants.subscribeOnly();
        assertTrue(viewer.subscribe());
        assertFalse(viewer.publish() || viewer.publishData() || viewer.roomAdmin());
        assertTrue(viewer.allowedSources().isEmpty());
    }
}
