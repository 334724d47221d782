package io.cpaas.sfu.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cpaas.sfu.room.ConnectionQualityMonitor.Measurement;
import io.cpaas.sfu.room.ConnectionQualityMonitor.Update;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionQualityMonitorTests {

    private static Measurement of(String identity, double loss, double jitter, double rtt) {
        return new Measurement("PA_" + identity, identity, loss, jitter, rtt, 0);
    }

    private static List<ConnectionQuality> qualities(List<Update> updates) {
        return updates.stream().map(Update::quality).toList();
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
    void theRoomHearsEveryonesQualityWhenOneChangesAndNothingOtherwise() {
        ConnectionQualityMonitor monitor = new ConnectionQualityMonitor();
        List<Update> first = monitor.update(List.of(of("alice", 0, 5, 20), of("bob", 0.1, 5, 20)));
        assertEquals(List.of(ConnectionQuality.EXCELLENT, ConnectionQuality.POOR), qualities(first));
        assertEquals("bob", first.get(1).identity());
        assertNull(monitor.update(List.of(of("alice", 0.005, 5, 20), of("bob", 0.12, 5, 20))));
        assertEquals(List.of(ConnectionQuality.GOOD, ConnectionQuality.POOR),
                qualities(monitor.update(List.of(of("alice", 0.04, 5, 20), of("bob", 0.12, 5, 20)))), "worse at once");
    }

    @Test
    void aBetterQualityIsAnnouncedOnlyOnceItLasts() {
        ConnectionQualityMonitor monitor = new ConnectionQualityMonitor();
        monitor.update(List.of(of("bob", 0.1, 5, 20)));
        assertNull(monitor.update(List.of(of("bob", 0, 5, 20))), "one good evaluation after a bad stretch");
        assertEquals(List.of(ConnectionQuality.EXCELLENT), qualities(monitor.update(List.of(of("bob", 0, 5, 20)))));
        monitor.update(List.of(of("bob", 0.1, 5, 20)));
        assertNull(monitor.update(List.of(of("bob", 0, 5, 20))));
        assertNull(monitor.update(List.of(of("bob", 0.1, 5, 20))), "a relapse starts the count again");
        assertNull(monitor.update(List.of(of("bob", 0, 5, 20))));
    }

    @Test
    void aConnectionSilentForSecondsIsLostAndANewcomerIsAnnounced() {
        ConnectionQualityMonitor monitor = new ConnectionQualityMonitor();
        monitor.update(List.of(of("alice", 0, 5, 20)));
        List<Update> lost = monitor.update(List.of(new Measurement("PA_alice", "alice", 0, 5, 20,
                ConnectionQualityMonitor.LOST_AFTER_NANOS), of("bob", 0, 5, 20)));
        assertEquals(List.of(ConnectionQuality.LOST, ConnectionQuality.EXCELLENT), qualities(lost));
        List<Update> left = monitor.update(List.of(of("bob", 0, 5, 20)));
        assertEquals(List.of("bob"), left.stream().map(Update::identity).toList(), "one who left is forgotten and the room told");
    }
}
