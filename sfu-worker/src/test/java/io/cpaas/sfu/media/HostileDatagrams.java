package io.cpaas.sfu.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded flood of garbage at the worker's media port from loopback: random bytes, STUN with
 * unknown ufrags, DTLS- and RTP-looking datagrams from sources the worker never latched. Stops by
 * itself after {@code maxPackets} or when closed.
 */
final class HostileDatagrams implements AutoCloseable {

    private final Thread sender;
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean running = true;

    private HostileDatagrams(int port, int maxPackets, int perSecond) {
        sender = new Thread(() -> run(port, maxPackets, perSecond), "hostile-datagrams");
        sender.setDaemon(true);
    }

    static HostileDatagrams start(int port, int maxPackets, int perSecond) {
        HostileDatagrams flood = new HostileDatagrams(port, maxPackets, perSecond);
        flood.sender.start();
        return flood;
    }

    long sent() {
        return sent.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sender.join(5000);
    }

    private void run(int port, int maxPackets, int perSecond) {
        Random random = new Random(7);
        try (DatagramSocket socket = new DatagramSocket()) {
            InetAddress target = InetAddress.getLoopbackAddress();
            long started = System.nanoTime();
            for (int i = 0; i < maxPackets && running; i++) {
                byte[] datagram = datagram(random, i % 4);
                socket.send(new DatagramPacket(datagram, datagram.length, target, port));
                sent.incrementAndGet();
                long due = started + (long) i * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        } catch (IOException | InterruptedException e) {
            // the flood ends; the test judges the call, not the flood
        }
    }

    private static byte[] datagram(Random random, int kind) {
        byte[] bytes = new byte[20 + random.nextInt(1200)];
        random.nextBytes(bytes);
        switch (kind) {
            case 0 -> { // STUN binding request shape, with an unknown ufrag
                bytes[0] = 0x00;
                bytes[1] = 0x01;
                int length = (bytes.length - 20) & ~3;
                bytes[2] = (byte) (length >> 8);
                bytes[3] = (byte) length;
                bytes[4] = 0x21;
                bytes[5] = 0x12;
                bytes[6] = (byte) 0xA4;
                bytes[7] = 0x42;
                return java.util.Arrays.copyOf(bytes, 20 + length);
            }
            case 1 -> bytes[0] = 22; // DTLS handshake record type
            case 2 -> bytes[0] = (byte) 0x80; // RTP
            default -> { } // anything at all
        }
        return bytes;
    }
}
