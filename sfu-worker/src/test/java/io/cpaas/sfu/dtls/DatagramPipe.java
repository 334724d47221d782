package io.cpaas.sfu.dtls;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.bouncycastle.tls.DatagramTransport;

/**
 * An in-memory network between a test DTLS client and a {@link DtlsServerSession}: client datagrams are handed
 * to {@code session.receive} (as the UDP thread would), server datagrams land in a queue the client reads.
 * Either direction can drop or be preceded by injected datagrams.
 */
final class DatagramPipe {

    private final BlockingQueue<byte[]> toClient = new LinkedBlockingQueue<>();
    private final List<byte[]> sentByServer = new ArrayList<>();
    private volatile DtlsServerSession session;
    private volatile boolean closed;

    volatile Predicate<byte[]> dropToServer = datagram -> false;
    volatile Predicate<byte[]> dropToClient = datagram -> false;
    volatile Consumer<DtlsServerSession> beforeEachClientDatagram = session -> { };
    /** Pack the client's records after its ClientHello into one datagram per flight, as BoringSSL does. */
    volatile boolean packClientFlights;
    private final java.io.ByteArrayOutputStream pendingFlight = new java.io.ByteArrayOutputStream();

    void connect(DtlsServerSession session) {
        this.session = session;
    }

    /** The session's sender. */
    Consumer<byte[]> serverSender() {
        return datagram -> {
            synchronized (sentByServer) {
                sentByServer.add(datagram);
            }
            if (!dropToClient.test(datagram)) {
                toClient.add(datagram);
            }
        };
    }

    List<byte[]> sentByServer() {
        synchronized (sentByServer) {
            return new ArrayList<>(sentByServer);
        }
    }

    DatagramTransport clientTransport() {
        return new DatagramTransport() {
            @Override
            public int getReceiveLimit() {
                return 1500;
            }

            @Override
            public int getSendLimit() {
                return 1200;
            }

            @Override
            public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
                if (closed) {
                    throw new IOException("pipe closed");
                }
                try {
                    byte[] datagram = toClient.poll(Math.max(1, waitMillis), TimeUnit.MILLISECONDS);
                    if (closed) {
                        throw new IOException("pipe closed");
                    }
                    if (datagram == null) {
                        return -1;
                    }
                    int n = Math.min(len, datagram.length);
                    System.arraycopy(datagram, 0, buf, off, n);
                    return n;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }

            @Override
            public void send(byte[] buf, int off, int len) throws IOException {
                if (closed) {
                    throw new IOException("pipe closed");
                }
                byte[] record = Arrays.copyOfRange(buf, off, off + len);
                if (!packClientFlights || isClientHello(record)) {
                    deliver(record);
                    return;
                }
                // The flight ends with the Finished (epoch 1); everything before it waits.
                pendingFlight.write(record, 0, record.length);
                if (epoch(record) == 1) {
                    byte[] flight = pendingFlight.toByteArray();
                    pendingFlight.reset();
                    deliver(flight);
                }
            }

            private void deliver(byte[] datagram) {
                beforeEachClientDatagram.accept(session);
                if (!dropToServer.test(datagram)) {
                    session.receive(datagram, 0, datagram.length);
                }
            }

            @Override
            public void close() {
                // the client's close_notify has been sent through send(); nothing to release
            }
        };
    }

    /** Makes the client's transport fail, which ends a client stuck in its handshake. */
    void close() {
        closed = true;
        toClient.add(new byte[0]);
    }

    /** Drops the first datagram that matches, passes everything else. */
    static Predicate<byte[]> dropFirst(Predicate<byte[]> matcher) {
        AtomicBoolean dropped = new AtomicBoolean();
        return datagram -> matcher.test(datagram) && dropped.compareAndSet(false, true);
    }

    static boolean isClientHello(byte[] datagram) {
        return datagram.length > 13 && datagram[0] == 22 && epoch(datagram) == 0 && datagram[13] == 1;
    }

    /** A handshake record in epoch 1: the (encrypted) Finished. */
    static boolean isEncryptedHandshake(byte[] datagram) {
        return datagram.length > 13 && datagram[0] == 22 && epoch(datagram) == 1;
    }

    /** How many DTLS records the datagram carries (following the record length fields). */
    static int recordCount(byte[] datagram) {
        int count = 0;
        for (int at = 0; at + 13 <= datagram.length; count++) {
            at += 13 + ((datagram[at + 11] & 0xFF) << 8 | (datagram[at + 12] & 0xFF));
        }
        return count;
    }

    static int epoch(byte[] datagram) {
        return (datagram[3] & 0xFF) << 8 | (datagram[4] & 0xFF);
    }
}
