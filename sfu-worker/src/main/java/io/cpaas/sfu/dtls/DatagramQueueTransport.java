package io.cpaas.sfu.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.TlsTimeoutException;

/**
 * The datagram side of bctls for one session: the UDP receive thread offers datagrams into a bounded queue,
 * bctls takes them out on the session's executor thread; what bctls sends goes straight to the worker's
 * sender.
 *
 * <p>Two modes. During the handshake {@code receive} blocks (bounded by bctls' resend timer and the handshake
 * deadline), because {@code DTLSServerProtocol.accept} is a blocking loop. Once established it never blocks:
 * an empty queue ends the read with {@link NoDatagram}, which bctls passes up untouched (it rethrows
 * {@link InterruptedIOException} without failing the connection), so post-handshake records are processed by
 * short drain tasks and no thread is held while the association is idle.
 */
final class DatagramQueueTransport implements DatagramTransport {

    /** Largest datagram accepted from the network; larger ones are counted and dropped. */
    static final int MAX_DATAGRAM_SIZE = 1500;
    /** Room above MAX_DATAGRAM_SIZE so bctls' per-record limit (which subtracts AEAD overhead) never truncates. */
    private static final int RECEIVE_LIMIT = MAX_DATAGRAM_SIZE + 64;
    private static final byte[] WAKE_UP = new byte[0];

    /** Signals "nothing to read now" (non-blocking mode) or "transport closed" to whoever called bctls. */
    static final class NoDatagram extends InterruptedIOException {
        NoDatagram(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // control flow, not an error: skip the stack walk
        }
    }

    private final BlockingQueue<byte[]> inbound;
    private final Consumer<byte[]> sender;
    private final int sendLimit;
    private final AtomicLong datagramsSent = new AtomicLong();
    private final AtomicLong droppedOversized;

    private volatile boolean nonBlocking;
    private volatile boolean closed;
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private volatile long timeoutMillis;

    DatagramQueueTransport(int capacity, int sendLimit, Consumer<byte[]> sender, AtomicLong droppedOversized) {
        this.inbound = new ArrayBlockingQueue<>(capacity);
        this.sendLimit = sendLimit;
        this.sender = sender;
        this.droppedOversized = droppedOversized;
    }

    /** From the UDP receive thread: never blocks; false when the queue is full or the transport closed. */
    boolean offer(byte[] datagram) {
        return !closed && inbound.offer(datagram);
    }

    /** Blocking reads give up with a TlsTimeoutException once this deadline (System.nanoTime) has passed. */
    void handshakeDeadline(long deadlineNanos, long timeoutMillis) {
        this.deadlineNanos = deadlineNanos;
        this.timeoutMillis = timeoutMillis;
    }

    void switchToNonBlocking() {
        nonBlocking = true;
    }

    boolean isClosed() {
        return closed;
    }

    long datagramsSent() {
        return datagramsSent.get();
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return sendLimit;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        while (true) {
            if (closed) {
                throw new NoDatagram("DTLS session closed");
            }
            byte[] datagram = nonBlocking ? inbound.poll() : take(waitMillis);
            if (datagram == null) {
                if (nonBlocking) {
                    throw new NoDatagram("no datagram queued");
                }
                return -1; // bctls' resend timer fired: it retransmits its last flight and asks again
            }
            if (datagram == WAKE_UP) {
                continue;
            }
            if (datagram.length > len) {
                droppedOversized.incrementAndGet();
                continue;
            }
            System.arraycopy(datagram, 0, buf, off, datagram.length);
            return datagram.length;
        }
    }

    private byte[] take(int waitMillis) throws IOException {
        long remainingNanos = deadlineNanos - System.nanoTime();
        if (remainingNanos <= 0) {
            throw new TlsTimeoutException("DTLS handshake did not complete within " + timeoutMillis + " ms");
        }
        // waitMillis 0 means "no limit" for bctls; the handshake deadline still applies.
        long waitNanos = waitMillis > 0 ? Math.min(TimeUnit.MILLISECONDS.toNanos(waitMillis), remainingNanos)
                : remainingNanos;
        try {
            return inbound.poll(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a DTLS datagram");
        }
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        if (closed) {
            return;
        }
        datagramsSent.incrementAndGet();
        sender.accept(Arrays.copyOfRange(buf, off, off + len));
    }

    /** Called by bctls after its close_notify or fatal alert went out, and by the session when it ends. */
    @Override
    public void close() {
        closed = true;
        inbound.clear();
        inbound.offer(WAKE_UP); // a handshake thread blocked in poll() wakes up and sees 'closed'
    }
}
