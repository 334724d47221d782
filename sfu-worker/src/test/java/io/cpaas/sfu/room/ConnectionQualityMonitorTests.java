package io.cpaas.sfu.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cpaas.sfu.room.ConnectionQualityMonitor.Announcement;
import io.cpaas.sfu.room.ConnectionQualityMonitor.Measurement;
import io.cpaas.sfu.room.ConnectionQualityMonitor.Update;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionQualityMonitorTests {

    private static Measurement publisher(String identity, double loss, double jitter, double rtt) {
        return new Measurement("PA_" + identity, identity, true, loss, jitter, rtt, 0);
    }

    private static Measurement viewer(String identity, double loss) {
        return new Measurement("PA_" + identity, identity, false, loss, 5, 20, 0);
    }

    private static List<ConnectionQuality> qualities(List<Update> updates) {
        return updates.stream().map(Update::quality).toList();
    }

    private static List<String> identities(List<Update> updates) {
        return updates.stream().map(Update::identity).toList();
    }

    @Test
    void lossJitterAndRoundTripClassifyAConnection() {
        assertEquals(ConnectionQuality.EXCELLENT, ConnectionQuality.classify(0, 5, 20));
        assertEquals(ConnectionQuality.EXCELLENT, ConnectionQuality.classify(0.01, 10, -1), "an unknown round trip does not count");
        assertEquals(ConnectionQuality.GOOD, ConnectionQuality.classify(0.07, 10, 40));
        assertEquals(ConnectionQuality.GOOD, ConnectionQuality.classify(0, 10, 320), "150 ms each way is good, not excellent");
        assertEquals(ConnectionQuality.GOOD, ConnectionQuality.classify(0, 45, 40));
        assertEquals(ConnectionQuality.POOR, ConnectionQuality.classify(0.10, 10, 40), "10 % loss is poor");
        assertEquals(ConnectionQuality.POOR, ConnectionQuality.classify(0, 10, 800));
        assertEquals(ConnectionQuality.POOR, ConnectionQuality.classify(0, 120, 40));
    }

    @Test
    void theRoomHearsEveryPublishersQualityWhenOneChangesAndNothingOtherwise() {
        ConnectionQualityMonitor monitor = new ConnectionQualityMonitor();
        List<Update> first = monitor.update(List.of(publisher("alice", 0, 5, 20), publisher("bob", 0.1, 5, 20))).toRoom();
        assertEquals(List.of(ConnectionQuality.EXCELLENT, ConnectionQuality.POOR), qualities(first));
        assertEquals("bob", first.get(1).identity());
        assertNull(monitor.update(List.of(publisher("alice", 0.005, 5, 20), publisher("bob", 0.12, 5, 20))).toRoom());
        assertNull(monitor.update(List.of(publisher("bob", 0.12, 5, 20), publisher("alice", 0.005, 5, 20))).toRoom(),
                "the same qualities measured in another order are no news");
        assertEquals(List.of(ConnectionQuality.GOOD, ConnectionQuality.POOR),
                qualities(monitor.update(List.of(publisher("alice", 0.04, 5, 20), publisher("bob", 0.12, 5, 20))).toRoom()), "worse at once");
    }

    @Test
    void aBetterQualityIsAnnouncedOnlyOnceItLasts() {
        ConnectionQualityMonitor monitor = new ConnectionQualityMonitor();
        monitor.update(List.of(publisher("bob", 0.1, 5, 20)));
        assertNull(monitor.update(List.of(publisher("bob", 0, 5, 20))).toRoom(), "one good evaluation after a bad stretch");
        assertEquals(List.of(ConnectionQuality.EXCELLENT), qualities(monitor.update(List.of(publisher("bob", 0, 5, 20))).toRoom()));
        monitor.update(List.of(publisher("bob", 0.1, 5, 20)));
        assertNull(monitor.update(List.of(publisher("bob", 0, 5, 20))).toRoom());
        assertNull(monitor.update(List.of(publisher("bob", 0.1, 5, 20))).toRoom(), "a relapse starts the count again");
        assertNull(monitor.update(List.of(publisher("bob", 0, 5, 20))).toRoom());
    }

    @Test
    void aConnectionSilentForSecondsIsLostAndANewcomerIsAnnounced() {
        ConnectionQualityMonitor monitor = new ConnectionQualityMonitor();
        monitor.update(List.of(publisher("alice", 0, 5, 20)));
        List<Update> lost = monitor.update(List.of(new Measurement("PA_alice", "alice", true, 0, 5, 20,
                ConnectionQualityMonitor.LOST_AFTER_NANOS), publisher("bob", 0, 5, 20))).toRoom();
        assertEquals(List.of(ConnectionQuality.LOST, ConnectionQuality.EXCELLENT), qualities(lost));
        List<Update> left = monitor.update(List.of(publisher("bob", 0, 5, 20))).toRoom();
        assertEquals(List.of("bob"), identities(left), "one who left is forgotten and the room told");
    }

    @Test
    void oneWhoPublishesNothingHearsOnlyItsOwnQualityAndOnlyWhenItChanges() {
        ConnectionQualityMonitor monitor = new ConnectionQualityMonitor();
        Announcement first = monitor.update(List.of(publisher("host", 0, 5, 20), viewer("v1", 0), viewer("v2", 0)));
        assertEquals(List.of("host"), identities(first.toRoom()), "the room hears only the publisher");
        assertEquals(List.of("v1", "v2"), identities(first.toThemselves()), "each viewer hears its first quality");
        Announcement steady = monitor.update(List.of(publisher("host", 0, 5, 20), viewer("v1", 0), viewer("v2", 0)));
        assertNull(steady.toRoom());
        assertEquals(List.of(), steady.toThemselves());
        Announcement lossy = monitor.update(List.of(publisher("host", 0, 5, 20), viewer("v1", 0), viewer("v2", 0.1)));
        assertNull(lossy.toRoom(), "a viewer's quality is not the room's news");
        assertEquals(List.of(new Update("PA_v2", "v2", ConnectionQuality.POOR)), lossy.toThemselves());
        Announcement newcomer = monitor.update(List.of(publisher("host", 0, 5, 20), viewer("v1", 0), viewer("v2", 0.1), viewer("v3", 0)));
        assertNull(newcomer.toRoom(), "nor is a viewer coming");
        assertEquals(List.of("v3"), identities(newcomer.toThemselves()));
    }

    @Test
    void startingToPublishPutsOneOnTheRoomsListAndStoppingTakesItOff() {
        ConnectionQualityMonitor monitor = new ConnectionQualityMonitor();
        monitor.update(List.of(publisher("host", 0, 5, 20), viewer("v1", 0)));
        Announcement guest = monitor.update(List.of(publisher("host", 0, 5, 20), publisher("v1", 0, 5, 20)));
        assertEquals(List.of("host", "v1"), identities(guest.toRoom()));
        assertEquals(List.of(), guest.toThemselves());
        Announcement back = monitor.update(List.of(publisher("host", 0, 5, 20), viewer("v1", 0)));
        assertEquals(List.of("host"), identities(back.toRoom()));
        assertEquals(List.of(), back.toThemselves(), "its quality did not change: its client knows it");
        assertEquals(List.of(), monitor.update(List.of(viewer("v1", 0))).toRoom(), "the last publisher gone: an empty list, once");
        assertNull(monitor.update(List.of(viewer("v1", 0))).toRoom());
    }
}
