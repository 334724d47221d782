package io.cpaas.sfu.media;

import io.cpaas.sfu.rtcp.Nack;
import io.cpaas.sfu.rtp.MissingPacketTracker;

/**
 * Repairs what one publisher's link to the worker lost, before it reaches any subscriber: each
 * layer's {@link MissingPacketTracker} sees every packet that arrives (originals, and repairs once
 * unwrapped from RTX), decides which are forwarded, and the missing ones are asked for with Generic
 * NACKs (RFC 4585 §6.2.1) to the publisher, which resends them (as RTX when negotiated, RFC 4588).
 * Without this a publisher's loss reaches every subscriber, whose own NACKs the worker cannot answer
 * because it never had the packet, and their video freezes until the next keyframe.
 *
 * <p>Requests go out as packets arrive (no timer, as {@link PublisherFeedback}): at once after a
 * gap, otherwise at most every {@link #CHECK_INTERVAL_MILLIS} per layer, and again for a packet
 * after about a round trip ({@link #retryMillis}). Receive thread only; buffers allocated once per
 * publisher.
 */
final class UpstreamLossRepair {

    /** About 2 s of a 2.5 Mbit/s layer: beyond what is repaired within {@link #MAX_AGE_MILLIS}. */
    static final int CAPACITY = 512;
    /** A longer run of losses is an outage or a restarted stream; the next keyframe repairs it. */
    static final int MAX_GAP = 200;
    /** As libwebrtc's receivers, which give up on a packet after 10 requests or 1 s; fewer, the worker is in the middle. */
    static final int MAX_NACKS = 4;
    static final long MAX_AGE_MILLIS = 1_000;
    static final long CHECK_INTERVAL_MILLIS = 10;
    /** Retry spacing when no round trip is known, and its bounds when one is. */
    static final long DEFAULT_RETRY_MILLIS = 50;
    static final long MIN_RETRY_MILLIS = 20;
    static final long MAX_RETRY_MILLIS = 300;
    /** Sequence numbers in one NACK at most (a few FCI entries each covering 17). */
    static final int MAX_PER_NACK = 64;

    private final MediaCounters counters;
    private final int[] due = new int[MAX_PER_NACK];
    private final byte[] out = new byte[Nack.maxLength(MAX_PER_NACK)];

    UpstreamLossRepair(MediaCounters counters) {
        this.counters = counters;
    }

    static MissingPacketTracker newTracker() {
        return new MissingPacketTracker(CAPACITY, MAX_GAP, MAX_NACKS, MAX_AGE_MILLIS);
    }

    /**
     * An original packet of {@code layer} arrived; sends the NACKs due. Answers whether to forward it:
     * everything but a duplicate.
     */
    boolean onOriginal(PeerConnection connection, UpLayer layer, int sequenceNumber, double roundTripMillis, long nowNanos) {
        return arrived(connection, layer, sequenceNumber, roundTripMillis, nowNanos);
    }

    /**
     * The publisher resent a packet of {@code layer} (unwrapped from RTX). Answers whether to forward
     * it: whenever it is the first copy here — a packet asked for, or one newer than any seen (libwebrtc's
     * padding probes resend the packet just sent, whose original the link may have lost) — and not
     * when it is a copy of one that arrived (a probe, a repair racing its original).
     */
    boolean onRepair(PeerConnection connection, UpLayer layer, int sequenceNumber, double roundTripMillis, long nowNanos) {
        counters.upstreamRepairsReceived.increment();
        return arrived(connection, layer, sequenceNumber, roundTripMillis, nowNanos);
    }

    private boolean arrived(PeerConnection connection, UpLayer layer, int sequenceNumber, double roundTripMillis, long nowNanos) {
        MissingPacketTracker missing = layer.missing();
        if (missing == null) {
            return true; // losses of this layer are not repaired: nothing to tell apart
        }
        long nowMillis = nowNanos / 1_000_000;
        long recoveredBefore = missing.recovered();
        long givenUpBefore = missing.givenUp();
        MissingPacketTracker.Arrival arrival = missing.onPacket(sequenceNumber, nowMillis);
        boolean forward = arrival != MissingPacketTracker.Arrival.DUPLICATE;
        if (!forward) {
            counters.upstreamDuplicates.increment();
        }
        if (arrival == MissingPacketTracker.Arrival.AFTER_GAP || nowMillis - layer.lastNackCheckMillis >= CHECK_INTERVAL_MILLIS) {
            sendDue(connection, layer, missing, roundTripMillis, nowMillis);
        }
        counters.upstreamRecovered.add(missing.recovered() - recoveredBefore);
        counters.upstreamGivenUp.add(missing.givenUp() - givenUpBefore);
        return forward;
    }

    /** About a round trip, so that a repair on its way is not asked for again. */
    static long retryMillis(double roundTripMillis) {
        if (roundTripMillis < 0) {
            return DEFAULT_RETRY_MILLIS;
        }
        return Math.max(MIN_RETRY_MILLIS, Math.min(MAX_RETRY_MILLIS, (long) (roundTripMillis * 1.2) + 5));
    }

    private void sendDue(PeerConnection connection, UpLayer layer, MissingPacketTracker missing, double roundTripMillis,
                         long nowMillis) {
        layer.lastNackCheckMillis = nowMillis;
        int count = missing.due(nowMillis, retryMillis(roundTripMillis), due, due.length);
        if (count == 0 || !layer.ssrcKnown()) {
            return;
        }
        int length = Nack.write(out, 0, MediaRouter.WORKER_SSRC, layer.ssrc(), due, 0, count);
        connection.sendRtcp(out, 0, length);
        counters.upstreamNacksSent.increment();
        counters.upstreamPacketsNacked.add(count);
    }
}
