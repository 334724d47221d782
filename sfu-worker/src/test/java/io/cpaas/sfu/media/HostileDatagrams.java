package io.cpaas.sfu.media;

import io.cpaas.sfu.stun.StunRequestBuilder;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded flood at the worker's media port from loopback, sent from {@link #SOURCES} sockets so that
 * it comes from many unknown peers: random bytes; STUN binding requests shaped like a browser's
 * (USERNAME, PRIORITY, ICE-CONTROLLING, USE-CANDIDATE, a MESSAGE-INTEGRITY and a valid FINGERPRINT) for
 * ufrags the worker never gave out; and DTLS- and RTP-looking datagrams from addresses it never
 * latched. Stops by itself after {@code maxPackets} or {@code maxMillis}, or when closed.
 */
final class HostileDatagrams implements AutoCloseable {

    static final int SOURCES = 32;

    private final Thread sender;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong stunSent = new AtomicLong();
    private volatile boolean running = true;

    private HostileDatagrams(int port, int maxPackets, int perSecond, long maxMillis) {
        sender = new Thread(() -> run(port, maxPackets, perSecond, maxMillis), "hostile-datagrams");
        sender.setDaemon(true);
    }

    static HostileDatagrams start(int port, int maxPackets, int perSecond, long maxMillis) {
        HostileDatagrams flood = new HostileDatagrams(port, maxPackets, perSecond, maxMillis);
        flood.sender.start();
        return flood;
    }

    long sent() {
        return sent.get();
    }

    /** Of {@link #sent()}, the well-formed binding requests for unknown ufrags. */
    long stunSent() {
        return stunSent.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sender.join(5000);
    }

    private void run(int port, int maxPackets, int perSecond, long maxMillis) {
        Random random = new Random(7);
        List<DatagramSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < SOURCES; i++) {
                sockets.add(new DatagramSocket(0, InetAddress.getLoopbackAddress()));
            }
            InetAddress target = InetAddress.getLoopbackAddress();
            long started = System.nanoTime();
            long until = started + maxMillis * 1_000_000L;
            for (int i = 0; i < maxPackets && running && System.nanoTime() < until; i++) {
                int kind = i % 5;
                byte[] datagram = datagram(random, kind);
                sockets.get(i % SOURCES).send(new DatagramPacket(datagram, datagram.length, target, port));
                sent.incrementAndGet();
                if (kind == 0) {
                    stunSent.incrementAndGet();
                }
                long due = started + (long) i * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        } catch (IOException | InterruptedException e) {
            // the flood ends; the test judges the call, not the flood
        } finally {
            sockets.forEach(DatagramSocket::close);
        }
    }

    private static byte[] datagram(Random random, int kind) {
        if (kind == 0) {
            return browserLikeBindingRequest(random);
        }
        byte[] bytes = new byte[20 + random.nextInt(1200)];
        random.nextBytes(bytes);
        switch (kind) {
            case 1 -> { // STUN header with an unknown ufrag's worth of garbage after it
                bytes[0] = 0x00;
                bytes[1] = 0x01;
                int length = (bytes.length - 20) & ~3;
                bytes[2] = (byte) (length >> 8);
                bytes[3] = (byte) length;
                bytes[4] = 0x21;
                bytes[5] = 0x12;
                bytes[6] = (byte) 0xA4;
                bytes[7] = 0x42;
                return Arrays.copyOf(bytes, 20 + length);
            }
            case 2 -> bytes[0] = 22; // DTLS handshake record type
            case 3 -> bytes[0] = (byte) 0x80; // RTP
            default -> { } // anything at all
        }
        return bytes;
    }

    /** What a browser's connectivity check looks like, for a ufrag pair nobody negotiated. */
    private static byte[] browserLikeBindingRequest(Random random) {
        String ours = ufrag(random, 8);
        String theirs = ufrag(random, 4);
        return StunRequestBuilder.bindingRequest()
                .username(ours + ":" + theirs)
                .priority(1853817087L)
                .iceControlling(random.nextLong())
                .useCandidate()
                .messageIntegrity(ufrag(random, 24))
                .fingerprint()
                .build();
    }

    private static String ufrag(Random random, int length) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(chars.charAt(random.nextInt(chars.length())));
        }
        return s.toString();
    }
}
