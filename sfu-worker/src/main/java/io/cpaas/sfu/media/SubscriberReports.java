package io.cpaas.sfu.media;

import io.cpaas.sfu.rtcp.NtpTime;
import io.cpaas.sfu.rtcp.ReceiverReport;
import io.cpaas.sfu.rtcp.ReportBlock;
import io.cpaas.sfu.rtcp.RtcpHeader;
import io.cpaas.sfu.rtcp.SenderReport;

/**
 * The report blocks a subscriber sends about the streams the worker forwards it (in RRs, or SRs
 * should it send media): their loss and jitter, and the round trip from their LSR and DLSR, go to
 * its {@link LinkStatistics}. The round trip is now − LSR − DLSR (RFC 3550 §6.4.1) on the clock
 * the stream's sender reports were stamped with: its publisher's ({@link PublisherClock}). What the
 * publisher's own link lost never reached the worker and passes through to the subscriber's report
 * (the worker forwards with the publisher's gaps), so it is taken off: a subscriber is not blamed for
 * its publisher's network. Blocks about SSRCs it was not sent are ignored. Receive thread only;
 * nothing is allocated.
 */
final class SubscriberReports {

    private SubscriberReports() {
    }

    /** Reads the RR or SR at {@code at} ({@code length} bytes) from {@code subscriber}. */
    static void read(ParticipantMedia subscriber, byte[] buf, int at, int length, long nowNanos) {
        int type = RtcpHeader.packetType(buf, at);
        boolean sr = type == RtcpHeader.SR;
        if (!(sr ? SenderReport.isValid(buf, at, length) : type == RtcpHeader.RR && ReceiverReport.isValid(buf, at, length))) {
            return;
        }
        int count = RtcpHeader.countOrFormat(buf, at);
        LinkStatistics link = subscriber.linkStatistics();
        for (int i = 0; i < count; i++) {
            int block = sr ? SenderReport.reportBlockOffset(at, i) : ReceiverReport.reportBlockOffset(at, i);
            DownTrack down = subscriber.downTrack(ReportBlock.ssrc(buf, block) & 0xFFFFFFFFL);
            if (down == null) {
                continue;
            }
            UpTrack source = down.source();
            link.onReceivedReport(ReportBlock.fractionLost(buf, block), ReportBlock.jitter(buf, block), source.clockRate(),
                    source.publisher().linkStatistics());
            int lastSenderReport = ReportBlock.lastSenderReport(buf, block);
            if (lastSenderReport != 0) {
                int now = NtpTime.middle32(source.publisher().clock().ntpAt(nowNanos));
                long roundTrip = (now - lastSenderReport - ReportBlock.delaySinceLastSenderReport(buf, block)) & 0xFFFFFFFFL;
                // Units of 1/65536 s; a "negative" round trip (clock moved) wraps to a huge value and is dropped there.
                link.onRoundTrip(roundTrip * 1000.0 / 65536);
            }
        }
    }
}
