package io.cpaas.sfu.media;

import io.cpaas.sfu.room.PublishedTrack;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One track a publisher sends: the SSRC it arrives on, its codec, and the subscribers it goes to.
 * Keyframe requests towards the publisher are rate-limited here.
 */
final class UpTrack {

    private static final long KEYFRAME_REQUEST_INTERVAL_NANOS = 300_000_000L;

    private final PublishedTrack track;
    private final ParticipantMedia publisher;
    private final int ssrc;
    private final String codec;
    private final int clockRate;
    private final int payloadType;
    private final io.cpaas.sfu.sdp.PayloadType codecDescription;
    private final List<DownTrack> downTracks = new CopyOnWriteArrayList<>();
    private final AtomicLong lastKeyframeRequest = new AtomicLong(System.nanoTime() - KEYFRAME_REQUEST_INTERVAL_NANOS);
    private final LongAdder packets = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    /** Read by the receive thread for every packet: a plain volatile flag, no lock. */
    private volatile boolean serverMuted;

    UpTrack(PublishedTrack track, ParticipantMedia publisher, int ssrc, String codec, int clockRate, int payloadType,
            io.cpaas.sfu.sdp.PayloadType codecDescription) {
        this.codecDescription = codecDescription;
        this.track = track;
        this.publisher = publisher;
        this.ssrc = ssrc;
        this.codec = codec;
        this.clockRate = clockRate;
        this.payloadType = payloadType;
    }

    PublishedTrack track() {
        return track;
    }

    ParticipantMedia publisher() {
        return publisher;
    }

    int ssrc() {
        return ssrc;
    }

    String codec() {
        return codec;
    }

    int clockRate() {
        return clockRate;
    }

    int payloadType() {
        return payloadType;
    }

    /** The negotiated codec as the publisher's SDP describes it. */
    io.cpaas.sfu.sdp.PayloadType codecDescription() {
        return codecDescription;
    }

    boolean isVideo() {
        return "video".equals(track.kind());
    }

    List<DownTrack> downTracks() {
        return downTracks;
    }

    void add(DownTrack downTrack) {
        downTracks.add(downTrack);
    }

    void remove(DownTrack downTrack) {
        downTracks.remove(downTrack);
    }

    boolean serverMuted() {
        return serverMuted;
    }

    void serverMuted(boolean value) {
        serverMuted = value;
    }

    void counted(int length) {
        packets.increment();
        bytes.add(length);
    }

    long packets() {
        return packets.sum();
    }

    long bytes() {
        return bytes.sum();
    }

    /** True when a keyframe request may go to the publisher now (at most one per 300 ms). */
    boolean mayRequestKeyframe() {
        long now = System.nanoTime();
        long last = lastKeyframeRequest.get();
        return now - last >= KEYFRAME_REQUEST_INTERVAL_NANOS && lastKeyframeRequest.compareAndSet(last, now);
    }
}
