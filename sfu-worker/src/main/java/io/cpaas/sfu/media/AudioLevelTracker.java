package io.cpaas.sfu.media;

/**
 * How loud one participant is, from the RFC 6464 audio level its microphone packets carry: the
 * receive thread adds each packet's level ({@link #onPacket}), and the room's speaker task takes a
 * smoothed level every few hundred milliseconds ({@link #sample}).
 *
 * <p>A level is converted from -dBov to linear amplitude (0 dBov is 1.0, -20 dBov 0.1), packets
 * quieter than {@link #NOISE_FLOOR_DBOV} count as silence, and a sample is the mean amplitude of the
 * packets since the previous sample. Smoothing rises fast and falls slowly, so that a speaker stays
 * active through the short pauses of speech (and Chromium's fake microphone, a 20 ms beep every half
 * second, reads as a steady speaker) while the end of speaking shows within a second or two.
 *
 * <p>One writer (the receive thread) and one reader (the speaker task): the writer only adds to
 * cumulative counters, the reader takes differences, so nothing is locked or allocated per packet.
 */
public final class AudioLevelTracker {

    /** Quieter packets are silence (RFC 6464 levels run from 0, loudest, to 127 -dBov). */
    static final int NOISE_FLOOR_DBOV = 70;
    /** Share of the gap closed per sample when the level rises, and when it falls. */
    static final double ATTACK = 0.7;
    static final double RELEASE = 0.25;
    /** Below this the smoothed level is 0: what is left of a voice long gone. */
    static final double FLOOR = 1e-4;
    private static final long[] AMPLITUDE_MICROS = new long[128];

    static {
        for (int level = 0; level < AMPLITUDE_MICROS.length; level++) {
            AMPLITUDE_MICROS[level] = level > NOISE_FLOOR_DBOV ? 0 : Math.round(1_000_000 * Math.pow(10, -level / 20.0));
        }
    }

    // Written by the receive thread only.
    private volatile long packets;
    private volatile long amplitudeMicros;

    // The sampling thread's own.
    private long sampledPackets;
    private long sampledAmplitudeMicros;
    private double smoothed;

    /**
     * One audio packet arrived with the audio level octet {@code levelOctet} (as
     * {@link io.cpaas.sfu.rtp.RtpPacket#audioLevelOctet} answers it; negative when absent).
     */
    public void onPacket(int levelOctet) {
        if (levelOctet < 0) {
            return;
        }
        amplitudeMicros = amplitudeMicros + AMPLITUDE_MICROS[levelOctet & 0x7F];
        packets = packets + 1;
    }

    /**
     * The smoothed level (0 silent, 1 full scale) including the packets since the previous call;
     * call from one thread at a steady interval. No packets since then (muted, not publishing audio,
     * or the network lost them) count as silence.
     */
    public double sample() {
        long nowPackets = packets;
        long nowAmplitude = amplitudeMicros;
        long count = nowPackets - sampledPackets;
        long sum = nowAmplitude - sampledAmplitudeMicros;
        sampledPackets = nowPackets;
        sampledAmplitudeMicros = nowAmplitude;
        double window = count <= 0 ? 0 : Math.max(0, sum) / 1e6 / count;
        smoothed += (window - smoothed) * (window > smoothed ? ATTACK : RELEASE);
        if (smoothed < FLOOR) {
            smoothed = 0;
        }
        return smoothed;
    }

    /** The level of the last {@link #sample}. */
    public double level() {
        return smoothed;
    }
}
