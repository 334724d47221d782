package io.cpaas.sfu.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bounded random and mutated datagrams: parsing never throws, and never reads outside the range it
 * was given. Each datagram is parsed twice, alone in an exact-size array (a read past the end
 * throws) and at an offset inside random garbage (a read outside the range would change the
 * answers): both must give the same answers. The same property is also fuzzed coverage-guided by
 * Jazzer ({@link #anyDatagramIsParsedSafelyAndWithinBounds}; seeds in {@code RtpPacketFuzzTestsInputs/},
 * see docs/reliability.md).
 */
class RtpPacketFuzzTests {

    private static final int CASES = 20_000;

    private final RtpPacket packet = new RtpPacket();

    @Test
    void randomAndMutatedDatagramsAreParsedSafelyAndWithinBounds() {
        Random random = new Random(3550);
        int valid = 0;
        int withExtensions = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] datagram = i % 4 == 0 ? randomBytes(random) : mutate(random, plausiblePacket(random));

            String alone = describe(datagram.clone(), 0, datagram.length);

            int before = random.nextInt(40);
            byte[] embedded = new byte[before + datagram.length + random.nextInt(40)];
            random.nextBytes(embedded);
            System.arraycopy(datagram, 0, embedded, before, datagram.length);
            String inside = describe(embedded, before, datagram.length);

            assertEquals(alone, inside, "case " + i + ": " + Arrays.toString(datagram));
            if (alone.startsWith("valid")) {
                valid++;
                if (alone.contains("ext=")) {
                    withExtensions++;
                }
            }
        }
        assertTrue(valid > CASES / 3, "the generator reaches valid packets: " + valid);
        assertTrue(withExtensions > CASES / 10, "and extension parsing: " + withExtensions);
    }

    @FuzzTest(maxDuration = "5s")
    void anyDatagramIsParsedSafelyAndWithinBounds(byte[] datagram) {
        String alone = describe(datagram.clone(), 0, datagram.length);
        byte[] embedded = new byte[datagram.length + 64];
        Arrays.fill(embedded, (byte) 0xA5);
        System.arraycopy(datagram, 0, embedded, 32, datagram.length);
        assertEquals(alone, describe(embedded, 32, datagram.length), Arrays.toString(datagram));
    }

    /** Every answer the parser gives about a datagram, including after an in-place id rewrite. */
    private String describe(byte[] buf, int off, int len) {
        packet.wrap(buf, off, len);
        if (!packet.isValid()) {
            return "invalid " + packet.findExtension(1) + " " + packet.transportSequenceNumber(1);
        }
        StringBuilder s = new StringBuilder("valid ");
        s.append(packet.marker()).append(' ').append(packet.payloadType()).append(' ')
                .append(packet.sequenceNumber()).append(' ').append(packet.timestamp()).append(' ')
                .append(packet.ssrc()).append(' ').append(packet.headerLength()).append(' ')
                .append(packet.payloadOffset() - off).append(' ').append(packet.payloadLength()).append(' ')
                .append(packet.paddingLength()).append(' ').append(packet.extensionProfile());
        for (int c = 0; c < packet.csrcCount(); c++) {
            s.append(" c").append(packet.csrc(c));
        }
        for (int id = 0; id <= 16; id++) {
            appendExtension(s, id, off);
        }
        appendExtension(s, 200, off);
        appendExtension(s, 255, off);
        appendExtension(s, 256, off);
        byte[] map = new byte[16];
        for (int id = 1; id < 16; id++) {
            map[id] = (byte) (15 - id);
        }
        s.append(" rw=").append(packet.rewriteExtensionIds(map));
        s.append(" rw1=").append(packet.rewriteExtensionId(1, 2));
        for (int id = 0; id <= 16; id++) {
            appendExtension(s, id, off);
        }
        int p = packet.payloadOffset();
        int n = packet.payloadLength();
        s.append(" k").append(Vp8KeyframeDetector.INSTANCE.isKeyframe(buf, p, n))
                .append(Vp9KeyframeDetector.INSTANCE.isKeyframe(buf, p, n))
                .append(H264KeyframeDetector.INSTANCE.isKeyframe(buf, p, n));
        return s.toString();
    }

    private void appendExtension(StringBuilder s, int id, int off) {
        int data = packet.findExtension(id);
        if (data < 0) {
            return;
        }
        s.append(" ext=").append(id).append('@').append(data - off).append('/').append(packet.extensionLength(data))
                .append(':').append(packet.mid(id)).append(',').append(packet.audioLevelOctet(id)).append(',')
                .append(packet.transportSequenceNumber(id)).append(',').append(packet.absSendTime(id));
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(80)];
        random.nextBytes(b);
        if (b.length > 0 && random.nextBoolean()) {
            b[0] = (byte) (0x80 | (b[0] & 0x3F)); // version 2 half of the time
        }
        return b;
    }

    /** A well-formed packet with random CSRCs, extension elements, payload and padding. */
    private static byte[] plausiblePacket(Random random) {
        RtpPacketComposer c = new RtpPacketComposer()
                .payloadType(random.nextInt(128)).marker(random.nextBoolean())
                .seq(random.nextInt(65536)).ts(random.nextInt()).ssrc(random.nextInt());
        int[] csrcs = new int[random.nextInt(3)];
        for (int i = 0; i < csrcs.length; i++) {
            csrcs[i] = random.nextInt();
        }
        c.csrcs(csrcs);
        int form = random.nextInt(3);
        if (form > 0) {
            if (form == 1) {
                c.oneByteExtensions();
            } else {
                c.twoByteExtensions();
            }
            int elements = random.nextInt(5);
            for (int e = 0; e < elements; e++) {
                if (random.nextInt(5) == 0) {
                    c.rawExtensionBytes(0);
                }
                byte[] data = new byte[form == 1 ? 1 + random.nextInt(16) : random.nextInt(20)];
                random.nextBytes(data);
                c.element(form == 1 ? 1 + random.nextInt(14) : 1 + random.nextInt(255), data);
            }
        }
        byte[] payload = new byte[random.nextInt(40)];
        random.nextBytes(payload);
        if (payload.length > 0 && random.nextBoolean()) {
            payload[0] = (byte) new int[] {0x10, 0x90, 0x88, 0xAE, 0x65, 0x78, 0x7C}[random.nextInt(7)];
        }
        c.payload(payload);
        if (random.nextInt(4) == 0) {
            c.padding(1 + random.nextInt(8));
        }
        return c.build();
    }

    /** Flips bits, overwrites bytes or truncates; sometimes leaves the packet intact. */
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
                b[at] = (byte) (random.nextBoolean() ? 0xFF : 0x00);
            }
        }
        return b;
    }
}
