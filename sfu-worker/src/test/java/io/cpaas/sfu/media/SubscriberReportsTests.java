package io.cpaas.sfu.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cpaas.api.token.RoomGrants;
import io.cpaas.api.token.TrackSource;
import io.cpaas.sfu.room.Participant;
import io.cpaas.sfu.room.PublishedTrack;
import io.cpaas.sfu.room.Room;
import io.cpaas.sfu.rtcp.NtpTime;
import io.cpaas.sfu.rtcp.ReceiverReport;
import io.cpaas.sfu.rtcp.ReportBlock;
import org.junit.jupiter.api.Test;

/** A subscriber's receiver reports feed its connection's loss, jitter and round trip ({@link LinkStatistics}). */
class SubscriberReportsTests {

    private static final int FORWARDED_SSRC = 0x1111;

    private final Room room = new Room("tenant", "room");
    private final ParticipantMedia publisher = new ParticipantMedia(
            new Participant("PA_pub", "pub", null, null, RoomGrants.standard(), null), room);
    private final ParticipantMedia subscriber = new ParticipantMedia(
            new Participant("PA_sub", "sub", null, null, RoomGrants.standard(), null), room);

    SubscriberReportsTests() {
        UpTrack up = new UpTrack(new PublishedTrack("TR_v", "video", TrackSource.CAMERA, "0", false), publisher, 0x2222, java.util.List.of(), "VP8",
                90_000, 96, null);
        subscriber.addDownTrack(new DownTrack(up, subscriber, FORWARDED_SSRC, 0, 96, 0, new MediaCounters(), (track, layer) -> { }));
    }

    /** An RR with one block about {@code ssrc}: 10 % lost, 10 ms of jitter, our SR sent 100 ms ago and held 20 ms. */
    private byte[] report(int ssrc, long nowNanos) {
        byte[] buf = new byte[ReceiverReport.length(1)];
        ReceiverReport.write(buf, 0, 0x5555, 1);
        int sentSenderReport = NtpTime.middle32(publisher.clock().ntpAt(nowNanos - 100_000_000L));
        ReportBlock.write(buf, ReceiverReport.reportBlockOffset(0, 0), ssrc, 26, 40, 1000, 900, sentSenderReport,
                NtpTime.toShortUnits(20_000_000L));
        return buf;
    }

    @Test
    void aReportAboutAForwardedStreamGivesDownlinkLossJitterAndRoundTrip() {
        long now = System.nanoTime();
        SubscriberReports.read(subscriber, report(FORWARDED_SSRC, now), 0, ReceiverReport.length(1), now);
        LinkStatistics link = subscriber.linkStatistics();
        assertEquals(26 / 256.0 * LinkStatistics.WEIGHT, link.downlinkLoss(), 1e-9, "smoothed a third of the way");
        assertEquals(10 * LinkStatistics.WEIGHT, link.jitterMillis(), 0.01);
        assertEquals(80, link.roundTripMillis(), 0.5, "100 ms since our SR less 20 ms held");
        assertEquals(0, link.uplinkLoss());
    }

    @Test
    void reportsAboutOtherStreamsAndTruncatedReportsChangeNothing() {
        long now = System.nanoTime();
        SubscriberReports.read(subscriber, report(0x9999, now), 0, ReceiverReport.length(1), now);
        SubscriberReports.read(subscriber, report(FORWARDED_SSRC, now), 0, ReceiverReport.length(1) - 4, now);
        assertEquals(0, subscriber.linkStatistics().loss());
        assertEquals(-1, subscriber.linkStatistics().roundTripMillis());
    }

    @Test
    void lossThePublishersLinkCausedIsNotCountedAgainstTheSubscriber() {
        for (int i = 0; i < 30; i++) {
            publisher.linkStatistics().onSentReport(26, 0, 90_000); // the worker lost 10 % of what the publisher sent
        }
        long now = System.nanoTime();
        for (int i = 0; i < 30; i++) {
            SubscriberReports.read(subscriber, report(FORWARDED_SSRC, now), 0, ReceiverReport.length(1), now);
        }
        assertEquals(0, subscriber.linkStatistics().downlinkLoss(), 0.001);
        assertEquals(0.1, publisher.linkStatistics().loss(), 0.002);
    }

    @Test
    void reportsTheWorkerSendsGiveUplinkLossAndTheWorseDirectionCounts() {
        LinkStatistics link = new LinkStatistics();
        for (int i = 0; i < 30; i++) {
            link.onSentReport(51, 480, 48_000); // 20 % lost, 10 ms
            link.onReceivedReport(0, 0, 90_000, new LinkStatistics());
        }
        assertEquals(0.2, link.loss(), 0.001);
        assertEquals(10, link.jitterMillis(), 0.01);
    }
}
