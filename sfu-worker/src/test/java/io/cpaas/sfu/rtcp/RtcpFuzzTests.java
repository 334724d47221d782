package io.cpaas.sfu.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bounded random and mutated compound RTCP: iteration and every reader the iterator vouches for
 * never throw, and never read outside the range given. Each datagram is parsed alone in an
 * exact-size array and inside random garbage at an offset; the answers must match. The same property
 * is also fuzzed coverage-guided by Jazzer ({@link #anyCompoundIsParsedSafelyAndWithinBounds}; seeds in
 * {@code RtcpFuzzTestsInputs/}, see docs/reliability.md).
 */
class RtcpFuzzTests {

    private static final int CASES = 20_000;

    private final RtcpCompoundIterator it = new RtcpCompoundIterator();
    private final TransportCcFeedback twcc = new TransportCcFeedback();
    private final int[] lost = new int[64];

    @Test
    void randomAndMutatedCompoundsAreParsedSafelyAndWithinBounds() {
        Random random = new Random(4585);
        int wellFormed = 0;
        int packetsRead = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] datagram = i % 5 == 0 ? randomBytes(random) : mutate(random, compound(random));

            String alone = describe(datagram.clone(), 0, datagram.length);
            int before = random.nextInt(40);
            byte[] embedded = new byte[before + datagram.length + random.nextInt(40)];
            random.nextBytes(embedded);
            System.arraycopy(datagram, 0, embedded, before, datagram.length);
            String inside = describe(embedded, before, datagram.length);

            assertEquals(alone, inside, "case " + i + ": " + Arrays.toString(datagram));
            if (alone.endsWith("ok")) {
                wellFormed++;
            }
            packetsRead += alone.split("\\|").length - 1;
        }
        assertTrue(wellFormed > CASES / 4, "the generator reaches well-formed compounds: " + wellFormed);
        assertTrue(packetsRead > CASES, "and many packets: " + packetsRead);
    }

    @Test
    void theTransportCcDecoderIsSafeOnArbitraryBytes() {
        Random random = new Random(15);
        for (int i = 0; i < CASES; i++) {
            byte[] b = new byte[random.nextInt(64)];
            random.nextBytes(b);
            if (b.length > 15 && random.nextBoolean()) {
                b[14] = 0;
                b[15] = (byte) random.nextInt(40); // plausible status counts
            }
            int off = b.length == 0 ? 0 : random.nextInt(b.length);
            int len = random.nextInt(b.length - off + 1);
            if (twcc.decode(b, off, len)) {
                for (int k = 0; k < twcc.statusCount(); k++) {
                    twcc.arrivalMicros(k);
                }
            }
        }
    }

    @FuzzTest(maxDuration = "5s")
    void anyCompoundIsParsedSafelyAndWithinBounds(byte[] datagram) {
        String alone = describe(datagram.clone(), 0, datagram.length);
        byte[] embedded = new byte[datagram.length + 64];
        Arrays.fill(embedded, (byte) 0xA5);
        System.arraycopy(datagram, 0, embedded, 32, datagram.length);
        assertEquals(alone, describe(embedded, 32, datagram.length), Arrays.toString(datagram));
        if (twcc.decode(datagram, 0, datagram.length)) {
            for (int k = 0; k < twcc.statusCount(); k++) {
                twcc.arrivalMicros(k);
            }
        }
    }

    private String describe(byte[] buf, int off, int len) {
        StringBuilder s = new StringBuilder();
        it.wrap(buf, off, len);
        while (it.next()) {
            int p = it.offset();
            int n = it.length();
            s.append('|').append(it.packetType()).append('/').append(it.countOrFormat()).append('@')
                    .append(p - off).append('+').append(n);
            switch (it.packetType()) {
                case RtcpHeader.SR -> {
                    s.append(' ').append(SenderReport.senderSsrc(buf, p)).append(' ')
                            .append(SenderReport.ntpTimestamp(buf, p)).append(' ').append(SenderReport.octetCount(buf, p));
                    for (int b = 0; b < SenderReport.reportCount(buf, p); b++) {
                        block(s, buf, SenderReport.reportBlockOffset(p, b));
                    }
                }
                case RtcpHeader.RR -> {
                    for (int b = 0; b < ReceiverReport.reportCount(buf, p); b++) {
                        block(s, buf, ReceiverReport.reportBlockOffset(p, b));
                    }
                }
                case RtcpHeader.BYE -> {
                    for (int k = 0; k < Bye.ssrcCount(buf, p); k++) {
                        s.append(' ').append(Bye.ssrc(buf, p, k));
                    }
                }
                case RtcpHeader.RTPFB -> {
                    s.append(' ').append(FeedbackPacket.mediaSsrc(buf, p));
                    if (it.countOrFormat() == RtcpHeader.FMT_NACK) {
                        int count = Nack.lostSequenceNumbers(buf, p, n, lost);
                        s.append(" nack ").append(Nack.lostCount(buf, p, n)).append(Arrays.toString(Arrays.copyOf(lost, count)));
                    } else if (it.countOrFormat() == RtcpHeader.FMT_TRANSPORT_CC) {
                        s.append(" twcc ").append(TransportCcFeedback.baseSequenceNumber(buf, p)).append(' ')
                                .append(TransportCcFeedback.referenceTime(buf, p));
                        if (twcc.decode(buf, p, n)) {
                            for (int k = 0; k < twcc.statusCount(); k++) {
                                s.append(',').append(twcc.symbol(k)).append(':').append(twcc.arrivalMicros(k));
                            }
                        } else {
                            s.append(" undecodable");
                        }
                    }
                }
                case RtcpHeader.PSFB -> {
                    s.append(' ').append(FeedbackPacket.senderSsrc(buf, p));
                    if (it.countOrFormat() == RtcpHeader.FMT_FIR) {
                        for (int k = 0; k < Fir.entryCount(n); k++) {
                            s.append(" fir ").append(Fir.entrySsrc(buf, p, k)).append('#').append(Fir.entrySequenceNumber(buf, p, k));
                        }
                    } else if (it.isRemb()) {
                        s.append(" remb ").append(Remb.bitrate(buf, p));
                        for (int k = 0; k < Remb.ssrcCount(buf, p); k++) {
                            s.append(' ').append(Remb.ssrc(buf, p, k));
                        }
                    }
                }
                default -> { }
            }
        }
        s.append(it.isMalformed() ? " malformed" : " ok");
        return s.toString();
    }

    private static void block(StringBuilder s, byte[] buf, int b) {
        s.append(" [").append(ReportBlock.ssrc(buf, b)).append(',').append(ReportBlock.fractionLost(buf, b)).append(',')
                .append(ReportBlock.cumulativeLost(buf, b)).append(',').append(ReportBlock.delaySinceLastSenderReport(buf, b))
                .append(']');
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(100)];
        random.nextBytes(b);
        if (b.length > 1 && random.nextBoolean()) {
            b[0] = (byte) (0x80 | (b[0] & 0x1F));
            b[1] = (byte) (200 + random.nextInt(8));
        }
        return b;
    }

    /** One to four packets from this package's own writers. */
    private static byte[] compound(Random random) {
        byte[] buf = new byte[4000];
        int p = 0;
        int packets = 1 + random.nextInt(4);
        for (int i = 0; i < packets; i++) {
            switch (random.nextInt(8)) {
                case 0 -> {
                    int blocks = random.nextInt(3);
                    p += SenderReport.write(buf, p, random.nextInt(), random.nextLong(), random.nextInt(), 1, 2, blocks);
                    for (int b = 0; b < blocks; b++) {
                        ReportBlock.write(buf, p - 24 * (blocks - b), random.nextInt(), random.nextInt(256),
                                random.nextInt(), random.nextInt(), 0, 0, random.nextInt());
                    }
                }
                case 1 -> {
                    int blocks = random.nextInt(3);
                    int start = p;
                    p += ReceiverReport.write(buf, p, random.nextInt(), blocks);
                    for (int b = 0; b < blocks; b++) {
                        ReportBlock.write(buf, ReceiverReport.reportBlockOffset(start, b), random.nextInt(), 0, 0, 0, 0, 0, 0);
                    }
                }
                case 2 -> {
                    int[] seqs = new int[1 + random.nextInt(20)];
                    int base = random.nextInt(65536);
                    for (int k = 0; k < seqs.length; k++) {
                        base += 1 + random.nextInt(10);
                        seqs[k] = base & 0xFFFF;
                    }
                    p += Nack.write(buf, p, 1, 2, seqs, 0, seqs.length);
                }
                case 3 -> p += Pli.write(buf, p, 1, random.nextInt());
                case 4 -> p += Fir.write(buf, p, 1, random.nextInt(), random.nextInt(256));
                case 5 -> p += Remb.write(buf, p, 1, random.nextLong() >>> 20, new int[] {1, 2, 3}, random.nextInt(4));
                case 6 -> {
                    TransportCcFeedbackBuilder twcc = new TransportCcFeedbackBuilder(64);
                    int seq = random.nextInt(65536);
                    long t = random.nextInt(1 << 30);
                    for (int k = 0; k < 1 + random.nextInt(40); k++) {
                        t += random.nextInt(100_000);
                        if (random.nextInt(5) > 0) {
                            twcc.onPacketReceived((seq + k) & 0xFFFF, t);
                        }
                    }
                    int length = twcc.build(buf, p, 400, 1, 2);
                    if ((buf[p] & 0x20) == 0 || i == packets - 1) {
                        p += length; // padded packets only last, as RTCP requires
                    }
                }
                default -> p += Bye.write(buf, p, new int[] {random.nextInt()}, 1);
            }
        }
        return Arrays.copyOf(buf, p);
    }

    private static byte[] mutate(Random random, byte[] b) {
        int mutations = random.nextInt(4);
        for (int m = 0; m < mutations && b.length > 0; m++) {
            int kind = random.nextInt(4);
            int at = random.nextInt(b.length);
            if (kind == 0) {
                b[at] ^= (byte) (1 << random.nextInt(8));
            } else if (kind == 1) {
                b[at] = (byte) random.nextInt(256);
            } else if (kind == 2) {
                b = Arrays.copyOf(b, at);
            } else {
                b[at & ~3] ^= 0x1F; // header count/format field
            }
        }
        return b;
    }
}
