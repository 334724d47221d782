package io.cpaas.bench.jmh;

import io.cpaas.sfu.srtp.SrtpMasterKey;
import io.cpaas.sfu.srtp.SrtpProfile;
import io.cpaas.sfu.srtp.SrtpSession;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the worker pays per RTP packet for SRTP, through {@link SrtpSession}'s public calls as
 * {@code PeerConnection} makes them: the per-SSRC look-up, the index and replay checks and the cipher.
 *
 * <ul>
 *   <li>{@code protect}: encrypt and tag one packet in place, as every forwarded copy is.</li>
 *   <li>{@code protectThenUnprotect}: the same packet encrypted by one side and checked and decrypted by
 *       the other, as every received packet is; unprotect costs the difference.</li>
 * </ul>
 *
 * <p>Each call sends the next sequence number: a session refuses to protect one index twice. A packet
 * is encrypted again in place each time; its bytes do not change the cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SrtpBenchmark {

    /** 1,000 bytes: a video packet of ~500 kbit/s VP8; 100 bytes: an Opus frame of 20 ms. */
    @Param({"1000", "100"})
    public int payload;

    @Param({"AEAD_AES_128_GCM", "AES_CM_128_HMAC_SHA1_80"})
    public SrtpProfile profile;

    private static final int HEADER = 12;
    private static final int SSRC = 0x1234_5678;

    private SrtpSession sender;
    private SrtpSession receiver;
    private byte[] packet;
    private int sequence;

    @Setup
    public void setUp() {
        byte[] key = new byte[profile.masterKeyLength()];
        byte[] salt = new byte[profile.masterSaltLength()];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) (i * 13 + 5);
        }
        SrtpMasterKey master = SrtpMasterKey.of(profile, key, salt);
        sender = new SrtpSession(master);
        receiver = new SrtpSession(master);
        packet = new byte[HEADER + payload + SrtpSession.MAX_RTP_OVERHEAD];
        packet[0] = (byte) 0x80;
        packet[1] = 96;
        packet[8] = (byte) (SSRC >>> 24);
        packet[9] = (byte) (SSRC >>> 16);
        packet[10] = (byte) (SSRC >>> 8);
        packet[11] = (byte) SSRC;
        for (int i = HEADER; i < HEADER + payload; i++) {
            packet[i] = (byte) i;
        }
    }

    @Benchmark
    public int protect() {
        nextSequence();
        return checked(sender.protectRtp(packet, 0, HEADER + payload));
    }

    @Benchmark
    public int protectThenUnprotect() {
        nextSequence();
        int sent = checked(sender.protectRtp(packet, 0, HEADER + payload));
        return checked(receiver.unprotectRtp(packet, 0, sent));
    }

    private void nextSequence() {
        sequence++;
        packet[2] = (byte) (sequence >>> 8);
        packet[3] = (byte) sequence;
    }

    /** A benchmark that measured a refusal would measure nothing: fail it instead. */
    private static int checked(int length) {
        if (length < 0) {
            throw new IllegalStateException("SRTP refused the packet: error " + length);
        }
        return length;
    }
}
