package io.cpaas.sfu.media;

import io.cpaas.sfu.rtcp.NtpTime;

/**
 * A publisher's NTP clock as seen from here: the offset between its sender reports' NTP time and
 * ours, learned from its latest SR on any of its tracks. Reports toward subscribers use it so that
 * every forwarded track of one publisher, audio and video alike, speaks of one timeline, the one its
 * RTP timestamps were mapped to, which is what receivers need to sync them. Until the first SR the
 * worker's own clock stands in. Used by the receive thread only.
 */
final class PublisherClock {

    /** The worker's NTP clock, following the monotonic clock from start. */
    static final NtpTime LOCAL = NtpTime.systemClock();

    private boolean known;
    private long offset;

    /** A sender report with NTP time {@code ntp} arrived at {@code arrivalNanos} (monotonic). */
    void onSenderReport(long ntp, long arrivalNanos) {
        offset = ntp - LOCAL.at(arrivalNanos);
        known = true;
    }

    /** Whether an SR of this publisher has arrived. */
    boolean known() {
        return known;
    }

    /** NTP time on the publisher's clock (ours until it is known) at monotonic time {@code nanos}. */
    long ntpAt(long nanos) {
        return LOCAL.at(nanos) + offset;
    }
}
